// Benchmark (issue #8): mine N decision-log rows with every miner, from Parquet and from JSONL, through the library
// (DuckDB), and compare with a straightforward streaming JSONL implementation in plain Node in the same run.
// Reports rows/second and peak memory (VmHWM: the peak resident set of the process that did the work).
//
// Run: npm run bench:traces                      (10 million rows; needs ~6 GB of free disk for the JSONL)
//      node bench/traces-mining.mjs --rows 2000000 --threads 2
//
// Each measurement runs in its own child process, so its peak memory is its own.
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};

function peakRssMb() {
  const m = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 2 ** 20;
}

// ------------------------------------------------------------------------------------------- child: measurements
const role = arg('--child');
if (role) {
  const file = arg('--file');
  const rows = Number(arg('--rows'));
  const t0 = performance.now();
  let detail;
  if (role === 'duckdb') {
    const { mineSuite } = await import('../dist/regress/index.js');
    // Seconds spent in each phase (ingest, summary, each miner), from the progress events.
    const phases = {};
    let phase = 'open';
    let since = performance.now();
    const enter = (next) => {
      const now = performance.now();
      phases[phase] = Number(((now - since) / 1000).toFixed(2));
      phase = next;
      since = now;
    };
    const r = await mineSuite([file], {
      store: { threads: Number(arg('--threads')), memoryLimit: arg('--memory-limit') },
      params: { baselineUntil: '2025-01-08T00:00:00Z' },
      onProgress: (e) => enter(e.phase === 'mine' ? e.miner : e.phase === 'file' ? 'ingest' : e.phase),
    });
    enter('done');
    detail = Object.fromEntries(r.mining.miners.map((m) => [m.name, m.skipped ? 'skipped' : m.matched]));
    detail.phases = phases;
    detail.cases = r.suite.cases.length;
    if (r.ingest.validRows !== rows) throw new Error(`expected ${rows} rows, ingested ${r.ingest.validRows}`);
  } else {
    detail = await naiveJsonl(file);
  }
  const seconds = (performance.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ seconds, peakMb: peakRssMb(), detail }));
  process.exit(0);
}

/**
 * The straightforward way: stream the file line by line, JSON.parse each, and keep what the aggregate miners need
 * in Maps (template → first/last window, input → per-version scores). Same rules as the SQL miners, exact templates.
 */
async function naiveJsonl(file) {
  const band = 0.05;
  const until = Date.parse('2025-01-08T00:00:00Z');
  const counts = { uncertain: 0, escalated: 0, overturned: 0, 'new-template': 0, 'confidence-loss': 0 };
  const templates = new Map(); // tpl → [seenBefore, rowsAfter]
  const versions = new Map(); // inputHash → Map(version → [sum, n, firstTs, allowed])
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    if (!line) continue;
    const r = JSON.parse(line);
    n++;
    if (r.score !== null) {
      const d = Math.min(
        Math.abs(r.score - r.threshold),
        r.reviewLow == null ? Number.POSITIVE_INFINITY : Math.abs(r.score - r.reviewLow),
      );
      if (d <= band) counts.uncertain++;
    }
    if (r.escalated) counts.escalated++;
    const rev = r.reviewerOutcome;
    if (
      (r.decision === 'block' && (rev === 'ham' || (rev == null && r.userReport === 'not-spam'))) ||
      (r.decision === 'allow' && (rev === 'spam' || (rev == null && r.userReport === 'spam')))
    )
      counts.overturned++;
    const ts = Date.parse(r.ts);
    const tpl = r.templateHash ?? r.inputHash;
    const t = templates.get(tpl) ?? [false, 0];
    if (ts < until) t[0] = true;
    else t[1]++;
    templates.set(tpl, t);
    if (r.score !== null && r.modelVersion) {
      let per = versions.get(r.inputHash);
      if (!per) {
        per = new Map();
        versions.set(r.inputHash, per);
      }
      const v = per.get(r.modelVersion) ?? [0, 0, ts, false];
      v[0] += r.score;
      v[1]++;
      v[2] = Math.min(v[2], ts);
      v[3] ||= r.decision === 'allow';
      per.set(r.modelVersion, v);
    }
  }
  for (const [, [before, after]] of templates) if (!before && after >= 3) counts['new-template'] += after;
  for (const [, per] of versions) {
    if (per.size < 2) continue;
    const steps = [...per.values()].sort((a, b) => a[2] - b[2]);
    for (let i = 1; i < steps.length; i++) {
      const prev = steps[i - 1];
      const cur = steps[i];
      if (prev[3] && cur[0] / cur[1] - prev[0] / prev[1] >= 0.05) counts['confidence-loss']++;
    }
  }
  return { ...counts, rows: n };
}

// ------------------------------------------------------------------------------------------- parent: orchestration
const rows = Number(arg('--rows', '10000000'));
const threads = Number(arg('--threads', String(availableParallelism())));
const memoryLimit = arg('--memory-limit', '1GB');
// --data DIR reuses (or, when empty, fills and keeps) a directory of generated logs; --only parquet skips JSONL.
const dataDir = arg('--data');
const only = arg('--only');
const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'nograd-bench-traces-'));

/**
 * Synthetic decision logs, made by DuckDB: 14 days, 50k accounts, 2% of inputs re-scored by a second model version
 * (confidence loss), 200k templates (uniform 64-bit simhashes, as real fingerprints are) with a surge of 5k new
 * templates after day 3, reviews, reports and escalations
 * at production-like rates. Inputs are short bodies (the miners never look inside them).
 */
async function generate() {
  const parquet = join(dir, 'decisions.parquet');
  const parquetText = join(dir, 'decisions-text-ts.parquet');
  const jsonl = join(dir, 'decisions.jsonl');
  if (dataDir && [parquet, parquetText, jsonl].every((f) => existsSync(f))) return { parquet, parquetText, jsonl };
  mkdirSync(dir, { recursive: true });
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:', { threads: String(threads), memory_limit: '2GB' });
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  await c.run(`CREATE TABLE logs AS
    SELECT
      printf('msg-%010d', i) AS id,
      TIMESTAMPTZ '2025-01-06 00:00:00+00' + to_milliseconds((i * 1209600000 // ${rows})::BIGINT) AS ts,
      printf('user-%05d', hash(i) % 50000) AS account,
      (hash(i * 7) % 2000)::DOUBLE / 3 AS accountAgeDays,
      '192.0.2.' || (hash(i * 3) % 250)::VARCHAR AS sourceIp,
      'Subject: offer ' || (i % 100000)::VARCHAR || E'\\n\\nbody ' || (i % 977)::VARCHAR AS input,
      NULL::VARCHAR AS inputRef,
      sha256(((CASE WHEN i % 50 = 0 THEN i - (i % 100) ELSE i END))::VARCHAR) AS inputHash,
      printf('%016x', CASE WHEN i * 1209600000 // ${rows} > 259200000 AND i % 1000 = 7 THEN hash(1000000000 + i % 5000) ELSE hash(i % 200000) END) AS templateHash,
      (hash(i * 13) % 1000000)::DOUBLE / 1000000 AS score,
      0.5 AS threshold,
      0.3 AS reviewLow,
      CASE WHEN score >= 0.5 THEN 'block' WHEN score >= 0.3 THEN 'review' ELSE 'allow' END AS decision,
      'threshold-policy' AS decidedBy,
      'application' AS layer,
      CASE WHEN i % 50 = 0 AND i % 100 = 50 THEN 'm2' ELSE 'm1' END AS modelVersion,
      CASE WHEN hash(i * 17) % 100 < 2 THEN (CASE WHEN score > 0.45 THEN 'spam' ELSE 'ham' END) END AS reviewerOutcome,
      hash(i * 19) % 1000 < 2 AS escalated,
      CASE WHEN hash(i * 23) % 1000 < 3 THEN (CASE WHEN score < 0.5 THEN 'spam' ELSE 'not-spam' END) END AS userReport,
      NULL::VARCHAR AS campaign,
      NULL::VARCHAR AS truth
    FROM range(${rows}) t(i)`);
  // Parquet as logging pipelines write it (typed timestamp column), and with ISO-text timestamps, which every
  // query must parse; JSONL has text timestamps by nature.
  const textTs = `SELECT * REPLACE (strftime(ts, '%Y-%m-%dT%H:%M:%S.%gZ') AS ts) FROM logs`;
  await c.run(`COPY logs TO '${parquet}' (FORMAT parquet, COMPRESSION zstd)`);
  await c.run(`COPY (${textTs}) TO '${parquetText}' (FORMAT parquet, COMPRESSION zstd)`);
  await c.run(`COPY (${textTs}) TO '${jsonl}' (FORMAT json)`);
  c.closeSync();
  db.closeSync();
  return { parquet, parquetText, jsonl };
}

function measure(role, file) {
  const out = execFileSync(
    process.execPath,
    [
      import.meta.filename,
      '--child',
      role,
      '--file',
      file,
      '--rows',
      String(rows),
      '--threads',
      String(threads),
      '--memory-limit',
      memoryLimit,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 16 * 2 ** 20 },
  );
  return JSON.parse(out);
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
try {
  process.stderr.write(`generating ${fmt(rows)} rows …\n`);
  const t0 = performance.now();
  const reused = Boolean(dataDir && existsSync(join(dir, 'decisions.jsonl')));
  const { parquet, parquetText, jsonl } = await generate();
  const mb = (f) => (statSync(f).size / 2 ** 20).toFixed(0);
  console.log(
    `${fmt(rows)} rows ${reused ? `reused from ${dir}` : `generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`} · Parquet ${mb(parquet)} MB · JSONL ${mb(jsonl)} MB · DuckDB threads ${threads}, memory limit ${memoryLimit}`,
  );
  console.log('implementation                          seconds      rows/s   peak RSS');
  const runs = [
    ['nograd (DuckDB) · Parquet', measure('duckdb', parquet)],
    ['nograd (DuckDB) · Parquet, text ts', measure('duckdb', parquetText)],
  ];
  if (only !== 'parquet') {
    runs.push(['nograd (DuckDB) · JSONL', measure('duckdb', jsonl)]);
    runs.push(['naive streaming JSONL (readline+parse)', measure('naive', jsonl)]);
  }
  for (const [name, r] of runs) {
    console.log(
      `${name.padEnd(38)} ${r.seconds.toFixed(1).padStart(8)} ${fmt(rows / r.seconds).padStart(11)} ${fmt(r.peakMb).padStart(7)} MB`,
    );
  }
  for (const [name, r] of runs) console.log(`  ${name}: ${JSON.stringify(r.detail)}`);
} finally {
  if (!dataDir) rmSync(dir, { recursive: true, force: true });
}
