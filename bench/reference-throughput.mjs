// Benchmark (issue #5): messages scored per second through the full reference funnel, in-process and over HTTP
// on loopback, plus cold training time (all 6,046 messages, private cache) and cached-model load time.
// Run: npm run bench:reference   [-- --messages 1200 --concurrency 8 --skip-cold]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCorpus } from '../dist/reference/corpus.js';
import { startReferenceServer } from '../dist/reference/server.js';
import { createReferenceSystem } from '../dist/reference/system.js';
import { trainReferenceModel } from '../dist/reference/training.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MESSAGES = arg('messages', 600);
const CONCURRENCY = arg('concurrency', 8);
const T0 = Date.UTC(2025, 0, 6);
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
// CPU time of the whole process (all threads): on a shared machine wall time measures the neighbours too.
const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const timer = () => {
  const wall = performance.now();
  const cpu = cpuSeconds();
  return () => ({ wallMs: performance.now() - wall, cpuS: cpuSeconds() - cpu });
};
const fmt = ({ wallMs, cpuS }) => `${(wallMs / 1000).toFixed(1)} s wall, ${cpuS.toFixed(1)} s CPU`;

// Each message comes from its own long-standing account a second after the previous one, so every message
// travels the whole funnel (signup → accounts → rate limit → bulk → parse → model → threshold).
function inputsFrom(trained) {
  const byId = new Map(loadCorpus().map((m) => [m.id, m.raw]));
  const test = trained.testIds.map((id) => byId.get(id));
  return Array.from({ length: MESSAGES }, (_, i) => ({
    raw: test[i % test.length],
    context: { accountId: `bench-${i}`, accountAgeDays: 400, timestamp: T0 + i * 1000 },
  }));
}

function summary(label, n, { wallMs, cpuS }, decidedBy) {
  const by = Object.entries(decidedBy)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const perWall = ((n * 1000) / wallMs).toFixed(0).padStart(5);
  const perCpu = (n / cpuS).toFixed(0).padStart(5);
  console.log(`${label.padEnd(28)} ${n} msgs  ${perWall} msgs/s wall  ${perCpu} msgs per CPU-second   (${by})`);
}

console.log(
  `node ${process.version}, ${MESSAGES} test-split messages, HTTP concurrency ${CONCURRENCY}, load average ${(await import('node:os')).loadavg()[0].toFixed(1)}\n`,
);

if (!process.argv.includes('--skip-cold')) {
  const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-ref-'));
  process.env.NOGRAD_CACHE_DIR = dir;
  let t = timer();
  const cold = await trainReferenceModel({ model: 'lr' });
  console.log(`cold training, lr (parse 6,046 messages + fit):  ${fmt(t())}`);
  t = timer();
  await trainReferenceModel({ model: 'nb' });
  console.log(`cold training, nb (features already cached):     ${fmt(t())}`);
  t = timer();
  const warm = await trainReferenceModel({ model: 'lr' });
  console.log(
    `cached model load, lr:                           ${t().wallMs.toFixed(0)} ms (same version: ${warm.model.version === cold.model.version})\n`,
  );
  delete process.env.NOGRAD_CACHE_DIR;
  rmSync(dir, { recursive: true, force: true });
}

const trained = await trainReferenceModel({ model: 'lr' });
const inputs = inputsFrom(trained);

// In-process: one message at a time (the funnel is stateful; order matters).
{
  const system = await createReferenceSystem({ trained });
  for (const input of inputs.slice(0, 50))
    await system.process({
      raw: input.raw,
      context: { ...input.context, accountId: `warm-${input.context.accountId}` },
    });
  const t = timer();
  for (const input of inputs) await system.process(input);
  const took = t();
  const counts = system.snapshot().decidedBy;
  counts['threshold-policy'] -= 50;
  summary('in-process (full funnel)', inputs.length, took, counts);
}

// HTTP on loopback: POST /score with CONCURRENCY requests in flight (keep-alive fetch).
{
  const system = await createReferenceSystem({ trained });
  const server = await startReferenceServer({ system });
  const post = (input) =>
    fetch(`${server.url}/score`, {
      method: 'POST',
      body: JSON.stringify({ message: input.raw, context: input.context }),
    }).then(async (r) => {
      if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
      return r.json();
    });
  for (const input of inputs.slice(0, 50))
    await post({ ...input, context: { ...input.context, accountId: `warm-${input.context.accountId}` } });
  const decidedBy = {};
  let next = 0;
  const latencies = [];
  const t = timer();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < inputs.length) {
        const input = inputs[next++];
        const s = performance.now();
        const out = await post(input);
        latencies.push(performance.now() - s);
        decidedBy[out.decidedBy] = (decidedBy[out.decidedBy] ?? 0) + 1;
      }
    }),
  );
  const took = t();
  await server.close();
  summary('HTTP POST /score (loopback)', inputs.length, took, decidedBy);
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
  console.log(`${''.padEnd(28)} latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
}
console.log(`\npeak RSS ${mb(process.resourceUsage().maxRSS * 1024)}`);
