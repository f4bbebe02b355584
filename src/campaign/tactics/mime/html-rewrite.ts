/**
 * Surgical HTML edits. The part is parsed with parse5 (a spec-compliant parser, so we find the same text nodes and
 * links a browser would) with source locations, and only the byte ranges an edit touches are replaced. Everything
 * else — odd markup, comments, entities — stays exactly as the attacker's template had it.
 */
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { escapeAttr, escapeHtml, trimUrl, URL_IN_TEXT } from './text-parts.js';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Apply non-overlapping splices (offsets into the original source); overlapping ones are dropped. */
export function applySplices(source: string, splices: readonly Splice[]): string {
  const sorted = [...splices].sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: Splice[] = [];
  let lastEnd = -1;
  for (const s of sorted) {
    if (s.start < lastEnd) continue;
    kept.push(s);
    lastEnd = s.end;
  }
  // One pass over the source: slicing and re-concatenating the whole string per splice is quadratic on long parts.
  const parts: string[] = [];
  let at = 0;
  for (const s of kept) {
    parts.push(source.slice(at, s.start), s.text);
    at = s.end;
  }
  parts.push(source.slice(at));
  return parts.join('');
}

/** Elements whose text is never shown in the body of a mail. */
const NON_RENDERED = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'iframe', 'object']);

export function parseHtml(html: string): T.Document {
  return parse(html, { sourceCodeLocationInfo: true });
}

export function isElement(node: T.Node): node is T.Element {
  return 'tagName' in node;
}

export function isText(node: T.Node): node is T.TextNode {
  return node.nodeName === '#text';
}

export function childrenOf(node: T.Node): T.ChildNode[] {
  if ('content' in node && node.nodeName === 'template') return (node as T.Template).content.childNodes;
  return 'childNodes' in node ? node.childNodes : [];
}

export function attr(el: T.Element, name: string): string | undefined {
  return el.attrs.find((a) => a.name === name)?.value;
}

/** Text nodes of the rendered body, in document order, with their element ancestry. */
export function renderedTextNodes(doc: T.Node): Array<{ node: T.TextNode; ancestors: T.Element[] }> {
  const out: Array<{ node: T.TextNode; ancestors: T.Element[] }> = [];
  const visit = (node: T.Node, ancestors: T.Element[]): void => {
    if (isText(node)) {
      out.push({ node, ancestors });
      return;
    }
    if (isElement(node) && NON_RENDERED.has(node.tagName)) return;
    const next = isElement(node) ? [...ancestors, node] : ancestors;
    for (const c of childrenOf(node)) visit(c, next);
  };
  visit(doc, []);
  return out;
}

/**
 * The source range of a text node, when it is safe to replace. parse5 extends a text node's location when it
 * appends characters to it, and foster-parented table text ("<table>foo<tr>…bar") is appended from far-apart
 * places, so its range can span tags; replacing such a range would delete markup. Those nodes are skipped.
 */
export function textRange(node: T.TextNode, html: string): { start: number; end: number } | undefined {
  const loc = node.sourceCodeLocation;
  if (!loc) return undefined;
  const src = html.slice(loc.startOffset, loc.endOffset);
  if (/<[a-zA-Z/!?]/.test(src)) return undefined;
  return { start: loc.startOffset, end: loc.endOffset };
}

/**
 * Rewrite the rendered text nodes of an HTML document. `fn` gets a node's decoded text and returns an HTML
 * fragment to put in its place (escape plain text with `escapeHtml`), or null to leave it alone.
 */
export function rewriteHtmlText(
  html: string,
  fn: (text: string, ancestors: T.Element[]) => string | null,
): { html: string; changed: number } {
  const doc = parseHtml(html);
  const splices: Splice[] = [];
  for (const { node, ancestors } of renderedTextNodes(doc)) {
    const loc = textRange(node, html);
    if (!loc) continue;
    const next = fn(node.value, ancestors);
    if (next === null) continue;
    splices.push({ start: loc.start, end: loc.end, text: next });
  }
  return { html: applySplices(html, splices), changed: splices.length };
}

/** Elements whose attribute is a link a reader can follow. */
const LINK_ATTRS: ReadonlyArray<readonly [string, string]> = [
  ['a', 'href'],
  ['area', 'href'],
  // a login form posts the victim's password: its target is a link a filter checks too
  ['form', 'action'],
];

function walkElements(node: T.Node, fn: (el: T.Element) => void): void {
  if (isElement(node)) fn(node);
  for (const c of childrenOf(node)) walkElements(c, fn);
}

/**
 * Rewrite every link of an HTML document: `href` of <a>/<area>, `action` of <form>, and URLs written in the visible text (clients
 * auto-link them). `fn` returns the new URL or null to keep one.
 */
export function rewriteHtmlLinks(html: string, fn: (url: string) => string | null): { html: string; changed: number } {
  const doc = parseHtml(html);
  const splices: Splice[] = [];
  walkElements(doc, (el) => {
    for (const [tag, name] of LINK_ATTRS) {
      if (el.tagName !== tag) continue;
      const value = attr(el, name);
      const loc = el.sourceCodeLocation?.attrs?.[name];
      if (value === undefined || !loc) continue;
      const next = fn(value.trim());
      if (next !== null && next !== value.trim()) {
        splices.push({ start: loc.startOffset, end: loc.endOffset, text: `${name}="${escapeAttr(next)}"` });
      }
    }
  });
  for (const { node } of renderedTextNodes(doc)) {
    const loc = textRange(node, html);
    if (!loc) continue;
    const next = rewriteUrlsInText(node.value, fn);
    if (next !== null) splices.push({ start: loc.start, end: loc.end, text: escapeHtml(next) });
  }
  return { html: applySplices(html, splices), changed: splices.length };
}

/** Replace URLs in plain text; null when none changed. */
export function rewriteUrlsInText(text: string, fn: (url: string) => string | null): string | null {
  let changed = false;
  const out = text.replace(URL_IN_TEXT, (m) => {
    const url = trimUrl(m);
    const next = fn(url);
    if (next === null || next === url) return m;
    changed = true;
    return next + m.slice(url.length);
  });
  return changed ? out : null;
}

/** Insert an HTML fragment just before </body> (or </html>, or at the end). */
export function insertBeforeBodyEnd(html: string, fragment: string): string {
  const lower = html.toLowerCase();
  let at = lower.lastIndexOf('</body');
  if (at < 0) at = lower.lastIndexOf('</html');
  if (at < 0) return html + fragment;
  return html.slice(0, at) + fragment + html.slice(at);
}

/**
 * Remove the links from an HTML document for the link-in-attachment tactic: <a href> tags are unwrapped (their
 * text stays), URLs written in the text are cut, and whole <form>s are cut out (a form's action is where the
 * credentials go, so it is a link too). Returns what was removed.
 */
export function extractLinksFromHtml(html: string): { html: string; urls: string[]; forms: string[] } {
  const doc = parseHtml(html);
  const splices: Splice[] = [];
  const urls: string[] = [];
  const forms: string[] = [];
  const formRanges: Array<[number, number]> = [];
  walkElements(doc, (el) => {
    if (el.tagName !== 'form') return;
    const loc = el.sourceCodeLocation;
    if (!loc?.startTag) return;
    const end = loc.endTag ? loc.endTag.endOffset : loc.endOffset;
    formRanges.push([loc.startTag.startOffset, end]);
    forms.push(html.slice(loc.startTag.startOffset, end));
    splices.push({ start: loc.startTag.startOffset, end, text: '' });
  });
  const inForm = (offset: number): boolean => formRanges.some(([s, e]) => offset >= s && offset < e);
  walkElements(doc, (el) => {
    if (el.tagName !== 'a' && el.tagName !== 'area') return;
    const href = attr(el, 'href');
    const loc = el.sourceCodeLocation;
    if (href === undefined || !loc?.startTag || inForm(loc.startTag.startOffset)) return;
    if (/^(mailto:|#|cid:|javascript:)/i.test(href.trim())) return;
    urls.push(href.trim());
    splices.push({ start: loc.startTag.startOffset, end: loc.startTag.endOffset, text: '' });
    if (loc.endTag) splices.push({ start: loc.endTag.startOffset, end: loc.endTag.endOffset, text: '' });
  });
  for (const { node } of renderedTextNodes(doc)) {
    const loc = textRange(node, html);
    if (!loc || inForm(loc.start)) continue;
    const found: string[] = [];
    const next = rewriteUrlsInText(node.value, (u) => {
      found.push(u);
      return '';
    });
    if (next !== null) {
      urls.push(...found);
      splices.push({ start: loc.start, end: loc.end, text: escapeHtml(next) });
    }
  }
  return { html: applySplices(html, splices), urls, forms };
}
