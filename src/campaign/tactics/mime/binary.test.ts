import { describe, expect, it } from 'vitest';
import { contentBytes, decodeContent } from '../../../contracts/input-bytes.js';
import { readerView } from '../../oracles/reader-view.js';
import { zeroWidthCharactersTactic } from '../mail/zero-width-characters.js';
import { parseMessage } from './message.js';
import { readText } from './text-parts.js';

/** An 8-bit ISO-8859-1 message: not valid UTF-8, so it is read as a binary byte string. */
const LATIN1 = Buffer.concat([
  Buffer.from('From: a@example.com\nSubject: offre\nMIME-Version: 1.0\n'),
  Buffer.from('Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n'),
  Buffer.from('Gagnez de l\u2019argent gratuit: free money, d\u00e9j\u00e0 pay\u00e9!\n', 'latin1'),
]);

describe('MIME tactics on binary (non-UTF-8) samples', () => {
  it('reads a binary body as the bytes it stands for (the declared charset decodes it)', () => {
    const d = decodeContent(LATIN1);
    expect(d.encoding).toBe('binary');
    const leaf = parseMessage(d.content, 'binary').root;
    expect(readText(leaf)).toContain('déjà payé');
    // Read as UTF-8 text the same string would be mojibake: the encoding is what makes the difference.
    expect(readText(parseMessage(d.content).root)).not.toContain('déjà payé');
  });

  it('a tactic rewrites the text the reader sees, keeping the accents, and the oracle parses the bytes', async () => {
    const d = decodeContent(LATIN1);
    const rng = () => 0.3;
    const out = zeroWidthCharactersTactic.apply(d.content, rng, {}, { encoding: 'binary' });
    expect(out).not.toBeNull();
    const bytes = contentBytes(out!.content, 'binary');
    const view = await readerView(bytes);
    expect(view.visibleText.replace(/[\u200b\u200c\u2060]/g, '')).toContain('déjà payé');
    expect(view.visibleText).toMatch(/[\u200b\u200c\u2060]/);
    // The headers the tactic did not touch are the seed's bytes.
    expect(bytes.subarray(0, 30).equals(LATIN1.subarray(0, 30))).toBe(true);
    const original = await readerView(LATIN1);
    expect(original.visibleText).toContain('déjà payé');
  });
});
