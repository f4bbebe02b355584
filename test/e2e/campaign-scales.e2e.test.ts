/**
 * End-to-end: a campaign against a scoring service on its own scale. A SpamAssassin-style HTTP filter on 127.0.0.1
 * answers points (5 and up: reject; 3 to 5: delivered with a spam header). Through the built CLI: thresholds are
 * stated in points, the four outcomes are told apart in the text summary and the JSON result, score movements are
 * reported in points and never mixed into rates, a probability threshold on a points scale is refused with a hint,
 * and a chain whose answer is clear stops early.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const SPAM_WORDS = /\b(free|money|click|cash|prize|winner|loan|bank|offer)\b/gi;

/** Points: 2 per distinct spam word, minus 1 — a message with three spam words scores 5 and is rejected. */
function points(content: string): number {
  const words = new Set((content.match(SPAM_WORDS) ?? []).map((w) => w.toLowerCase()));
  return words.size * 2 - 1;
}

function writeSeeds(dir: string, n: number): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    writeFileSync(
      join(dir, `seed-${String(i).padStart(2, '0')}.eml`),
      `From: promo${i}@mailer.example.com\nTo: user@example.org\nSubject: Offer ${i}\nMIME-Version: 1.0\n` +
        `Content-Type: text/plain; charset=us-ascii\n\nGet free money now: click to claim your cash prize, winner ${i}.\n`,
    );
  }
}

const campaign = (url: string, response: string, extra = '') => `nograd-campaign: 1
name: points
target:
  http:
    url: ${url}/score
    body: { content: '{{content}}' }
    response:
${response}
seeds: { files: [seeds] }
tactics: [input.zero-width-characters]
seed: 3
concurrency: 1
${extra}`;

const POINTS = `      score: $.score
      scoreScale: { unit: points }
      blockAtScore: 5
      tagAtScore: 3`;

describe('nograd campaign against a points-scale filter', () => {
  let dir: string;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    dir = tempDir();
    writeSeeds(join(dir, 'seeds'), 24);
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ score: points(JSON.parse(raw).content) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  it('states thresholds and movements in points and splits allow / tag / review / block', async () => {
    writeFileSync(join(dir, 'points.yaml'), campaign(url, POINTS, 'evasion: { when: delivered }\n'));
    const r = await runCli(
      ['campaign', 'run', 'points.yaml', '--store', 'points.duckdb', '--out', 'points.json', '--no-progress'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/completed: 48 attempts/);
    expect(r.stdout).toMatch(/evasion = delivered · scores: points, higher-is-malicious/);
    expect(r.stdout).toMatch(/allow\/tag\/review\/block/);
    expect(r.stdout).toMatch(/simulated attacker cost \(catalog prices/);
    const result = JSON.parse(readFileSync(join(dir, 'points.json'), 'utf8'));
    expect(result.target.scoreScale).toEqual({ unit: 'points', direction: 'higher-is-malicious' });
    expect(result.baseline.k).toBe(0); // every untouched seed scores 9 points: rejected
    const chain = result.chains[0];
    const o = chain.outcomes;
    expect(o.allow + o.tag + o.review + o.block).toBe(chain.n);
    expect(o.allow + o.tag).toBe(chain.evaded);
    // Points, not a probability: breaking spam words moves a 9-point message by whole points.
    expect(chain.meanScoreDrop).toBeGreaterThan(1);
    expect(chain.evasion.rate).toBeLessThanOrEqual(1);
  });

  it('refuses a probability threshold on an undeclared scale, naming the key and the fix', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      campaign(url, '      score: $.score\n      blockAtScore: 5', 'evasion: { when: score-below, scoreBelow: 3 }\n'),
    );
    const r = await runCli(['campaign', 'run', 'bad.yaml', '--store', 'bad.duckdb', '--no-progress'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error: blockAtScore: 5 is not a probability/);
    expect(r.stderr).toMatch(/scoreBelow: 3 is not a probability/);
    expect(r.stderr).toMatch(/scoreScale: \{unit: points\}/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops a chain early once its interval decides the question, and says what it saved', async () => {
    writeFileSync(
      join(dir, 'early.yaml'),
      campaign(url, POINTS, 'evasion: { when: delivered }\nprecision: { stopEarly: true }\n'),
    );
    const r = await runCli(
      ['campaign', 'run', 'early.yaml', '--store', 'early.duckdb', '--out', 'early.json', '--no-progress'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'early.json'), 'utf8'));
    expect(result.precision).toMatchObject({
      halfWidth: 0.1,
      attemptsNeeded: 97,
      attemptsPerChain: 24,
      stopEarly: true,
    });
    const [stop] = result.precision.stopped;
    expect(stop).toMatchObject({ chain: ['input.zero-width-characters'], reason: 'gets through' });
    expect(stop.n).toBeGreaterThanOrEqual(10);
    expect(stop.skipped).toBeGreaterThan(0);
    expect(result.chains[0].attempts).toBeLessThan(24);
    expect(r.stdout).toMatch(/precision: each chain gets at most 24 attempts.*needs 97/);
    expect(r.stdout).toMatch(/stopped early once decided .*1 chain, \d+ attempts not sent/);
  });
});
