/**
 * Inline-CSS heuristics for "would a reader see this text?", used by html-to-text when `stripHiddenText` is on.
 * Mail clients ignore most stylesheets, so inline `style` attributes and legacy attributes (`bgcolor`,
 * `<font color>`, `hidden`) are what matter. Deliberately simple: each rule is one line an analyst can read.
 */

export type Rgb = readonly [number, number, number];

const NAMED_COLORS: Record<string, Rgb> = {
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
  whitesmoke: [245, 245, 245],
  snow: [255, 250, 250],
  ivory: [255, 255, 240],
  ghostwhite: [248, 248, 255],
  floralwhite: [255, 250, 240],
  maroon: [128, 0, 0],
  purple: [128, 0, 128],
  orange: [255, 165, 0],
  teal: [0, 128, 128],
};

/** Colour channels may differ by at most this much and still count as "the same colour" to a reader. */
const INDISTINGUISHABLE = 16;
/** Text smaller than this (in px) is unreadable. */
const MIN_READABLE_PX = 2;
/** Offsets beyond this push content off screen. */
const OFFSCREEN_PX = -500;

export function parseColor(value: string | undefined): Rgb | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  const named = NAMED_COLORS[v];
  if (named) return named;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
    return [0, 2, 4].map((i) => Number.parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
  }
  const rgb = /^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})/.exec(v);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return undefined;
}

export function colorsIndistinguishable(a: Rgb, b: Rgb): boolean {
  return (
    Math.abs(a[0] - b[0]) <= INDISTINGUISHABLE &&
    Math.abs(a[1] - b[1]) <= INDISTINGUISHABLE &&
    Math.abs(a[2] - b[2]) <= INDISTINGUISHABLE
  );
}

/** `"color: red; Font-Size:0"` → Map { color → red, font-size → 0 }. */
export function parseInlineStyle(style: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!style) return out;
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon <= 0) continue;
    out.set(
      decl.slice(0, colon).trim().toLowerCase(),
      decl
        .slice(colon + 1)
        .replace(/!important/i, '')
        .trim()
        .toLowerCase(),
    );
  }
  return out;
}

/** Length in px where the unit allows a judgement (px, pt, em, %, unitless 0); undefined otherwise. */
function lengthPx(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d*\.?\d+)\s*(px|pt|em|rem|%|)$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'pt':
      return n * 1.333;
    case 'em':
    case 'rem':
      return n * 16;
    case '%':
      return (n / 100) * 16;
    case '':
      return n === 0 ? 0 : undefined;
    default:
      return n;
  }
}

/** True when the declarations alone hide the element: display, visibility, opacity, tiny, zero-size or off screen. */
export function hiddenByStyle(style: Map<string, string>): boolean {
  if (style.get('display') === 'none') return true;
  const visibility = style.get('visibility');
  if (visibility === 'hidden' || visibility === 'collapse') return true;
  const opacity = style.get('opacity');
  if (opacity !== undefined && Number(opacity) <= 0.05) return true;
  const fontSize = lengthPx(style.get('font-size'));
  if (fontSize !== undefined && fontSize < MIN_READABLE_PX) return true;
  for (const prop of ['width', 'height', 'max-width', 'max-height']) {
    if (lengthPx(style.get(prop)) === 0) return true;
  }
  for (const prop of ['left', 'top', 'text-indent', 'margin-left', 'margin-top']) {
    const px = lengthPx(style.get(prop));
    if (px !== undefined && px <= OFFSCREEN_PX) return true;
  }
  return false;
}

/** The background colour an element paints, from `background-color`, a colour-only `background`, or `bgcolor`. */
export function backgroundOf(style: Map<string, string>, bgcolorAttr: string | undefined): Rgb | undefined {
  const explicit = parseColor(style.get('background-color'));
  if (explicit) return explicit;
  const shorthand = style.get('background');
  if (shorthand) {
    for (const part of shorthand.split(/\s+/)) {
      const c = parseColor(part);
      if (c) return c;
    }
  }
  return parseColor(bgcolorAttr);
}
