#!/usr/bin/env node
/**
 * Benchmark: `nograd monitor check` over 10 million decision-log rows (Parquet), through the library API the CLI
 * uses. Generates the logs with DuckDB SQL (30 days, a funnel-like mix of deciders, scores, reports, templates,
 * accounts and source IPs; the last days drift), builds a baseline on the first 14 days, then checks all 30 daily
 * windows with the default rules. Prints rows, wall and CPU time per phase (CPU time is the fairer figure on a
 * shared machine), throughput and the peak RSS of this process (DuckDB runs in-process, so it is included).
 *
 *   npm run bench:monitor                      # 10M rows
 *   ROWS=1000000 node bench/monitor-check.mjs  # smaller
 *   THREADS=2 MEMORY=2GB node bench/monitor-check.mjs
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROWS = Number(process.env.ROWS ?? 10_000_000);
const THREADS = Number(process.env.THREADS ?? 2);
const MEMORY = process.env.MEMORY ?? '2GB';
const DAYS = 30;
const START = Date.UTC(2025, 0, 1);

const monitor = await import('../dist/monitor/index.js');
const { DuckDBInstance } = await import('@duckdb/node-api');

const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-monitor-'));
const file = join(dir, 'decisions.parquet');
const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
/** CPU seconds (user + system, all threads) since a previous process.cpuUsage(). */
const cpu = (since) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};

try {
  // ---- generate ---------------------------------------------------------------------------------------------------
  let t = performance.now();
  let c0 = process.cpuUsage();
  {
    const inst = await DuckDBInstance.create(':memory:', { threads: String(THREADS), memory_limit: MEMORY });
    const c = await inst.connect();
    // u(k): a uniform in [0,1) from hash(i, k) — deterministic, no RNG state.
    const u = (k) => `((hash(i, ${k}) % 1000000)::DOUBLE / 1000000)`;
    await c.run(`COPY (
      WITH base AS (
        SELECT i,
          ${START} + (i::DOUBLE / ${ROWS} * ${DAYS} * 86400000)::BIGINT AS t,
          ${u(1)} AS u1, ${u(2)} AS u2, ${u(3)} AS u3, ${u(4)} AS u4, ${u(5)} AS u5,
          (hash(i, 6) % 200000) AS acct
        FROM range(${ROWS}) r(i)
      ), shaped AS (
        SELECT *, (t - ${START}) / 86400000 AS day,
          u1 < 0.3 AS spam,
          CASE WHEN u2 < 0.04 THEN 'sender-accounts' WHEN u2 < 0.06 THEN 'rate-limiter' WHEN u2 < 0.09 THEN 'bulk-detector' ELSE 'threshold-policy' END AS dec
        FROM base
      ), scored AS (
        SELECT *,
          CASE WHEN dec <> 'threshold-policy' THEN NULL
               WHEN spam THEN least(1, greatest(0, 0.75 + 0.25 * (u3 - 0.5) * 2 - CASE WHEN day >= 24 THEN 0.15 ELSE 0 END))
               ELSE least(1, greatest(0, pow(u3, 4) * 0.6 + CASE WHEN day >= 24 THEN 0.1 ELSE 0 END)) END AS score
        FROM shaped
      )
      SELECT
        'd' || i AS id,
        strftime(make_timestamp(t * 1000), '%Y-%m-%dT%H:%M:%S.%gZ') AS ts,
        'acct-' || acct AS account,
        (acct % 400)::DOUBLE AS accountAgeDays,
        '10.' || (acct % 250) || '.' || ((acct // 250) % 250) || '.1' AS sourceIp,
        printf('%016x%016x', hash(i, 7), hash(i, 8)) AS inputHash,
        CASE WHEN u4 < 0.2 THEN printf('%016x', hash(i % 5000)) ELSE printf('%016x', hash(i)) END AS templateHash,
        score,
        0.5 AS threshold,
        0.35 AS reviewLow,
        CASE WHEN dec <> 'threshold-policy' THEN 'block' WHEN score >= 0.5 THEN 'block' WHEN score >= 0.35 THEN 'review' ELSE 'allow' END AS decision,
        dec AS decidedBy,
        CASE dec WHEN 'sender-accounts' THEN 'access' WHEN 'threshold-policy' THEN 'application' ELSE 'activity' END AS layer,
        CASE WHEN dec = 'threshold-policy' AND score >= 0.35 AND score < 0.5 THEN (CASE WHEN spam THEN 'spam' ELSE 'ham' END) END AS reviewerOutcome,
        CASE WHEN u5 < 0.002 THEN 'not-spam' WHEN u5 < 0.004 THEN 'spam' END AS userReport,
      FROM scored
    ) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 122880)`);
    c.closeSync();
    inst.closeSync();
  }
  const genMs = performance.now() - t;
  const genCpu = cpu(c0);
  console.error(`generated ${ROWS.toLocaleString('en')} rows in ${secs(genMs)} (${mb(statSync(file).size)} Parquet)`);
  const rssAfterGen = process.resourceUsage().maxRSS * 1024;

  // ---- baseline ---------------------------------------------------------------------------------------------------
  const inputs = monitor.resolveLogInputs([file]);
  t = performance.now();
  c0 = process.cpuUsage();
  const baseline = await monitor.createBaseline(inputs, {
    threads: THREADS,
    memoryLimit: MEMORY,
    range: { since: null, until: START + 14 * 86_400_000 },
    capacityPerDay: 20_000,
  });
  const baseMs = performance.now() - t;
  const baseCpu = cpu(c0);
  const baselineFile = join(dir, 'baseline.json');
  monitor.writeBaseline(baselineFile, baseline);
  console.error(`baseline over ${baseline.source.rows.toLocaleString('en')} rows in ${secs(baseMs)}`);

  // ---- check ------------------------------------------------------------------------------------------------------
  t = performance.now();
  c0 = process.cpuUsage();
  const r = await monitor.monitorCheck({
    logs: inputs,
    baseline: baselineFile,
    sinks: [],
    threads: THREADS,
    memoryLimit: MEMORY,
    failOn: 'none',
  });
  const checkMs = performance.now() - t;
  const checkCpu = cpu(c0);
  const checked = r.result.windows.reduce((s, w) => s + w.rows, 0);
  const byRule = {};
  for (const a of r.result.alerts) byRule[a.ruleId] = (byRule[a.ruleId] ?? 0) + 1;
  const peak = process.resourceUsage().maxRSS * 1024;

  const lines = [
    `nograd monitor check benchmark (${THREADS} DuckDB threads, memory limit ${MEMORY}, Node ${process.version})`,
    `rows checked          ${checked.toLocaleString('en')} in ${r.result.windows.length} windows of ${r.result.window}`,
    `generate (DuckDB SQL) ${secs(genMs)} wall, ${secs(genCpu)} CPU  (${mb(statSync(file).size)} Parquet)`,
    `baseline (14 days)    ${secs(baseMs)} wall, ${secs(baseCpu)} CPU  (${baseline.source.rows.toLocaleString('en')} rows)`,
    `check (30 days)       ${secs(checkMs)} wall, ${secs(checkCpu)} CPU  (${Math.round(checked / (checkMs / 1000)).toLocaleString('en')} rows/s wall)`,
    `load average          ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${(await import('node:os')).availableParallelism()} cores`,
    `peak RSS              ${mb(peak)}  (after generating: ${mb(rssAfterGen)})`,
    `alerts                ${r.result.alerts.length} ${JSON.stringify(byRule)}`,
  ];
  console.log(lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
