/**
 * Where decision logs come from: files, directories or globs of JSONL and Parquet (`DecisionLogRecord`, see
 * src/traces/decision-log.ts), read by DuckDB into one normalized view `nograd_logs` — one column per field the
 * monitor uses, epoch-ms time `t`, input length `len` — filtered to a time range. Nothing is loaded into JS.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { expandGlob } from '../traces/sources.js';
import { UserError } from '../util/errors.js';
import { assertCompleteGzip } from '../util/gzip-check.js';
import { type Db, num, sqlNumber, sqlString } from './db.js';
import type { TimeRange } from './window.js';

export interface LogInput {
  format: 'json' | 'parquet';
  /** A file path or a glob DuckDB expands. */
  path: string;
}

const GLOB = /[*?[]/;

/** Turn CLI arguments into log inputs: a directory means its decisions.parquet (else decisions.jsonl, else all logs in it). */
export function resolveLogInputs(args: readonly string[]): LogInput[] {
  if (args.length === 0)
    throw new UserError('no decision logs given (pass JSONL or Parquet files, globs or directories)');
  const out: LogInput[] = [];
  for (const arg of args) {
    if (GLOB.test(arg)) {
      out.push({
        format: formatOfName(arg) ?? fail(`cannot tell the format of '${arg}': end the glob with .jsonl or .parquet`),
        path: arg,
      });
      continue;
    }
    if (!existsSync(arg)) throw new UserError(`cannot read decision logs '${arg}': no such file or directory`);
    if (statSync(arg).isDirectory()) {
      out.push(...resolveDirectory(arg));
      continue;
    }
    out.push({ format: formatOfName(arg) ?? sniff(arg), path: arg });
  }
  return out;
}

function resolveDirectory(dir: string): LogInput[] {
  // `nograd reference traffic` writes the same records twice; Parquet is the faster read.
  if (existsSync(join(dir, 'decisions.parquet'))) return [{ format: 'parquet', path: join(dir, 'decisions.parquet') }];
  if (existsSync(join(dir, 'decisions.jsonl'))) return [{ format: 'json', path: join(dir, 'decisions.jsonl') }];
  const names = readdirSync(dir);
  if (names.some((n) => n.endsWith('.parquet'))) return [{ format: 'parquet', path: join(dir, '*.parquet') }];
  const jsonl = names.filter((n) => formatOfName(n) === 'json');
  if (jsonl.length > 0) return jsonl.sort().map((n) => ({ format: 'json' as const, path: join(dir, n) }));
  throw new UserError(
    `no decision logs in directory '${dir}' (expected decisions.parquet, decisions.jsonl, *.parquet or *.jsonl)`,
  );
}

function formatOfName(name: string): LogInput['format'] | undefined {
  const base = name.toLowerCase().replace(/\.(gz|zst)$/, '');
  const ext = extname(base);
  // The monitor reads the decision-log record as written (JSONL, Parquet); read as JSON, a CSV file was reported
  // as "Malformed JSON".
  if (ext === '.csv' || ext === '.tsv')
    throw new UserError(
      `'${name}' is ${ext.slice(1).toUpperCase()}: the monitor reads decision logs as JSONL or Parquet; convert it (or read it with \`nograd traces ingest\`, which takes CSV)`,
    );
  if (ext === '.parquet') return 'parquet';
  if (ext === '.jsonl' || ext === '.ndjson' || ext === '.json') return 'json';
  return undefined;
}

function sniff(path: string): LogInput['format'] {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4);
    readSync(fd, buf, 0, 4, 0);
    return buf.toString('latin1') === 'PAR1' ? 'parquet' : 'json';
  } finally {
    closeSync(fd);
  }
}

function fail(message: string): never {
  throw new UserError(message);
}

/** The fields the monitor reads, with their DuckDB types. `ts` and `decision` are required. */
const COLUMNS: Record<string, string> = {
  ts: 'VARCHAR',
  account: 'VARCHAR',
  accountAgeDays: 'DOUBLE',
  sourceIp: 'VARCHAR',
  input: 'VARCHAR',
  inputHash: 'VARCHAR',
  templateHash: 'VARCHAR',
  score: 'DOUBLE',
  threshold: 'DOUBLE',
  reviewLow: 'DOUBLE',
  decision: 'VARCHAR',
  decidedBy: 'VARCHAR',
  layer: 'VARCHAR',
  modelVersion: 'VARCHAR',
  featureVersion: 'VARCHAR',
  featureTokens: 'DOUBLE',
  reviewerOutcome: 'VARCHAR',
  userReport: 'VARCHAR',
};
const REQUIRED = ['ts', 'decision'];

export interface OpenedLogs {
  /** Records in range (after the time filter). */
  rows: number;
  firstTs: number | null;
  lastTs: number | null;
  /** Records skipped because `ts` did not parse. */
  badTimestamps: number;
}

/** Create the `nograd_logs` view over the inputs, restricted to the range, and report what it holds. */
export async function openLogs(db: Db, inputs: readonly LogInput[], range: TimeRange): Promise<OpenedLogs> {
  // DuckDB reads a cut-off gzip file as far as it goes without a word; check each named one ends where it should.
  // A glob is expanded here (as traces ingest does) so every matched `.gz` file is checked too.
  for (const i of inputs) {
    if (i.format !== 'json') continue;
    for (const file of GLOB.test(i.path) ? expandGlob(i.path) : [i.path]) await assertCompleteGzip(file);
  }
  const parts: string[] = [];
  const json = inputs.filter((i) => i.format === 'json');
  const parquet = inputs.filter((i) => i.format === 'parquet');
  if (json.length > 0) {
    const cols = Object.entries(COLUMNS)
      .map(([k, t]) => `${k}: '${t}'`)
      .join(', ');
    parts.push(
      `SELECT ${Object.keys(COLUMNS).join(', ')} FROM read_json([${json.map((i) => sqlString(i.path)).join(', ')}], format = 'newline_delimited', columns = {${cols}}, ignore_errors = false)`,
    );
  }
  if (parquet.length > 0) {
    const src = `read_parquet([${parquet.map((i) => sqlString(i.path)).join(', ')}], union_by_name = true)`;
    const present = new Set(
      (await guard(() => db.all(`DESCRIBE SELECT * FROM ${src}`), parquet)).map((r) => String(r.column_name)),
    );
    const missing = REQUIRED.filter((c) => !present.has(c));
    if (missing.length > 0)
      throw new UserError(
        `decision logs ${parquet.map((i) => i.path).join(', ')} lack required field(s): ${missing.join(', ')}`,
      );
    const select = Object.entries(COLUMNS).map(([k, t]) =>
      present.has(k)
        ? k === 'ts'
          ? 'CAST(ts AS VARCHAR) AS ts'
          : `CAST(${k} AS ${t}) AS ${k}`
        : `CAST(NULL AS ${t}) AS ${k}`,
    );
    parts.push(`SELECT ${select.join(', ')} FROM ${src}`);
  }
  const filters = ['t IS NOT NULL'];
  if (range.since !== null) filters.push(`t >= ${sqlNumber(range.since)}`);
  if (range.until !== null) filters.push(`t < ${sqlNumber(range.until)}`);
  await db.run(`CREATE OR REPLACE TEMP VIEW nograd_raw AS
    SELECT epoch_ms(TRY_CAST(ts AS TIMESTAMPTZ)) AS t, account, accountAgeDays AS age, sourceIp AS ip, length(input) AS len,
           inputHash, templateHash, score, threshold, reviewLow, decision, decidedBy, layer, reviewerOutcome, userReport,
           modelVersion, featureVersion, featureTokens AS ftok
    FROM (${parts.join(' UNION ALL BY NAME ')})`);
  await db.run(`CREATE OR REPLACE TEMP VIEW nograd_logs AS SELECT * FROM nograd_raw WHERE ${filters.join(' AND ')}`);
  const [info] = await guard(
    () =>
      db.all(`SELECT count(*) FILTER (WHERE t IS NULL) AS bad,
                     count(*) FILTER (WHERE ${filters.join(' AND ')}) AS n,
                     min(t) FILTER (WHERE ${filters.join(' AND ')}) AS lo,
                     max(t) FILTER (WHERE ${filters.join(' AND ')}) AS hi
              FROM nograd_raw`),
    inputs,
  );
  return {
    rows: num(info?.n),
    firstTs: info?.lo === null || info?.lo === undefined ? null : num(info.lo),
    lastTs: info?.hi === null || info?.hi === undefined ? null : num(info.hi),
    badTimestamps: num(info?.bad),
  };
}

/** Run a query that reads the logs; turn DuckDB's read errors into a UserError naming the inputs. */
export async function guard<T>(fn: () => Promise<T>, inputs: readonly LogInput[]): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    // DuckDB numbers the line after the malformed one (1.5: "at byte 2 in line 4" for a bad line 3): say file:line.
    const malformed = /Malformed JSON in file "(.+?)", at byte \d+ in line (\d+): (.*?)\.?\s*$/m.exec(msg);
    if (malformed)
      throw new UserError(
        `${malformed[1]}:${Math.max(1, Number(malformed[2]) - 1)}: not a JSON record (${malformed[3]}); the monitor reads every line, so fix or remove this one (\`nograd traces ingest\` reports every bad line and reads the rest)`,
      );
    if (/No files found|Invalid Input|Parser Error|Conversion Error|malformed|JSON|parquet|IO Error/i.test(msg)) {
      throw new UserError(`cannot read decision logs (${inputs.map((i) => i.path).join(', ')}): ${msg.split('\n')[0]}`);
    }
    throw e;
  }
}
