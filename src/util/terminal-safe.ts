/**
 * Text from an input file (a model, a campaign, a decision log) must not drive the terminal it is printed on: an
 * ESC can clear the screen, recolour or hide text, or plant an OSC 8 hyperlink; CR and BEL rewrite or ring; a bidi
 * override (U+202E) reorders what is shown ("Trojan Source"). `terminalSafe` turns every such character (C0 but
 * line feed and tab, DEL, C1, bidi and invisible format characters) into its visible escape — `\u001b`, `\r`,
 * `\u009b`, `\u202e` — and lone surrogates into U+FFFD. Line feeds and tabs stay (text output is multi-line).
 *
 * The CLI applies it to everything it writes (see cli/terminal-guard.ts); library users printing renderer output
 * themselves call it too.
 */

/** C0 controls except tab and line feed, DEL, and the C1 controls (U+0080–U+009F, e.g. U+009B, a one-byte CSI). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being neutralised
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/** The same, line feed and tab included (for one-line excerpts). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being neutralised
const CONTROL_ALL = /[\u0000-\u001F\u007F-\u009F]/g;
/**
 * Bidi embeddings, overrides and isolates, LRM/RLM/ALM, zero-width characters, line and paragraph separators, the
 * BOM, and the other invisible format characters a terminal may honour. Variation selectors (U+FE00–U+FE0F) stay:
 * they only pick an emoji or text glyph, and nograd's own output uses them (⚠️).
 */
const BIDI_INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: invisible marks are matched one by one on purpose
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0\uFFF0-\uFFF8]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Each character becomes its JavaScript/JSON escape (`\r`, `\u001b`, `\u202e`): visible and inert in text, and
 * inside a JSON string (where JSON.stringify leaves DEL, C1 and bidi characters raw) a valid escape of the very same
 * character, so JSON and YAML printed to a terminal still parse to the original data.
 */
function escapeChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x0a) return '\\n';
  if (c === 0x09) return '\\t';
  if (c === 0x0d) return '\\r';
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** Quick test: nothing to neutralise (the common case, checked without allocating). */
const UNSAFE = new RegExp(
  `${CONTROL.source.slice(0, -1)}${BIDI_INVISIBLE.source.slice(1, -1)}]|${LONE_SURROGATE.source}`,
);

/** Make text safe to print on a terminal; line feeds and tabs are kept. */
export function terminalSafe(text: string): string {
  if (!UNSAFE.test(text)) return text;
  return text.replace(CONTROL, escapeChar).replace(LONE_SURROGATE, '\uFFFD').replace(BIDI_INVISIBLE, escapeChar);
}

/** True when `terminalSafe` would change the text. */
export function hasTerminalUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/**
 * A short, inert excerpt of untrusted text for an error message: at most `max` characters, every control (line
 * feeds too) and bidi character made visible. Used where a message quotes what a file contains, so a file that is
 * not a model (a key file, a password file) is never echoed beyond a few characters.
 */
export function excerpt(value: unknown, max = 40): string {
  const s = typeof value === 'string' ? value : String(value);
  const cps = [...s];
  const cut = cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : s;
  return cut.replace(CONTROL_ALL, escapeChar).replace(LONE_SURROGATE, '\uFFFD').replace(BIDI_INVISIBLE, escapeChar);
}

/**
 * The escape sequences nograd itself writes on a terminal: SGR colours/styles from its colour helpers (and the
 * monitor's terminal sink) and "carriage return, erase line" from the one-line progress displays. Only these survive
 * `terminalGuard` on a stream that shows colours; never conceal (8) or blink (5, 6), never cursor moves, OSC or
 * screen clears.
 */
const OWN_SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC is what is being matched
  /\u001b\[(?:(?:[012347]|2[2-47]|3[0-79]|4[0-79]|9[0-7])(?:;(?:[012347]|2[2-47]|3[0-79]|4[0-79]|9[0-7]))*)?m|\r\u001b\[2?K/g;

/**
 * Neutralise a chunk about to be written to a terminal stream. With `keepOwnSequences` (a stream where nograd
 * shows colours and progress), nograd's own colour and erase-line sequences pass; every other control is made
 * visible. Without it (pipes, files, NO_COLOR), nothing passes.
 */
export function terminalGuard(text: string, keepOwnSequences: boolean): string {
  if (!UNSAFE.test(text)) return text;
  if (!keepOwnSequences) return terminalSafe(text);
  let out = '';
  let last = 0;
  OWN_SEQUENCE.lastIndex = 0;
  for (let m = OWN_SEQUENCE.exec(text); m; m = OWN_SEQUENCE.exec(text)) {
    out += terminalSafe(text.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + terminalSafe(text.slice(last));
}
