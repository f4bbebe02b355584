import { describe, expect, it } from 'vitest';
import { parseMime } from './mime-parser.js';

describe('the reference parser on exact bytes', () => {
  it('decodes an 8-bit ISO-8859-1 body by its declared charset when given the bytes', async () => {
    const bytes = Buffer.concat([
      Buffer.from('Subject: x\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit\n\n'),
      Buffer.from('d\u00e9j\u00e0 pay\u00e9\n', 'latin1'),
    ]);
    const parsed = await parseMime(bytes, { decodeNestedEncodings: false });
    expect(parsed.textParts.join('')).toContain('déjà payé');
    expect(parsed.textParts.join('')).not.toContain('\ufffd');
  });
});
