import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, hasTerminalUnsafe, terminalGuard, terminalSafe } from './terminal-safe.js';

const ESC = '\u001b';
/** Every character a terminal acts on: C0 but tab and line feed, DEL, C1, bidi controls, lone surrogates. */
const DANGEROUS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters the test looks for
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('terminalSafe', () => {
  it('makes escapes, BEL, CR, C1 and bidi controls visible and keeps line feeds and tabs', () => {
    const hostile = `a${ESC}[2J${ESC}]8;;https://evil${ESC}\\x${ESC}]8;;${ESC}\\\u0007\rb\u202Ec\u009B31m\td\n`;
    expect(terminalSafe(hostile)).toBe(
      'a\\u001b[2J\\u001b]8;;https://evil\\u001b\\x\\u001b]8;;\\u001b\\\\u0007\\rb\\u202ec\\u009b31m\td\n',
    );
    expect(terminalSafe('plain ✔ text, ünïcode, ⚠️ 🔻')).toBe('plain ✔ text, ünïcode, ⚠️ 🔻');
    expect(terminalSafe('\uD800x')).toBe('\uFFFDx');
  });

  it('leaves nothing a terminal acts on, whatever the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const safe = terminalSafe(s);
        expect(DANGEROUS.test(safe)).toBe(false);
        expect(hasTerminalUnsafe(safe)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps JSON valid and its data unchanged', () => {
    const doc = { name: `x${ESC}[2J\u009B\u202E\u007F\r` };
    expect(JSON.parse(terminalSafe(JSON.stringify(doc)))).toEqual(doc);
  });

  it('excerpt cuts and neutralises line feeds too', () => {
    expect(excerpt(`root:${'x'.repeat(100)}`)).toHaveLength(40);
    expect(excerpt('a\nb\u202E')).toBe('a\\nb\\u202e');
  });

  it("terminalGuard keeps only nograd's own colour and erase-line sequences, and only when asked", () => {
    const own = `${ESC}[32m✔${ESC}[39m \r${ESC}[K`;
    expect(terminalGuard(own, true)).toBe(own);
    expect(terminalGuard(own, false)).toBe('\\u001b[32m✔\\u001b[39m \\r\\u001b[K');
    // Conceal, cursor moves, screen clears and OSC never pass.
    expect(terminalGuard(`${ESC}[8mhidden${ESC}[2J${ESC}[1A${ESC}]8;;x${ESC}\\`, true)).not.toContain(ESC);
  });
});
