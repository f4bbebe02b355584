/**
 * The validity oracle fails transformations that break the payload: changed or missing visible text, unreachable
 * links, too much added visible text. Invisible additions and spelling-only changes pass.
 */
import { describe, expect, it } from 'vitest';
import { phishingSeed } from '../samples/phishing.js';
import { readerNormalize } from './normalize.js';
import { RedirectRegistry } from './redirect-registry.js';
import { judgeValidity, validityOptionsFor } from './validity.js';

const PAYPAL = phishingSeed('phish/paypal-limited').content;
const MS365 = phishingSeed('phish/microsoft-365-password').content;

describe('validity oracle', () => {
  it('accepts the unchanged message and invisible additions', async () => {
    expect((await judgeValidity(PAYPAL, PAYPAL)).valid).toBe(true);
    const hidden = PAYPAL.replace('</body>', '<div style="display:none">meeting agenda thanks lunch</div></body>');
    expect((await judgeValidity(PAYPAL, hidden)).reasons).toEqual([]);
  });

  it('fails a message whose lure sentence is gone', async () => {
    const broken = PAYPAL.replace(
      '<p>To restore full access, please verify your account information within 24 hours.</p>',
      '',
    );
    const v = await judgeValidity(PAYPAL, broken);
    expect(v.valid).toBe(false);
    expect(v.details.missingText).toEqual([
      readerNormalize('To restore full access, please verify your account information within 24 hours.'),
    ]);
  });

  it('fails a message whose lure is hidden from the reader', async () => {
    const hidden = PAYPAL.replace(
      '<p>To restore full access, please verify your account information within 24 hours.</p>',
      '<p style="display:none">To restore full access, please verify your account information within 24 hours.</p>',
    );
    expect((await judgeValidity(PAYPAL, hidden)).valid).toBe(false);
  });

  it('fails a link that leads somewhere else, and accepts one that redirects to the same page', async () => {
    const moved = MS365.replace(
      'https://login.microsoft365.example/reset?u=jdoe',
      'https://elsewhere.example/reset?u=jdoe',
    );
    const v = await judgeValidity(MS365, moved);
    expect(v.valid).toBe(false);
    expect(v.details.missingLinks).toEqual(['https://login.microsoft365.example/reset?u=jdoe']);
    const registry = new RedirectRegistry();
    registry.register('https://l.shortlink.test/abc', 'https://login.microsoft365.example/reset?u=jdoe');
    const short = MS365.replace('https://login.microsoft365.example/reset?u=jdoe', 'https://l.shortlink.test/abc');
    expect((await judgeValidity(MS365, short, { registry })).valid).toBe(true);
    expect((await judgeValidity(MS365, short, { registry: new RedirectRegistry() })).valid).toBe(false);
  });

  it('fails when too many visible words are added', async () => {
    const padded = MS365.replace('Hello jdoe,', `Hello jdoe,\n${'lorem ipsum dolor sit amet '.repeat(20)}`);
    const v = await judgeValidity(MS365, padded);
    expect(v.valid).toBe(false);
    expect(v.details.addedVisibleWords.length).toBe(100);
    expect((await judgeValidity(MS365, padded, { maxAddedVisibleWords: 200 })).valid).toBe(true);
  });

  it('accepts look-alike spellings but not other words', async () => {
    const spelled = MS365.replace('password', 'p\u0430ssw\u043erd').replace(
      'Content-Type: text/plain; charset=us-ascii',
      'Content-Type: text/plain; charset=utf-8',
    );
    expect((await judgeValidity(MS365, spelled)).valid).toBe(true);
    const reworded = MS365.replace('expires today', 'expires tomorrow');
    expect((await judgeValidity(MS365, reworded)).valid).toBe(false);
  });

  it('lets declared equivalences through: synonyms for template variation, brands for brand removal', async () => {
    const spun = MS365.replace('Keep your current password', 'Preserve your current password');
    expect((await judgeValidity(MS365, spun)).valid).toBe(false);
    expect((await judgeValidity(MS365, spun, validityOptionsFor([{ id: 'activity.template-variation' }]))).valid).toBe(
      true,
    );
  });

  it('reports a message that does not parse as a message', async () => {
    const v = await judgeValidity(PAYPAL, '');
    expect(v.valid).toBe(false);
  });
});
