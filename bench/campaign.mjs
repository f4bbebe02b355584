// Benchmark (issue #6): campaign harness throughput against the raw in-process reference target, measured in one
// run on the same messages; and, against the reference HTTP server on loopback (a child process), how busy the
// configured concurrency is kept.
// Run: npm run bench:campaign  [-- --messages 400 --http-concurrency 8]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCampaignFile } from '../dist/campaign/index.js';
import { resolveSampleSet } from '../dist/campaign/sample-sets.js';
import { referenceTarget } from '../dist/reference/index.js';
import { sha256Hex } from '../dist/util/hash.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('messages', 400);
const HTTP_CONCURRENCY = arg('http-concurrency', 8);
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-campaign-'));

// Only the untouched-seed and benign waves run (single: false): every attempt is one decision, so the harness and
// the raw loop do exactly the same target work and the difference is the harness (planning, store, cache, events).
const campaignText = (target, concurrency) => `nograd-campaign: 1
name: bench
target:
${target}
seeds: { corpus: spam, split: all, count: ${N / 2} }
benign: { corpus: ham, split: all, count: ${N / 2} }
tactics: [layout.hidden-good-words]
search: { single: false }
seed: 11
concurrency: ${concurrency}
`;

/** Run a campaign file; time from the first to the last answered attempt (model loading excluded). */
async function harness(name, text) {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, text);
  let first = 0;
  let last = 0;
  let count = 0;
  let busyMs = 0;
  let result;
  for await (const e of runCampaignFile(file, { store: join(dir, `${name}.duckdb`), cache: false })) {
    if (e.type === 'attempt' && !e.replayed) {
      const now = performance.now();
      if (count === 0) first = now;
      last = now;
      count++;
      busyMs += e.attempt.wallMs;
    }
    if (e.type === 'done') result = e.result;
  }
  const seconds = (last - first) / 1000;
  return { count, perSecond: (count - 1) / seconds, seconds, busyMs, result };
}

/** The same messages straight into the reference target, one after another, no harness. */
async function raw(samples) {
  const t = referenceTarget({ model: 'lr' });
  const day = 24 * 3_600_000;
  const inputs = samples.map((s) => {
    const h = sha256Hex(`${s.id}||0`);
    const ts = Date.parse('2024-01-01T00:00:00Z') + (Number.parseInt(h.slice(0, 12), 16) / 0xffffffffffff) * 365 * day;
    return {
      id: s.id,
      content: s.content,
      context: { accountId: `sender-${h.slice(0, 12)}`, accountAgeDays: 365, timestamp: Math.floor(ts) },
    };
  });
  await t.decide(inputs[0]); // load the model outside the timing
  const t0 = performance.now();
  for (const input of inputs.slice(1)) await t.decide(input);
  const seconds = (performance.now() - t0) / 1000;
  await t.close();
  return { count: inputs.length - 1, perSecond: (inputs.length - 1) / seconds, seconds };
}

function startServer() {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli/main.js'), 'reference', 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const m = buf.match(/listening on (http:\/\/\S+)/);
      if (m) res({ child, url: m[1] });
    });
    child.on('exit', (code) => rej(new Error(`reference serve exited with ${code}`)));
  });
}

const seeds = resolveSampleSet({ corpus: 'spam', split: 'all', count: N / 2 }, 'seeds', 11, dir).samples;
const benign = resolveSampleSet({ corpus: 'ham', split: 'all', count: N / 2 }, 'benign', 11, dir).samples;

console.log(
  `campaign harness vs raw in-process reference target, ${N} messages (${N / 2} spam + ${N / 2} ham), one decision each`,
);
// Alternate raw and harness rounds after a warm-up and keep each side's best, so JIT warm-up and the load of a
// shared machine do not favour whichever runs later.
await raw([...seeds, ...benign]);
let r;
let h;
for (let round = 0; round < 2; round++) {
  const rr = await raw([...seeds, ...benign]);
  const hh = await harness(`in-process-${round}`, campaignText('  reference: { model: lr }', 4));
  if (!r || rr.perSecond > r.perSecond) r = rr;
  if (!h || hh.perSecond > h.perSecond) h = hh;
}
const ratio = h.perSecond / r.perSecond;
console.log('  (best of 2 alternating rounds each, after a warm-up)');
console.log(
  `  raw target.decide loop   ${r.perSecond.toFixed(1).padStart(8)} decisions/s  (${r.count} in ${r.seconds.toFixed(2)} s)`,
);
console.log(
  `  campaign harness         ${h.perSecond.toFixed(1).padStart(8)} attempts/s   (${h.count} in ${h.seconds.toFixed(2)} s, stored in DuckDB, cache off)`,
);
console.log(`  harness / raw            ${(ratio * 100).toFixed(1).padStart(7)} %   (goal ≥ 90 %)`);

const server = await startServer();
try {
  const target = `  http:\n    url: ${server.url}/score\n    body: { message: '{{content}}', context: '{{context}}' }\n    concurrency: ${HTTP_CONCURRENCY}`;
  await fetch(`${server.url}/score`, { method: 'POST', body: JSON.stringify({ message: 'Subject: warm\n\nup' }) });
  const x = await harness('http', campaignText(target, HTTP_CONCURRENCY));
  const stats = x.result.resilience.base;
  // Little's law: mean requests in flight = total time spent waiting on answers / elapsed time.
  const meanInFlight = x.busyMs / 1000 / x.seconds;
  console.log(`HTTP reference server on loopback (a separate process), concurrency ${HTTP_CONCURRENCY}`);
  console.log(
    `  throughput               ${x.perSecond.toFixed(1).padStart(8)} attempts/s   (${x.count} in ${x.seconds.toFixed(2)} s, ${x.result.totals.errors} errors)`,
  );
  console.log(
    `  requests in flight       mean ${meanInFlight.toFixed(2)} · max ${stats.maxInFlight} of ${HTTP_CONCURRENCY} (${((meanInFlight / HTTP_CONCURRENCY) * 100).toFixed(0)} % busy)`,
  );
  console.log(`  retries ${stats.retries} · throttled ${stats.throttled} · failures ${stats.failures}`);
} finally {
  server.child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
