/**
 * html-to-text: the text of an HTML part, via parse5 (a spec-compliant parser, so entities and broken markup are
 * handled as a mail client would).
 *
 * Default (the "extracted text is what the reader sees" assumption, unchecked): every piece of character data in
 * the body — text nodes and comments alike — with a word break at every tag. That is the weakness hidden-text
 * and split-word tactics exploit: words the reader never sees are scored, and `V<span></span>iagra` becomes two
 * harmless tokens.
 *
 * `stripHiddenText`: keep only what would render — no comments, no `display:none` / `visibility:hidden` /
 * tiny / zero-size / off-screen elements, no text in (nearly) the background colour — and do not break words at
 * inline tags, so a word split over `<span>`s or comments is read as the one word the reader sees.
 */
import { type DefaultTreeAdapterTypes, parse } from 'parse5';
import {
  backgroundOf,
  colorsIndistinguishable,
  hiddenByStyle,
  parseColor,
  parseInlineStyle,
  type Rgb,
} from './css-visibility.js';

type Node = DefaultTreeAdapterTypes.Node;
type Element = DefaultTreeAdapterTypes.Element;

export interface HtmlToTextOptions {
  stripHiddenText: boolean;
}

/** Elements whose content never renders as body text. */
const NEVER_RENDERED = new Set([
  'head',
  'title',
  'script',
  'style',
  'template',
  'noframes',
  'object',
  'iframe',
  'svg',
  'math',
]);

/** Elements that start a new line when rendered. */
// biome-ignore format: a long word list reads best packed
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'center', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul', 'body', 'html',
]);

/** Inline formatting elements: a reader sees no gap at their edges, so they must not split a word. */
// biome-ignore format: a long word list reads best packed
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'label', 'mark', 'q',
  's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var', 'wbr',
]);

interface RenderContext {
  hidden: boolean;
  color: Rgb;
  background: Rgb;
}

const PAGE: RenderContext = { hidden: false, color: [0, 0, 0], background: [255, 255, 255] };

type WorkItem = { node: Node; ctx: RenderContext } | { separator: string };

export function htmlToText(html: string, options: HtmlToTextOptions): string {
  const visibleOnly = options.stripHiddenText;
  const out: string[] = [];
  // An explicit stack rather than recursion: hostile mail can nest elements thousands deep.
  const stack: WorkItem[] = [{ node: parse(html), ctx: PAGE }];
  while (stack.length > 0) {
    const item = stack.pop() as WorkItem;
    if ('separator' in item) {
      out.push(item.separator);
      continue;
    }
    const { node, ctx } = item;
    if (node.nodeName === '#text') {
      if (!visibleOnly || isReadable(ctx)) out.push((node as DefaultTreeAdapterTypes.TextNode).value);
      continue;
    }
    if (node.nodeName === '#comment') {
      if (!visibleOnly) out.push(' ', (node as DefaultTreeAdapterTypes.CommentNode).data, ' ');
      continue;
    }
    if (!('childNodes' in node)) continue;
    let childCtx = ctx;
    let separator = '';
    if ('tagName' in node) {
      const tag = node.tagName;
      if (NEVER_RENDERED.has(tag)) continue;
      if (visibleOnly) {
        childCtx = renderContextOf(node, ctx);
        if (childCtx.hidden) continue;
      }
      separator = BLOCK.has(tag) ? '\n' : visibleOnly && INLINE.has(tag) ? '' : ' ';
    }
    if (separator) stack.push({ separator });
    for (let i = node.childNodes.length - 1; i >= 0; i--)
      stack.push({ node: node.childNodes[i] as Node, ctx: childCtx });
    if (separator) stack.push({ separator });
  }
  return out
    .join('')
    .replace(/[ \t\f\r\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim();
}

function isReadable(ctx: RenderContext): boolean {
  return !ctx.hidden && !colorsIndistinguishable(ctx.color, ctx.background);
}

function attr(el: Element, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

function renderContextOf(el: Element, parent: RenderContext): RenderContext {
  if (attr(el, 'hidden') !== undefined) return { ...parent, hidden: true };
  const style = parseInlineStyle(attr(el, 'style'));
  if (hiddenByStyle(style)) return { ...parent, hidden: true };
  const color =
    parseColor(style.get('color')) ??
    (el.tagName === 'font' ? parseColor(attr(el, 'color')) : undefined) ??
    (el.tagName === 'body' ? parseColor(attr(el, 'text')) : undefined) ??
    parent.color;
  const background = backgroundOf(style, attr(el, 'bgcolor')) ?? parent.background;
  return { hidden: false, color, background };
}
