/**
 * The tactic added through the registry (input.character-substitution), end to end through the built CLI: a
 * campaign against a keyword filter (a JS module target) respells the trigger words with digits, every respelt
 * message passes the validity oracle by the equivalences the tactic declares, and the filter lets them through.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const WORDS = ['free', 'money', 'click', 'cash', 'prize', 'winner', 'loan', 'bank', 'password', 'credit', 'offer'];

describe('nograd campaign: input.character-substitution', () => {
  let dir: string;

  beforeAll(() => {
    dir = tempDir();
    mkdirSync(join(dir, 'seeds'));
    const lines = [
      'Get FREE money now, click the link below to claim your cash prize.',
      'You are a winner! Confirm your bank password to claim the prize.',
      'Special offer: free credit check, click now.',
      'Your loan offer is ready: click to claim the money.',
    ];
    lines.forEach((line, i) => {
      writeFileSync(
        join(dir, 'seeds', `seed-${i}.eml`),
        `From: promo${i}@mailer.example.com\nTo: user@example.org\nSubject: Your offer ${i}\nMIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n${line}\n\nhttp://offers${i}.example.com/claim?id=${i}\n`,
      );
    });
    writeFileSync(
      join(dir, 'keyword-filter.mjs'),
      `export default async function decide(input) {
  const spam = /\\b(${WORDS.join('|')})\\b/i.test(input.content);
  return { decision: spam ? 'block' : 'allow', score: spam ? 0.95 : 0.05 };
}
`,
    );
    writeFileSync(
      join(dir, 'campaign.yaml'),
      `nograd-campaign: 1
name: digits
target:
  module: { path: keyword-filter.mjs }
seeds: { files: [seeds] }
tactics:
  - id: input.character-substitution
    params: { words: [${WORDS.join(', ')}] }
repeats: 2
seed: 5
`,
    );
  });

  it('shows in the plan the heuristic its definition says defuses it', async () => {
    const r = await runCli(['campaign', 'run', 'campaign.yaml', '--dry-run'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/input\.character-substitution .*heuristic\.digit-substitution/);
  });

  it('respells the trigger words, stays valid by its declared respellings, and gets every message through', async () => {
    const r = await runCli(['campaign', 'run', 'campaign.yaml', '--store', 's.duckdb', '--out', 'r.json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const res = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    expect(res.baseline).toMatchObject({ k: 0, n: 8 });
    const chain = res.chains.find((c: { label: string }) => c.label === 'input.character-substitution');
    expect(chain.n).toBe(8);
    expect(chain.validity.k).toBe(8);
    expect(chain.evasion.k).toBe(8);
    expect(r.stdout).toMatch(/input\.character-substitution/);
  });
});
