import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TargetError } from '../contracts/target.js';
import { UserError } from '../util/errors.js';
import { ModuleTarget, ModuleTargetSchema } from './module.js';

const dir = mkdtempSync(join(tmpdir(), 'nograd-module-'));
writeFileSync(
  join(dir, 'filter.mjs'),
  `export default async function score(input) {
  if (input.content === 'throw') throw Object.assign(new Error('model not loaded'), { retryable: true });
  if (input.content === 'bad') return { decision: 'maybe' };
  const s = /winner/i.test(input.content) ? 0.95 : 0.05;
  return { decision: s >= 0.5 ? 'block' : 'allow', score: s, decidedBy: 'spam-model' };
}
export const object = { decide: (input) => ({ decision: input.context?.accountAgeDays < 1 ? 'block' : 'allow' }) };
export const notAFunction = 42;
export const bytes = (input) => ({ decision: 'allow', detail: { hex: input.bytes.toString('hex'), enc: input.encoding ?? 'utf8' } });
`,
);

const load = (raw: Record<string, unknown>) => ModuleTarget.load(ModuleTargetSchema.parse(raw), dir);

describe('ModuleTarget', () => {
  it('calls the default export and keeps its verdict', async () => {
    const t = await load({ path: 'filter.mjs' });
    expect(await t.decide({ id: '1', content: 'WINNER!' })).toEqual({
      decision: 'block',
      score: 0.95,
      decidedBy: 'spam-model',
    });
    expect(t.info.fingerprint).toMatch(/^module:filter\.mjs:default#[0-9a-f]{12}$/);
  });

  it('hands the function the exact bytes of the input', async () => {
    const t = await load({ path: 'filter.mjs', export: 'bytes' });
    const v = await t.decide({ id: '1', content: 'caf\u00e9\u200b', encoding: 'binary' });
    // é as the one byte it stands for; the zero-width space a tactic added as its UTF-8 bytes.
    expect(v.detail).toEqual({ hex: '636166e9e2808b', enc: 'binary' });
    expect((await t.decide({ id: '2', content: 'caf\u00e9' })).detail).toEqual({ hex: '636166c3a9', enc: 'utf8' });
  });

  it('accepts an object with a decide method as a named export', async () => {
    const t = await load({ path: 'filter.mjs', export: 'object' });
    expect((await t.decide({ id: '1', content: 'x', context: { accountAgeDays: 0 } })).decision).toBe('block');
  });

  it('turns throws into target errors (keeping retryable) and rejects malformed verdicts', async () => {
    const t = await load({ path: 'filter.mjs' });
    const thrown = (await t.decide({ id: '1', content: 'throw' }).catch((e) => e)) as TargetError;
    expect([thrown.retryable, thrown.message]).toEqual([true, 'target module threw: model not loaded']);
    const bad = (await t.decide({ id: '1', content: 'bad' }).catch((e) => e)) as TargetError;
    expect(bad.retryable).toBe(false);
    expect(bad.message).toMatch(/expected \{decision: allow\|review\|block/);
  });

  it('explains a missing file or export as a user error', async () => {
    await expect(load({ path: 'nope.mjs' })).rejects.toBeInstanceOf(UserError);
    await expect(load({ path: 'filter.mjs', export: 'notAFunction' })).rejects.toThrow(
      /no function export 'notAFunction'/,
    );
  });
});
