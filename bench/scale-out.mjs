// Benchmark (issue #19): distributed campaigns. A slow HTTP target on 127.0.0.1 (50 ms per answer) is attacked by
// 1, 2 and 4 `nograd worker` processes (each with the same per-worker concurrency) through Redis + PostgreSQL, and
// once by the single-process runner (DuckDB) with that concurrency. Prints attempts/s for each and the overhead per
// attempt of the distributed path (its time per attempt at 1 worker minus the single process's).
// Needs Debian's redis-server and postgresql (started here on free loopback ports, throwaway data directories).
// Run: npm run bench:scale  [-- --seeds 120 --concurrency 4 --delay 50]
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as netServer } from 'node:net';
import { join, resolve } from 'node:path';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SEEDS = arg('seeds', 120);
const CONCURRENCY = arg('concurrency', 4);
const DELAY = arg('delay', 50);
const CLI = resolve(import.meta.dirname, '..', 'dist/cli/main.js');
const dir = mkdtempSync('/tmp/nograd-bench-scale-');

const freePort = () =>
  new Promise((r) => {
    const s = netServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => r(port));
    });
  });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- servers -------------------------------------------------------------------------------------------------------
const redisPort = await freePort();
process.on('exit', () => redis.kill('SIGKILL'));
const redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--dir', dir], {
  stdio: 'ignore',
});
const pgPort = await freePort();
const pgBin = join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1), 'bin');
// Its own directory under /tmp: the `postgres` user (initdb refuses root) must reach it.
const pgRoot = mkdtempSync('/tmp/nograd-bench-pg-');
const asRoot = process.getuid() === 0;
if (asRoot)
  chownSync(pgRoot, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
const pgRun = (cmd, args) =>
  asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' })
    : execFileSync(cmd, args, { stdio: 'pipe' });
pgRun(join(pgBin, 'initdb'), ['-D', join(pgRoot, 'data'), '-U', 'postgres', '--auth=trust', '--no-sync']);
pgRun(join(pgBin, 'pg_ctl'), [
  '-D',
  join(pgRoot, 'data'),
  '-l',
  join(pgRoot, 'log'),
  '-w',
  '-o',
  `-p ${pgPort} -k ${pgRoot} -c listen_addresses=127.0.0.1 -c max_connections=200`,
  'start',
]);
const queue = `redis://127.0.0.1:${redisPort}`;

// --- the slow target: DELAY ms per answer ----------------------------------------------------------------------------
let requests = 0;
const target = createServer((req, res) => {
  let body = '';
  req.on('data', (d) => {
    body += d;
  });
  req.on('end', () => {
    requests++;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ decision: /free/i.test(JSON.parse(body).content) ? 'block' : 'allow' }));
    }, DELAY);
  });
});
await new Promise((r) => target.listen(0, '127.0.0.1', r));
const targetPort = target.address().port;

mkdirSync(join(dir, 'seeds'));
for (let i = 0; i < SEEDS; i++) {
  writeFileSync(
    join(dir, 'seeds', `s${i}.eml`),
    `From: a${i}@mailer.example.com\nSubject: offer ${i}\nContent-Type: text/plain\n\nFree money ${i}, click now.\n`,
  );
}
writeFileSync(
  join(dir, 'c.yaml'),
  `nograd-campaign: 1
name: bench-scale
target:
  http:
    url: http://127.0.0.1:${targetPort}/score
    body: { content: '{{content}}' }
    concurrency: ${CONCURRENCY}
seeds: { files: [seeds] }
tactics: [input.zero-width-characters]
seed: 1
concurrency: ${CONCURRENCY}
`,
);
const attempts = SEEDS * 2;

const runCli = (args) =>
  new Promise((resolvePromise, reject) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d) => {
      err += d;
    });
    c.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} → ${code}\n${err}`))));
  });

const startWorker = (store) =>
  new Promise((resolvePromise, reject) => {
    const c = spawn(
      process.execPath,
      [CLI, 'worker', '--queue', queue, '--store', store, '--concurrency', String(CONCURRENCY), '--quiet'],
      {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    c.stdout.on('data', (d) => {
      if (/ready/.test(String(d))) resolvePromise(c);
    });
    c.on('exit', (code) => reject(new Error(`worker exited ${code}`)));
  });

async function psql(sql) {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${pgPort}/postgres` });
  await c.connect();
  await c.query(sql);
  await c.end();
}

const rows = [];
try {
  await sleep(300);
  // Single process, DuckDB (the default path), same per-process concurrency.
  let t0 = performance.now();
  await runCli(['campaign', 'run', 'c.yaml', '--store', 'single.duckdb', '--no-cache', '--no-progress']);
  const singleS = (performance.now() - t0) / 1000;
  rows.push({ setup: 'single process (DuckDB)', seconds: singleS });

  for (const n of [1, 2, 4]) {
    await psql(`CREATE DATABASE bench_${n}`);
    const store = `postgres://postgres@127.0.0.1:${pgPort}/bench_${n}`;
    const workers = await Promise.all(Array.from({ length: n }, () => startWorker(store)));
    t0 = performance.now();
    await runCli([
      'campaign',
      'run',
      'c.yaml',
      '--queue',
      queue,
      '--store',
      store,
      '--no-cache',
      '--wait',
      '--format',
      'json',
    ]);
    rows.push({
      setup: `${n} worker${n > 1 ? 's' : ''} (Redis + PostgreSQL)`,
      seconds: (performance.now() - t0) / 1000,
    });
    await Promise.all(
      workers.map((w) => {
        const exited = new Promise((r) => w.once('exit', r));
        w.kill('SIGTERM');
        return exited;
      }),
    );
  }
} finally {
  target.close();
  redis.kill('SIGKILL');
  try {
    pgRun(join(pgBin, 'pg_ctl'), ['-D', join(pgRoot, 'data'), '-m', 'immediate', '-w', 'stop']);
  } catch {}
  rmSync(dir, { recursive: true, force: true });
  rmSync(pgRoot, { recursive: true, force: true });
}

console.log(`target answered ${requests} requests in all (${rows.length} runs × ${attempts} attempts)`);
console.log(
  `scale-out: ${attempts} attempts per run, target ${DELAY} ms per answer, concurrency ${CONCURRENCY} per process/worker`,
);
for (const r of rows) {
  console.log(
    `  ${r.setup.padEnd(34)} ${r.seconds.toFixed(2).padStart(7)} s  ${(attempts / r.seconds).toFixed(1).padStart(7)} attempts/s`,
  );
}
const one = rows.find((r) => r.setup.startsWith('1 worker'));
const single = rows[0];
console.log(
  `  overhead per attempt, 1 worker vs single process: ${(((one.seconds - single.seconds) / attempts) * 1000).toFixed(1)} ms ` +
    `(ideal at this concurrency: ${((attempts * DELAY) / CONCURRENCY / 1000).toFixed(2)} s per run per process)`,
);
