/**
 * End-to-end: byte-exact inputs. Through the built CLI against a real HTTP server on 127.0.0.1 that records the exact
 * bytes it receives (`body: raw`): non-UTF-8 (ISO-8859-1, CRLF) and 8-bit UTF-8 MIME seeds arrive byte-identical
 * when no tactic changed them, and a tactic's variant differs only in the part the tactic rewrote.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseExportJsonl, recordBytes } from '../../src/campaign/export.js';
import { splitMbox } from '../../src/campaign/samples/mbox.js';
import { runCli, tempDir } from '../helpers/cli.js';
import {
  type ByteServer,
  byteServer,
  LATIN1_MULTI,
  LATIN1_SINGLE,
  latin1,
  QUIET_PART,
  rawCampaign,
  sha,
  UTF8_8BIT,
} from '../helpers/mail-bytes.js';

describe('nograd campaign: byte-exact inputs end to end', () => {
  let dir: string;
  let srv: ByteServer;

  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'seeds'));
    writeFileSync(join(dir, 'seeds', 'a-latin1.eml'), LATIN1_SINGLE);
    writeFileSync(join(dir, 'seeds', 'b-multi.eml'), LATIN1_MULTI);
    writeFileSync(join(dir, 'seeds', 'c-utf8.eml'), UTF8_8BIT);
    srv = await byteServer();
  });
  afterAll(() => new Promise<void>((r) => srv.server.close(() => r())));

  it('sends untouched seeds byte for byte and changes only the part a tactic rewrote', async () => {
    writeFileSync(join(dir, 'c.yaml'), rawCampaign(srv.url, '{ files: [seeds] }'));
    const r = await runCli(['campaign', 'run', 'c.yaml', '--store', 's.duckdb', '--format', 'json', '--no-progress'], {
      cwd: dir,
    });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const received = new Set(srv.bodies.map(sha));
    // Three untouched seeds (the baseline) and the tactic on each: six requests.
    expect(srv.bodies).toHaveLength(6);
    expect(srv.types.every((t) => t === 'message/rfc822')).toBe(true);
    for (const seed of [LATIN1_SINGLE, LATIN1_MULTI, UTF8_8BIT]) expect(received.has(sha(seed))).toBe(true);
    // Nothing was ever replaced by U+FFFD on the way.
    for (const b of srv.bodies) expect(b.includes(Buffer.from('\ufffd', 'utf8'))).toBe(false);

    // The multipart variant: the root headers and the untouched second part are the seed's bytes.
    const variant = srv.bodies.find((b) => !b.equals(LATIN1_MULTI) && b.includes(latin1('deals@mailer')))!;
    expect(variant).toBeDefined();
    const headEnd = LATIN1_MULTI.indexOf('\r\n\r\n') + 4;
    expect(variant.subarray(0, headEnd).equals(LATIN1_MULTI.subarray(0, headEnd))).toBe(true);
    expect(variant.includes(QUIET_PART)).toBe(true);
    expect(variant.toString('latin1')).not.toMatch(/\bfree\b/i);
    const res = JSON.parse(r.stdout);
    const chain = res.chains.find((c: { label: string }) => c.label === 'input.zero-width-characters');
    expect(chain.evaded).toBe(3);
    // The validity oracle parsed the bytes (charset and all): the variants still say what the seeds said.
    expect(chain.evasion.k).toBe(3);
    const seedHash = readFileSync(join(dir, 'seeds', 'b-multi.eml'));
    expect(sha(seedHash)).toBe(sha(LATIN1_MULTI));
  }, 120_000);

  it('reads seeds from an mbox and a Maildir as exact bytes, minus an exclude file (the training set)', async () => {
    const quoted = Buffer.from(
      'From: q@mailer.example.com\nSubject: quoted\n\nfree money\nFrom the desk of a prince\n',
    );
    const trained = Buffer.from('From: t@mailer.example.com\nSubject: trained\n\nfree money, already seen\n');
    const box = Buffer.concat([
      latin1('From promo@mailer.example.com Mon Jan  1 00:00:00 2024\n'),
      LATIN1_SINGLE,
      latin1('\nFrom q@mailer.example.com Mon Jan  1 00:00:00 2024\n'),
      Buffer.from(quoted.toString().replace('\nFrom the desk', '\n>From the desk')),
      latin1('\nFrom t@mailer.example.com Mon Jan  1 00:00:00 2024\n'),
      trained,
      latin1('\n'),
    ]);
    const d = join(dir, 'own');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(join(d, 'Maildir', sub), { recursive: true });
    writeFileSync(join(d, 'spam.mbox'), box);
    writeFileSync(join(d, 'Maildir/cur/1700000000.M1.host:2,S'), LATIN1_MULTI);
    writeFileSync(join(d, 'Maildir/new/1700000001.M2.host'), UTF8_8BIT);
    writeFileSync(join(d, 'trained.txt'), `# the filter's training set\n${sha(trained)}\nMaildir/1700000001.M2.host\n`);
    writeFileSync(
      join(d, 'c.yaml'),
      rawCampaign(srv.url, '{ files: [spam.mbox, Maildir], exclude: [{ file: trained.txt }] }'),
    );
    const before = srv.bodies.length;
    const r = await runCli(['campaign', 'run', 'c.yaml', '--store', 's.duckdb', '--format', 'json', '--no-progress'], {
      cwd: d,
    });
    expect(r.code).toBe(0);
    const res = JSON.parse(r.stdout);
    expect(res.seeds.count).toBe(3);
    expect(res.seeds.source).toMatch(/2 excluded by the exclude list/);
    const got = new Set(srv.bodies.slice(before).map(sha));
    for (const seed of [LATIN1_SINGLE, quoted, LATIN1_MULTI]) expect(got.has(sha(seed))).toBe(true);
    for (const never of [trained, UTF8_8BIT]) expect(got.has(sha(never))).toBe(false);

    // A truncated mbox is refused with its file and line, and nothing is sent.
    writeFileSync(join(d, 'cut.mbox'), box.subarray(0, box.length - 10));
    writeFileSync(join(d, 'bad.yaml'), rawCampaign(srv.url, '{ files: [cut.mbox] }'));
    const sent = srv.bodies.length;
    const bad = await runCli(['campaign', 'run', 'bad.yaml', '--store', 'b.duckdb', '--no-progress'], { cwd: d });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cut\.mbox:\d+: the mbox file is truncated/);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(srv.bodies.length).toBe(sent);
  }, 120_000);

  it('exports the evasive variants as mbox and JSONL whose bytes are what the target received', async () => {
    // Runs after the first test: the store s.duckdb in `dir` holds its run (3 variants evaded, 3 seeds blocked).
    const received = new Set(srv.bodies.map(sha));
    const mbox = await runCli(['campaign', 'export', 's.duckdb', '--format', 'mbox', '-o', 'ev.mbox'], { cwd: dir });
    expect(mbox.code).toBe(0);
    expect(mbox.stderr).toMatch(/exported 3 evasive variants of run run-\S+ to ev\.mbox/);
    const messages = splitMbox(readFileSync(join(dir, 'ev.mbox')), 'ev.mbox');
    expect(messages).toHaveLength(3);
    for (const m of messages) expect(received.has(sha(m.bytes))).toBe(true);
    // None of them is an untouched seed: the default export holds variants only.
    for (const seed of [LATIN1_SINGLE, LATIN1_MULTI, UTF8_8BIT]) {
      expect(messages.some((m) => m.bytes.equals(seed))).toBe(false);
    }

    // JSONL: a header document, then one record per variant with provenance and the exact bytes.
    const j = await runCli(['campaign', 'export', 's.duckdb', '--format', 'jsonl', '-o', 'ev.jsonl'], { cwd: dir });
    expect(j.code).toBe(0);
    const { header, records } = parseExportJsonl(readFileSync(join(dir, 'ev.jsonl'), 'utf8'));
    expect(header).toMatchObject({ kind: 'nograd-campaign-export', version: 1, selection: 'evaded' });
    expect(records).toHaveLength(3);
    for (const r of records) {
      expect(received.has(sha(recordBytes(r)))).toBe(true);
      expect(r.content.sha256).toBe(sha(recordBytes(r)));
      expect(r.chain).toEqual([{ name: 'input.zero-width-characters', id: 'input.zero-width-characters', params: {} }]);
      expect(r.decision).toBe('allow');
      expect(r.content.source).toBe('stored');
    }
    const multi = records.find((r) => r.seed.id === 'seeds/b-multi.eml')!;
    expect(multi.seed.sha256).toBe(sha(LATIN1_MULTI));
    expect(multi.content.encoding).toBe('binary');

    // --all: the untouched seeds too, their bytes re-derived from the seed files and verified.
    const all = await runCli(['campaign', 'export', 's.duckdb', '--format', 'jsonl', '-o', 'all.jsonl', '--all'], {
      cwd: dir,
    });
    expect(all.code).toBe(0);
    expect(all.stderr).toMatch(/exported 6 answered attempts .*3 re-derived/);
    const every = parseExportJsonl(readFileSync(join(dir, 'all.jsonl'), 'utf8')).records;
    expect(every).toHaveLength(6);
    expect(every.filter((r) => r.chain.length === 0 && r.content.source === 're-derived')).toHaveLength(3);
    for (const r of every) expect(received.has(sha(recordBytes(r)))).toBe(true);

    // Provenance headers only on request, and said so.
    const h = await runCli(['campaign', 'export', '.', '--format', 'mbox', '-o', 'h.mbox', '--headers'], { cwd: dir });
    expect(h.code).toBe(2); // the folder holds no .nograd store: s.duckdb is not the default name
    expect(h.stderr).toMatch(/no campaign store in \./);
    const h2 = await runCli(['campaign', 'export', 's.duckdb', '--format', 'mbox', '-o', 'h.mbox', '--headers'], {
      cwd: dir,
    });
    expect(h2.code).toBe(0);
    expect(h2.stderr).toMatch(/X-Nograd-\* provenance headers/);
    const withHeaders = splitMbox(readFileSync(join(dir, 'h.mbox')), 'h.mbox');
    expect(withHeaders[0]!.bytes.toString('latin1')).toMatch(/^X-Nograd-Run: run-\S+\r?\nX-Nograd-Attempt: /);
    const bad = await runCli(['campaign', 'export', 's.duckdb', '--format', 'csv', '-o', 'x'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/csv/);
  }, 120_000);

  it('hands a module target the exact bytes (input.bytes) of untouched seeds and variants', async () => {
    const d = join(dir, 'module');
    mkdirSync(d);
    writeFileSync(
      join(d, 'filter.mjs'),
      `import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
export default function decide(input) {
  appendFileSync(new URL('./received.log', import.meta.url), createHash('sha256').update(input.bytes).digest('hex') + '\\n');
  const spam = /\\b(free|money)\\b/i.test(input.bytes.toString('latin1'));
  return { decision: spam ? 'block' : 'allow', score: spam ? 0.9 : 0.1 };
}
`,
    );
    writeFileSync(
      join(d, 'c.yaml'),
      `nograd-campaign: 1
name: module-bytes
target: { module: { path: filter.mjs } }
seeds: { files: [../seeds] }
tactics: [input.zero-width-characters]
seed: 3
`,
    );
    const r = await runCli(['campaign', 'run', 'c.yaml', '--store', 'm.duckdb', '--no-progress'], { cwd: d });
    expect(r.code).toBe(0);
    const got = new Set(readFileSync(join(d, 'received.log'), 'utf8').trim().split('\n'));
    for (const seed of [LATIN1_SINGLE, LATIN1_MULTI, UTF8_8BIT]) expect(got.has(sha(seed))).toBe(true);
    const x = await runCli(['campaign', 'export', 'm.duckdb', '--format', 'jsonl', '-o', 'm.jsonl'], { cwd: d });
    expect(x.code).toBe(0);
    const { records } = parseExportJsonl(readFileSync(join(d, 'm.jsonl'), 'utf8'));
    expect(records).toHaveLength(3);
    for (const rec of records) expect(got.has(sha(recordBytes(rec)))).toBe(true);
  }, 120_000);
});
