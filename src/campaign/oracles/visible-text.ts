/**
 * What a reader sees of an HTML mail part, approximated without a renderer. Mail clients ignore most style sheets,
 * so inline styles and legacy attributes decide visibility. Text is hidden when an ancestor has display:none, the
 * `hidden` attribute, visibility:hidden (unless a descendant sets it back), opacity 0, a font size under 2px, zero
 * height/width with overflow hidden, an off-screen position, or a text colour indistinguishable from the effective
 * background (default white). Comments, <script>, <style>, <head> are never seen. Inline elements join without a
 * space (so "via<!-- -->gra" and "<span>v</span>iagra" read "viagra"); block elements break lines.
 *
 * Limits: no style sheets or classes, no layout (overlapping boxes, clipping by ancestors, images covering text),
 * no media queries, no pixel rendering.
 */
import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { attr, childrenOf, isElement, isText, parseHtml } from '../tactics/mime/html-rewrite.js';
import { trimUrl, URL_IN_TEXT } from '../tactics/mime/text-parts.js';

export interface VisibleExtraction {
  /** Visible text; block boundaries become line breaks. */
  visible: string;
  /** Text present in the markup that a reader does not see. */
  hidden: string;
  /** Why text was hidden: rule → characters hidden by it. */
  hiddenBy: Record<string, number>;
  /** Link targets a reader can click: visible <a>/<area> hrefs, visible form actions, URLs in visible text. */
  links: string[];
}

type Rgb = readonly [number, number, number];

const NAMED: Record<string, Rgb> = {
  white: [255, 255, 255],
  black: [0, 0, 0],
  red: [255, 0, 0],
  green: [0, 128, 0],
  lime: [0, 255, 0],
  blue: [0, 0, 255],
  navy: [0, 0, 128],
  yellow: [255, 255, 0],
  gray: [128, 128, 128],
  grey: [128, 128, 128],
  silver: [192, 192, 192],
  maroon: [128, 0, 0],
  purple: [128, 0, 128],
  orange: [255, 165, 0],
  teal: [0, 128, 128],
  whitesmoke: [245, 245, 245],
  snow: [255, 250, 250],
  ivory: [255, 255, 240],
  ghostwhite: [248, 248, 255],
  floralwhite: [255, 250, 240],
  aliceblue: [240, 248, 255],
  azure: [240, 255, 255],
  linen: [250, 240, 230],
  seashell: [255, 245, 238],
  mintcream: [245, 255, 250],
  honeydew: [240, 255, 240],
  lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211],
};

/** Channels within this distance read as the same colour. */
const SAME_COLOUR = 16;
const MIN_READABLE_PX = 2;
const OFFSCREEN_PX = -500;

export function parseColor(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'transparent') return undefined;
  const named = NAMED[v];
  if (named) return named;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*([\d.]+)\s*)?\)/.exec(v);
  if (rgb) {
    if (rgb[4] !== undefined && Number(rgb[4]) === 0) return undefined;
    return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  }
  return undefined;
}

function sameColour(a: Rgb, b: Rgb): boolean {
  return a.every((c, i) => Math.abs(c - (b[i] as number)) <= SAME_COLOUR);
}

export function parseStyle(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!style) return out;
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    const key = decl.slice(0, colon).trim().toLowerCase();
    const value = decl
      .slice(colon + 1)
      .replace(/!important/i, '')
      .trim()
      .toLowerCase();
    if (key) out.set(key, value);
  }
  return out;
}

/** A CSS length in px (font-relative units against `base`); undefined when unparseable. */
function lengthPx(value: string | undefined, base: number): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?[\d.]+)\s*(px|pt|em|rem|%|ex|)?$/.exec(value.trim());
  if (!m) {
    const keywords: Record<string, number> = {
      'xx-small': 9,
      'x-small': 10,
      small: 13,
      medium: 16,
      large: 18,
      'x-large': 24,
      'xx-large': 32,
    };
    return keywords[value.trim()];
  }
  const n = Number(m[1]);
  switch (m[2]) {
    case 'pt':
      return (n * 4) / 3;
    case 'em':
      return n * base;
    case 'rem':
      return n * 16;
    case 'ex':
      return (n * base) / 2;
    case '%':
      return (n / 100) * base;
    default:
      return n;
  }
}

/** First colour in a `background` shorthand. */
function backgroundColour(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  for (const token of value.split(/\s+(?![^(]*\))/)) {
    const c = parseColor(token);
    if (c) return c;
  }
  return undefined;
}

interface Ctx {
  /** Reason the whole subtree is hidden (not overridable by descendants). */
  hiddenBy: string | undefined;
  visibilityHidden: boolean;
  color: Rgb | undefined;
  background: Rgb;
  fontPx: number;
}

const BLOCK = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'legend',
  'option',
  'caption',
  'body',
  'html',
]);
const CELL = new Set(['td', 'th']);
const NEVER = new Set(['script', 'style', 'head', 'title', 'noscript', 'template', 'iframe', 'object', 'select']);

function childContext(el: T.Element, parent: Ctx): Ctx {
  const style = parseStyle(attr(el, 'style'));
  const ctx: Ctx = { ...parent };
  if (ctx.hiddenBy) return ctx;
  const display = style.get('display');
  if (display === 'none') ctx.hiddenBy = 'display:none';
  else if (attr(el, 'hidden') !== undefined) ctx.hiddenBy = 'hidden attribute';
  else if (el.tagName === 'input' && attr(el, 'type')?.toLowerCase() === 'hidden') ctx.hiddenBy = 'hidden input';
  const opacity = style.get('opacity');
  if (!ctx.hiddenBy && opacity !== undefined && Number.parseFloat(opacity) <= 0.05) ctx.hiddenBy = 'opacity:0';
  const overflowHidden = /hidden|clip/.test(style.get('overflow') ?? '');
  if (!ctx.hiddenBy && overflowHidden) {
    for (const k of ['height', 'max-height', 'width', 'max-width']) {
      const px = lengthPx(style.get(k), parent.fontPx);
      if (px !== undefined && px <= 1) ctx.hiddenBy = `${k}:0 with overflow:hidden`;
    }
  }
  if (!ctx.hiddenBy && /absolute|fixed|relative/.test(style.get('position') ?? '')) {
    for (const k of ['left', 'top']) {
      const px = lengthPx(style.get(k), parent.fontPx);
      if (px !== undefined && px <= OFFSCREEN_PX) ctx.hiddenBy = 'off-screen position';
    }
  }
  const indent = lengthPx(style.get('text-indent'), parent.fontPx);
  if (!ctx.hiddenBy && indent !== undefined && indent <= OFFSCREEN_PX) ctx.hiddenBy = 'off-screen text-indent';
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') ctx.visibilityHidden = true;
  else if (visibility === 'visible') ctx.visibilityHidden = false;
  const fontSize = lengthPx(style.get('font-size'), parent.fontPx);
  if (fontSize !== undefined) ctx.fontPx = fontSize;
  const colour = parseColor(style.get('color')) ?? (el.tagName === 'font' ? parseColor(attr(el, 'color')) : undefined);
  if (colour) ctx.color = colour;
  const bg =
    parseColor(style.get('background-color')) ??
    backgroundColour(style.get('background')) ??
    parseColor(attr(el, 'bgcolor'));
  if (bg) ctx.background = bg;
  return ctx;
}

function textHiddenReason(ctx: Ctx): string | undefined {
  if (ctx.hiddenBy) return ctx.hiddenBy;
  if (ctx.visibilityHidden) return 'visibility:hidden';
  if (ctx.fontPx < MIN_READABLE_PX) return 'font-size:0';
  if (ctx.color && sameColour(ctx.color, ctx.background)) return 'same colour as background';
  return undefined;
}

/** Extract what a reader sees of an HTML document. */
export function extractVisibleHtml(html: string): VisibleExtraction {
  const doc = parseHtml(html);
  const visible: string[] = [];
  const hidden: string[] = [];
  const hiddenBy: Record<string, number> = {};
  const links: string[] = [];
  const root: Ctx = {
    hiddenBy: undefined,
    visibilityHidden: false,
    color: undefined,
    background: [255, 255, 255],
    fontPx: 16,
  };
  const clickable = (ctx: Ctx): boolean => !ctx.hiddenBy && !ctx.visibilityHidden;

  const visit = (node: T.Node, ctx: Ctx, pre: boolean): void => {
    if (isText(node)) {
      const text = pre ? node.value : node.value.replace(/\s+/g, ' ');
      const reason = textHiddenReason(ctx);
      if (reason) {
        hidden.push(text);
        hiddenBy[reason] = (hiddenBy[reason] ?? 0) + text.trim().length;
      } else {
        visible.push(text);
        for (const m of node.value.matchAll(URL_IN_TEXT)) links.push(trimUrl(m[0]));
      }
      return;
    }
    if (!isElement(node)) {
      for (const c of childrenOf(node)) visit(c, ctx, pre);
      return;
    }
    const tag = node.tagName;
    if (NEVER.has(tag)) return;
    const next = childContext(node, ctx);
    if ((tag === 'a' || tag === 'area') && clickable(next)) {
      const href = attr(node, 'href');
      if (href !== undefined && href.trim() !== '') links.push(href.trim());
    }
    if (tag === 'form' && clickable(next)) {
      const action = attr(node, 'action');
      if (action !== undefined && action.trim() !== '') links.push(action.trim());
    }
    if (tag === 'br') {
      visible.push('\n');
      return;
    }
    if (tag === 'input') {
      const type = (attr(node, 'type') ?? 'text').toLowerCase();
      const shown = ['submit', 'button', 'reset'].includes(type) ? attr(node, 'value') : attr(node, 'placeholder');
      if (shown) (textHiddenReason(next) ? hidden : visible).push(` ${shown} `);
      return;
    }
    const block = BLOCK.has(tag);
    if (block) visible.push('\n');
    if (CELL.has(tag)) visible.push(' ');
    for (const c of childrenOf(node)) visit(c, next, pre || tag === 'pre');
    if (block) visible.push('\n');
    if (CELL.has(tag)) visible.push(' ');
  };
  visit(doc, root, false);
  return { visible: tidy(visible.join('')), hidden: tidy(hidden.join(' ')), hiddenBy, links };
}

function tidy(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\f\r]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

/**
 * Text an SVG image shows: the content of its <text> elements (one line each), skipping elements hidden by
 * display/visibility/opacity/font-size attributes or styles. An image displays its text, so a reader sees it —
 * the oracle's deliberate model of "text as an image" (it does not rasterize; see docs/tactics.md).
 */
export function extractSvgText(svg: string): string {
  const doc = parseHtml(svg);
  const lines: string[] = [];
  const SKIP = new Set([
    'title',
    'desc',
    'metadata',
    'style',
    'script',
    'defs',
    'symbol',
    'clippath',
    'mask',
    'pattern',
    'marker',
  ]);
  const hiddenEl = (el: T.Element): boolean => {
    const style = parseStyle(attr(el, 'style'));
    const get = (k: string): string | undefined => style.get(k) ?? attr(el, k)?.toLowerCase();
    const size = get('font-size');
    return (
      get('display') === 'none' ||
      get('visibility') === 'hidden' ||
      Number.parseFloat(get('opacity') ?? '1') <= 0.05 ||
      Number.parseFloat(get('fill-opacity') ?? '1') <= 0.05 ||
      get('fill') === 'none' ||
      (size !== undefined && Number.parseFloat(size) < MIN_READABLE_PX)
    );
  };
  const textOf = (node: T.Node): string => {
    if (isText(node)) return node.value;
    if (isElement(node) && (SKIP.has(node.tagName.toLowerCase()) || hiddenEl(node))) return '';
    return childrenOf(node).map(textOf).join('');
  };
  const visit = (node: T.Node): void => {
    if (!isElement(node)) {
      for (const c of childrenOf(node)) visit(c);
      return;
    }
    const tag = node.tagName.toLowerCase();
    if (SKIP.has(tag) || hiddenEl(node)) return;
    if (tag === 'text') {
      const t = textOf(node).replace(/\s+/g, ' ').trim();
      if (t) lines.push(t);
      return;
    }
    for (const c of childrenOf(node)) visit(c);
  };
  visit(doc);
  return lines.join('\n');
}
