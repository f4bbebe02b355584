import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../util/random.js';
import { type EVASION_TACTICS, evasiveVariant } from './evasive-campaigns.js';

const TEXT =
  'From: a@spam.example\nSubject: Claim your free prize today\nContent-Type: text/plain\n\nClaim your free prize money today, click here now.\n';
const HTML =
  'From: a@spam.example\nSubject: Claim your prize\nContent-Type: text/html\n\n<html><body><p>Claim your free prize money</p></body></html>\n';
const env = { at: Date.UTC(2025, 0, 6), sequence: 1, recipient: 'user-0001' };
const good = ['meeting', 'agenda', 'thanks', 'regards'];
const variant = (tactic: (typeof EVASION_TACTICS)[number], raw: string, intensity: number) =>
  evasiveVariant(tactic, raw, intensity, env, good, new SeededRandom(3));

describe('evasive campaign variants', () => {
  it('applies each tactic family so a reader still sees the pitch', () => {
    expect(variant('zero-width', TEXT, 1)).toMatch(/C\u200bl\u200ba\u200bi\u200bm/);
    expect(variant('confusable', TEXT, 1)).toMatch(/[\u0400-\u04ff]/);
    expect(variant('leetspeak', TEXT, 1)).toMatch(/\b[a-z]*[0-9][a-z0-9]*\b/i);
    expect(variant('hidden-good-words', HTML, 4)).toMatch(/<div style="display:none">(\w+ ?){4}<\/div><\/body>/);
    const image = variant('image-only', TEXT, 4);
    expect(image).toMatch(/Content-Type: multipart\/mixed; boundary=/);
    expect(image).toMatch(/Content-Type: image\/png/);
    expect(image).not.toMatch(/prize money/);
    expect(variant('slow-drip', TEXT, 4)).toMatch(/click here now\.[\s\S]*\n\n(\w+ ?){4}\n$/);
  });

  it('leaves a share of the words alone at lower intensity, and is reproducible from the seed', () => {
    const partial = variant('zero-width', TEXT, 0.25);
    expect(partial).toMatch(/\b(Claim|free|prize|money|today|click)\b/);
    expect(variant('confusable', TEXT, 0.5)).toBe(variant('confusable', TEXT, 0.5));
    expect(variant('zero-width', TEXT, 0)).not.toMatch(/\u200b/);
  });
});
