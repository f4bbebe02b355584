// Benchmark (issue #16): command targets as a user runs them — a fresh `node dist/cli/main.js campaign run` process —
// against the target's own throughput, like with like: the same messages, the same number of scorer processes.
//
//   1. own:     C scorer processes, each scoring its share of the messages in its own loop (bench/fixtures).
//   2. harness: a campaign whose target is the same scorer in line-protocol mode with concurrency C (C processes).
//   3. no-op:   a campaign against a line-protocol target that answers at once (the harness's own ceiling).
//
// Steady state = answers / (last answer − first request), as the scorer processes saw them; the whole run's wall
// time (start-up, seed loading, store, shutdown included) is printed separately.
// Run: npm run bench:command  [-- --messages 1500 --concurrency 2 --noop-messages 5000 --rounds 100 --repeat 1]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('messages', 1500);
const C = arg('concurrency', 2);
const NOOP_N = arg('noop-messages', 5000);
const ROUNDS = arg('rounds', 100);
const REPEAT = arg('repeat', 1);
const ROOT = resolve(import.meta.dirname, '..');
const CLI = join(ROOT, 'dist/cli/main.js');
const SCORER = join(ROOT, 'bench/fixtures/bench-scorer.mjs');
const CPU_AT_EXIT = join(ROOT, 'bench/fixtures/cpu-at-exit.mjs');
const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-command-'));

/** Mail-like messages of about 2 KB with varied words (deterministic). */
function writeMessages(sub, n) {
  const words =
    'free money offer meeting lunch report invoice click prize project schedule account update winner team'.split(' ');
  const d = join(dir, sub);
  mkdirSync(d);
  const files = [];
  for (let i = 0; i < n; i++) {
    let s = i * 7919 + 1;
    let body = '';
    for (let j = 0; j < 300; j++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      body += words[s % words.length] + (j % 12 === 11 ? '\n' : ' ');
    }
    const f = join(d, `m${String(i).padStart(6, '0')}.eml`);
    writeFileSync(f, `From: sender${i}@example.com\nTo: user@example.org\nSubject: message ${i}\n\n${body}`);
    files.push(f);
  }
  return files;
}

function run(argv, env = {}) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(argv[0], argv.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0) reject(new Error(`${argv.join(' ')} exited with ${code}: ${err.slice(-2000)}`));
      else resolvePromise({ out, err, wall });
    });
  });
}

/** The scorer's own throughput: C processes, each over its share, in parallel. */
async function own(files) {
  const shares = Array.from({ length: C }, (_, k) => files.filter((_, i) => i % C === k));
  const t0 = performance.now();
  const results = await Promise.all(
    shares.map((share) => run([process.execPath, SCORER, 'loop', ...share], { ROUNDS: String(ROUNDS) })),
  );
  const wall = (performance.now() - t0) / 1000;
  const parsed = results.map((r) => JSON.parse(r.out));
  const seconds = Math.max(...parsed.map((p) => p.seconds));
  const cpu = parsed.reduce((a, p) => a + p.cpuSeconds, 0);
  return {
    count: files.length,
    perSecond: files.length / seconds,
    seconds,
    wall,
    cpuMsPerInput: (cpu * 1000) / files.length,
  };
}

/** A campaign through the CLI against the scorer in line-protocol mode (`mode`: lines | noop). */
async function harness(name, seedsDir, mode, count) {
  const stats = join(dir, `${name}.stats.jsonl`);
  rmSync(stats, { force: true });
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `nograd-campaign: 1
name: bench-${name}
target:
  command:
    argv: [${JSON.stringify(process.execPath)}, ${JSON.stringify(SCORER)}, ${mode}]
    mode: line-protocol
    concurrency: ${C}
    env: { ROUNDS: '${ROUNDS}', BENCH_STATS: ${JSON.stringify(stats)} }
    response: { decision: decision, score: score }
seeds: { files: [${JSON.stringify(seedsDir)}] }
tactics: [input.zero-width-characters]
search: { single: false }
concurrency: ${Math.max(C * 8, 32)}
`,
  );
  const store = join(dir, `${name}-${Date.now()}.duckdb`);
  const cpuOut = join(dir, `${name}.cpu.jsonl`);
  rmSync(cpuOut, { force: true });
  const argv = [process.execPath, CLI, 'campaign', 'run', file, '--store', store, '--no-cache', '--no-progress'];
  const r = await run([...argv, '--format', 'json'], {
    NODE_OPTIONS: `--import ${pathToFileURL(CPU_AT_EXIT).href}`,
    BENCH_CPU_OUT: cpuOut,
  });
  const cpu = readFileSync(cpuOut, 'utf8').trim().split('\n').map(JSON.parse);
  const harnessCpuMs = cpu.filter((c) => c.script.endsWith('main.js')).reduce((a, c) => a + c.cpuMs, 0);
  const result = JSON.parse(r.out);
  const lines = readFileSync(stats, 'utf8').trim().split('\n').map(JSON.parse);
  const answered = lines.reduce((a, l) => a + l.count, 0);
  const first = Math.min(...lines.map((l) => l.first));
  const last = Math.max(...lines.map((l) => l.last));
  const seconds = (last - first) / 1000;
  if (answered !== count || result.totals.attempts !== count)
    throw new Error(`expected ${count} answers, the scorers saw ${answered}, the result has ${result.totals.attempts}`);
  return { count, perSecond: count / seconds, seconds, wall: r.wall, overallPerSecond: count / r.wall, harnessCpuMs };
}

const fmt = (x, d = 1) => x.toFixed(d);
const files = writeMessages('seeds', N);
const noopDir = join(dir, 'noop');
writeMessages('noop', NOOP_N);
writeMessages('tiny', 20);
// The harness's fixed CPU (start-up, seed loading, result, shutdown): a 20-input run; the rest is per attempt.
const tiny = await harness('tiny', join(dir, 'tiny'), 'noop', 20);
const perAttemptCpu = (h) => (h.harnessCpuMs - tiny.harnessCpuMs) / (h.count - 20);
console.log(
  `command-target bench · ${N} messages, ${C} scorer processes, ROUNDS=${ROUNDS} · ${cpus().length} cores · load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
const ratios = [];
for (let k = 0; k < REPEAT; k++) {
  const o = await own(files);
  console.log(
    `  own loop:  ${fmt(o.perSecond)} inputs/s (${o.count} in ${fmt(o.seconds, 2)} s; ${fmt(o.cpuMsPerInput, 2)} ms CPU per input; wall incl. start ${fmt(o.wall, 2)} s)`,
  );
  const h = await harness(`scorer${k}`, join(dir, 'seeds'), 'lines', N);
  console.log(
    `  harness:   ${fmt(h.perSecond)} attempts/s steady (${h.count} in ${fmt(h.seconds, 2)} s) · whole run ${fmt(h.wall, 2)} s = ${fmt(h.overallPerSecond)} attempts/s incl. start-up`,
  );
  const ratio = h.perSecond / o.perSecond;
  ratios.push(ratio);
  const hc = perAttemptCpu(h);
  console.log(`  harness / own: ${fmt(ratio * 100)} % measured (goal ≥ 90 %)`);
  console.log(
    `  harness CPU: ${fmt(h.harnessCpuMs / 1000, 2)} s in all, ${fmt(tiny.harnessCpuMs / 1000, 2)} s fixed (start-up, seeds, result) + ` +
      `${fmt(hc, 3)} ms per attempt → on the target's own cores it would keep ${fmt((100 * o.cpuMsPerInput) / (o.cpuMsPerInput + hc))} % of its throughput`,
  );
}
const n = await harness('noop', noopDir, 'noop', NOOP_N);
console.log(
  `  no-op persistent target: ${fmt(n.perSecond)} attempts/s steady (${n.count} in ${fmt(n.seconds, 2)} s) · whole run ${fmt(n.wall, 2)} s = ${fmt(n.overallPerSecond)} attempts/s incl. start-up (goal ≥ 1000/s)`,
);
const nc = perAttemptCpu(n);
console.log(
  `  no-op harness CPU: ${fmt(nc, 3)} ms per attempt (+ ${fmt(tiny.harnessCpuMs / 1000, 2)} s fixed) → ${fmt(1000 / nc)} attempts/s per core of harness CPU`,
);
if (REPEAT > 1) {
  const sorted = [...ratios].sort((a, b) => a - b);
  console.log(
    `  harness / own over ${REPEAT} runs: median ${fmt(sorted[Math.floor(REPEAT / 2)] * 100)} %, min ${fmt(sorted[0] * 100)} %`,
  );
}
console.log(
  `load after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
rmSync(dir, { recursive: true, force: true });
