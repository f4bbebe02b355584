/**
 * Ingest production decision logs (JSONL, CSV, Parquet; gzip; many files, directories, globs) into the trace
 * store through a mapping, checking every record. Good rows land in the `decisions` view that the miners query;
 * bad rows stay in the table with file, line and reason, are counted and reported (the first N), and with
 * `strict` make the ingest fail (exit 2). Nothing is dropped silently.
 */
import { relative } from 'node:path';
import { EXIT, UserError } from '../util/errors.js';
import { assertCompleteGzip } from '../util/gzip-check.js';
import { readCsvColumns } from './csv-header.js';
import {
  createTableSql,
  csvDialect,
  describeSql,
  type FileScan,
  insertFileSql,
  ROW_FILE_SHIFT,
  selectFileSql,
} from './ingest-sql.js';
import { firstLineEndsWithCrlf } from './line-ending.js';
import { identityMapping, type TraceMapping } from './mapping.js';
import { DECISION_LOG_SCHEMA, type FieldDef, type RecordSchema } from './record-schema.js';
import { type ResolvedSources, resolveSources, type SourceFile } from './sources.js';
import { sqlIdent } from './sql.js';
import { type StoreOptions, TraceStore } from './store.js';

export interface IngestOptions {
  mapping?: TraceMapping;
  schema?: RecordSchema;
  /** Table holding every row, good and bad. */
  table?: string;
  /** View of the good rows. */
  view?: string;
  /** Any bad row fails the ingest (UserError, exit 2). */
  strict?: boolean;
  /** How many bad rows to report in detail (all are counted). Default 20. */
  maxBadSamples?: number;
  /**
   * Copy the rows into the store, or check them once and read the good ones straight from the file each time they
   * are queried. Default: Parquet is read in place (columnar: a miner reads only the columns it needs, so mining
   * 10 M rows costs less than copying them), JSONL and CSV are copied (a row-oriented text file would be parsed
   * again by every miner). `true` copies everything; `false` reads everything in place.
   */
  materialize?: boolean;
  onProgress?: (event: IngestProgress) => void;
}

export type IngestProgress = { phase: 'file'; index: number; total: number; path: string } | { phase: 'summarize' };

export interface BadRow {
  file: string;
  /** 1-based line (JSONL, CSV) or row (Parquet) number. */
  line: number;
  lineKind: 'line' | 'row';
  /** The canonical field at fault, or `line` / `csv` for records that could not be read at all. */
  field: string;
  kind: string;
  message: string;
}

export interface FileSummary {
  path: string;
  format: SourceFile['format'];
  rows: number;
  badRows: number;
}

export interface IngestSummary {
  files: FileSummary[];
  /** Files in directories or globs that were not logs (unknown extension). */
  skippedFiles: string[];
  rows: number;
  validRows: number;
  badRows: number;
  /** The first bad rows, in file and line order. */
  badSamples: BadRow[];
  /** Bad rows counted by field and kind of problem. */
  badByKind: Array<{ field: string; kind: string; count: number }>;
  /** Fields the mapping names that were empty in every good row: probably a misspelt source field. */
  emptyMappedFields: string[];
  timeRange?: { from: string; to: string };
  decisions: Record<string, number>;
  /** Model versions in order of first use, with the time each was first and last seen (retrain boundaries). */
  modelVersions: Array<{ version: string; rows: number; from?: string; to?: string }>;
  /**
   * Ids that more than one good row carries (a log written twice, a retry logged again): reported, not dropped,
   * since both rows were read. `extraRows` is the rows beyond the first of each id.
   */
  duplicateIds: { ids: number; extraRows: number; samples: Array<{ id: string; rows: BadRowPlace[] }> };
}

/** Where a row is: file and line (JSONL, CSV) or row (Parquet). */
export type BadRowPlace = Pick<BadRow, 'file' | 'line' | 'lineKind'>;

export const ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%gZ';

/** Open a fresh trace store and ingest into it. The caller closes the store. */
export async function ingestTraces(
  paths: readonly string[],
  opts: IngestOptions & { store?: StoreOptions } = {},
): Promise<{ store: TraceStore; summary: IngestSummary }> {
  const sources = resolveSources(paths, opts.mapping?.format);
  const store = await TraceStore.open(opts.store);
  try {
    const summary = await ingestInto(store, sources, opts);
    return { store, summary };
  } catch (e) {
    await store.close();
    throw e;
  }
}

export async function ingestInto(
  store: TraceStore,
  sources: ResolvedSources,
  opts: IngestOptions = {},
): Promise<IngestSummary> {
  const schema = opts.schema ?? DECISION_LOG_SCHEMA;
  const mapping = opts.mapping ?? identityMapping(schema);
  const table = opts.table ?? 'ingested';
  const view = opts.view ?? 'decisions';
  const readInPlace = (f: SourceFile) =>
    opts.materialize === false || (opts.materialize === undefined && f.format === 'parquet');
  await store.run(createTableSql(table, schema));
  const tally = summaryTally(schema, mapping);
  await store.run(`CREATE OR REPLACE TEMP TABLE _ingest_summary AS ${tally.select(sqlIdent(table), 'false')}`);
  // Files read in place: checked once; their bad rows are copied into the table (to be counted and reported like
  // the others) and their good rows are read through the view, which skips the bad ones by row number.
  const inPlace: InPlaceFile[] = [];
  for (const [index, file] of sources.files.entries()) {
    opts.onProgress?.({ phase: 'file', index, total: sources.files.length, path: file.path });
    const scan: FileScan = { file, index };
    // DuckDB reads a cut-off gzip file as far as it goes without a word; check the stream ends where it should.
    if (file.format !== 'parquet') await assertCompleteGzip(file.path);
    if (file.format === 'jsonl') scan.crlf = firstLineEndsWithCrlf(file.path);
    if (file.format === 'csv')
      scan.columns = readCsvColumns(file.path, csvDialect(scan, mapping)).map((name) => ({ name, type: 'VARCHAR' }));
    if (file.format === 'parquet')
      scan.columns = await readOrExplain(file, () =>
        store.rows<{ column_name: string; column_type: string }>(describeSql(scan)),
      ).then((cols) => cols.map((c) => ({ name: c.column_name, type: c.column_type })));
    if (readInPlace(file)) {
      inPlace.push(await checkInPlace(store, table, scan, mapping, schema, tally));
      continue;
    }
    const rejectsTable = `_rejects_${index}`;
    scan.rejectsTable = rejectsTable;
    await readOrExplain(file, () =>
      serialOnRefusal(scan, async () => {
        await dropRejects(store, rejectsTable); // left by a first try that failed
        await store.run(insertFileSql(table, scan, mapping, schema));
      }),
    );
    const header = file.format === 'csv' && mapping.csv?.header !== false ? 1 : 0;
    await recordRejects(store, table, scan, header);
  }
  const copied = `SELECT * EXCLUDE (_problem) FROM ${sqlIdent(table)} WHERE _problem IS NULL`;
  const union = (parts: string[]) => parts.map((q) => `(${q})`).join('\nUNION ALL\n');
  await store.run(`CREATE VIEW ${sqlIdent(view)} AS ${union([copied, ...inPlace.map((f) => f.select)])}`);
  if (inPlace.length > 0)
    store.setRowLookup(view, (wanted) =>
      union([`${copied} AND _row IN (SELECT _row FROM (${wanted}))`, ...inPlace.map((f) => f.lookup(wanted))]),
    );
  opts.onProgress?.({ phase: 'summarize' });
  // The good rows of copied files are tallied here; files read in place were tallied as they were checked.
  await store.run(`INSERT INTO _ingest_summary ${tally.select(sqlIdent(table), '_problem IS NULL')}`);
  const summary = await summarize(store, table, sources, schema, tally, opts.maxBadSamples ?? 20);
  if (schema.fields.some((f) => f.name === 'id')) summary.duplicateIds = await duplicateIds(store, view, sources);
  store.setCompleteColumns(view, await completeColumns(store, tally));
  await store.run('DROP TABLE _ingest_summary');
  if (opts.strict && summary.badRows > 0) {
    throw new UserError(
      [
        `${summary.badRows} bad row${summary.badRows === 1 ? '' : 's'} in ${summary.rows} (--strict):`,
        ...summary.badSamples.map((b) => `  ${formatBadRow(b)}`),
        ...(summary.badRows > summary.badSamples.length
          ? [`  … and ${summary.badRows - summary.badSamples.length} more`]
          : []),
      ].join('\n'),
      EXIT.invalid,
    );
  }
  return summary;
}

interface InPlaceFile {
  /** The file's good rows, for the view. */
  select: string;
  /** The file's good rows among `wanted` (a relation with `_row`), reading only those rows. */
  lookup(wanted: string): string;
}

/**
 * One pass over a file read in place: it tallies the good rows for the summary and counts the bad ones and those
 * without an input hash of their own (which need the input read to hash it). Only the columns the checks and the
 * tally need are read. Bad rows, when there are any, are then copied into the table by line number, to be counted
 * and reported like the others. Returns the SELECTs of the file's good rows, which compute no checks, so a query
 * through the view reads only the columns it names.
 */
async function checkInPlace(
  store: TraceStore,
  table: string,
  scan: FileScan,
  mapping: TraceMapping,
  schema: RecordSchema,
  tally: SummaryTally,
): Promise<InPlaceFile> {
  const t = sqlIdent(table);
  // Hashes as logged (no fallback), so the tally's count of them says whether any good row lacks one.
  const checked = selectFileSql(scan, mapping, schema, { hashFallback: false });
  await readOrExplain(scan.file, () =>
    serialOnRefusal(scan, () =>
      store.run(`CREATE OR REPLACE TEMP TABLE _check AS
      ${tally.select(`(${checked})`, '_problem IS NULL', ['count(_problem)::DOUBLE AS _bad'])}`),
    ),
  );
  const hashes = tally.counted.indexOf('inputHash');
  const { bad, unhashed } = await store.one<{ bad: number; unhashed: number }>(
    `SELECT coalesce(sum(_bad), 0)::DOUBLE AS bad, ${hashes < 0 ? '0' : `coalesce(sum(n) - sum(c${hashes}), 0)`}::DOUBLE AS unhashed FROM _check`,
  );
  await store.run('INSERT INTO _ingest_summary SELECT * EXCLUDE (_bad) FROM _check WHERE n > 0');
  await store.run('DROP TABLE _check');
  const hashFallback = unhashed > 0;
  if (bad > 0) {
    // A second pass for the bad rows whole; only files that have some pay for it.
    await readOrExplain(scan.file, () =>
      store.run(
        `INSERT INTO ${t} BY NAME SELECT * FROM (${selectFileSql(scan, mapping, schema)}) WHERE _problem IS NOT NULL`,
      ),
    );
  }
  const skipBad = (sql: string) =>
    bad === 0
      ? sql
      : `SELECT * FROM (${sql}) WHERE _row NOT IN (SELECT _row FROM ${t} WHERE _file_index = ${scan.index})`;
  const base = `${scan.index}::BIGINT * ${ROW_FILE_SHIFT}`;
  return {
    select: skipBad(selectFileSql(scan, mapping, schema, { problem: false, hashFallback })),
    lookup: (wanted) =>
      skipBad(
        selectFileSql(scan, mapping, schema, {
          problem: false,
          hashFallback,
          lines: `SELECT _row - ${base} AS _line FROM (${wanted}) WHERE _row > ${base} AND _row < ${base} + ${ROW_FILE_SHIFT}`,
        }),
      ),
  };
}

/**
 * DuckDB's parallel line reader gives up on some large files ("does not support a full read on this file"); the
 * statement fails whole, so it is run again with one reader thread, which reads them.
 */
export async function serialOnRefusal<T>(scan: FileScan, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (scan.file.format !== 'jsonl' || scan.serial || !/does not support a full read/i.test(String(e))) throw e;
    scan.serial = true;
    return work();
  }
}

/** A DuckDB error caused by the file (unreadable, not Parquet, broken gzip, a line too long) is the user's to fix. */
async function readOrExplain<T>(file: SourceFile, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    if (
      /^(IO|Invalid Input|Conversion|Invalid) Error/i.test(message) ||
      /No files found|Could not (open|read)/i.test(message)
    ) {
      throw new UserError(`cannot read ${file.format} file '${file.path}': ${message.split('\n')[0]}`);
    }
    throw e;
  }
}

/**
 * DuckDB's line reader sets aside what it cannot read: CSV rows it cannot split into the header's columns, lines
 * that are not UTF-8. They become bad rows here (one per line: DuckDB may report a line twice), and the line
 * numbers of the rows after them are shifted back into place. A quote that is never closed swallows the rest of
 * the file, so it stops the ingest with its line rather than losing those rows.
 */
async function recordRejects(store: TraceStore, table: string, scan: FileScan, header: number): Promise<void> {
  const name = scan.rejectsTable as string;
  const exists = await store.rows(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${name}'`);
  if (exists.length === 0) return;
  const rejects = `(SELECT DISTINCT ON (line) line, error_type, error_message FROM ${sqlIdent(name)} ORDER BY line)`;
  const unclosed = await store.rows<{ line: number }>(
    `SELECT line::DOUBLE AS line FROM ${rejects} WHERE CAST(error_type AS VARCHAR) = 'UNQUOTED VALUE' ORDER BY line LIMIT 1`,
  );
  if (unclosed[0]) {
    await dropRejects(store, name);
    throw new UserError(
      `${scan.file.path}:${unclosed[0].line}: a quoted value is never closed, so the rest of the file cannot be read as rows; close the quote (or set csv.quote in the mapping)`,
    );
  }
  const count = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${rejects}`);
  if (count.n > 0) {
    const base = `${scan.index}::BIGINT * ${ROW_FILE_SHIFT}`;
    await store.run(`CREATE TEMP TABLE _reject_pos AS
      SELECT line::BIGINT - ${header} - row_number() OVER (ORDER BY line) AS valid_before FROM ${rejects}`);
    await store.run(`UPDATE ${sqlIdent(table)} t SET _line = _line + (SELECT count(*) FROM _reject_pos p WHERE p.valid_before < t._line - ${header})
      WHERE _file_index = ${scan.index} AND _row - ${base} < ${2 ** 39}`);
    const what = `CASE CAST(error_type AS VARCHAR) WHEN 'INVALID ENCODING' THEN 'not UTF-8 text' ELSE 'malformed CSV row: ' || lower(CAST(error_type AS VARCHAR)) || ' (' || error_message || ')' END`;
    await store.run(`INSERT INTO ${sqlIdent(table)} (_file_index, _line, _row, _problem)
      SELECT ${scan.index}, line, ${base} + ${2 ** 39} + row_number() OVER (ORDER BY line),
        {'field': ${scan.file.format === 'csv' ? "'csv'" : "'line'"}, 'kind': CASE CAST(error_type AS VARCHAR) WHEN 'INVALID ENCODING' THEN 'not UTF-8' ELSE lower(CAST(error_type AS VARCHAR)) END, 'detail': ${what}}
      FROM ${rejects}`);
    await store.run('DROP TABLE _reject_pos');
  }
  await dropRejects(store, name);
}

async function dropRejects(store: TraceStore, name: string): Promise<void> {
  await store.run(`DROP TABLE IF EXISTS ${sqlIdent(name)}`);
  await store.run(`DROP TABLE IF EXISTS ${sqlIdent(`${name}_scan`)}`);
}

/**
 * Columns that queries read with a fallback when empty (the input hash, else the id). Counting it costs nothing in
 * the checking pass, which reads it anyway (counting templateHash too cost more there than it saved).
 */
const FALLBACK_COLUMNS = ['inputHash'];

interface SummaryTally {
  /** Fields a mapping file named, whose all-empty columns are reported. */
  named: FieldDef[];
  /** Fallback columns in the schema, counted to learn whether every good row has one. */
  counted: string[];
  /**
   * A grouped SELECT over `from` tallying the rows where `good` holds: rows per file, decision and model version,
   * the first and last time, and how many rows filled each named field (`extra` adds aggregates).
   */
  select(from: string, good: string, extra?: string[]): string;
}

function summaryTally(schema: RecordSchema, mapping: TraceMapping): SummaryTally {
  const names = new Set(schema.fields.map((f) => f.name));
  const named = schema.fields.filter((f) => mapping.positionOf?.(f.name) && mapping.fields[f.name]?.kind === 'field');
  const counted = FALLBACK_COLUMNS.filter((c) => names.has(c));
  return {
    named,
    counted,
    select(from, good, extra = []) {
      const when = (col: string) => (names.has(col) ? `CASE WHEN ${good} THEN ${sqlIdent(col)} END` : 'NULL');
      const cols = [
        '_file_index AS i',
        `${when('decision')}::VARCHAR AS d`,
        `${when('modelVersion')}::VARCHAR AS v`,
        `count(*) FILTER (WHERE ${good})::DOUBLE AS n`,
        `min(${when('ts')})::TIMESTAMPTZ AS t0`,
        `max(${when('ts')})::TIMESTAMPTZ AS t1`,
        ...named.map((f, k) => `count(${sqlIdent(f.name)}) FILTER (WHERE ${good})::DOUBLE AS f${k}`),
        ...counted.map((c, k) => `count(${sqlIdent(c)}) FILTER (WHERE ${good})::DOUBLE AS c${k}`),
        ...extra,
      ];
      return `SELECT ${cols.join(', ')} FROM ${from} GROUP BY ALL`;
    },
  };
}

/** The summary from the tally of good rows (`_ingest_summary`) and the bad rows in the table (few). */
async function summarize(
  store: TraceStore,
  table: string,
  sources: ResolvedSources,
  schema: RecordSchema,
  tally: SummaryTally,
  maxBadSamples: number,
): Promise<IngestSummary> {
  const t = sqlIdent(table);
  const names = new Set(schema.fields.map((f) => f.name));
  const { named } = tally;
  const good = await store.rows<{ i: number; n: number }>(
    'SELECT i, sum(n)::DOUBLE AS n FROM _ingest_summary GROUP BY i',
  );
  const bad = await store.rows<{ i: number; n: number }>(
    `SELECT _file_index AS i, count(*)::DOUBLE AS n FROM ${t} WHERE _problem IS NOT NULL GROUP BY ALL`,
  );
  const goodBy = new Map(good.map((r) => [r.i, r.n]));
  const badBy = new Map(bad.map((r) => [r.i, r.n]));
  const files = sources.files.map((f, i) => ({
    path: f.path,
    format: f.format,
    rows: (goodBy.get(i) ?? 0) + (badBy.get(i) ?? 0),
    badRows: badBy.get(i) ?? 0,
  }));
  const rows = files.reduce((a, f) => a + f.rows, 0);
  const badRows = files.reduce((a, f) => a + f.badRows, 0);
  const samples = await store.rows<{ i: number; line: number; field: string; kind: string; detail: string }>(
    `SELECT _file_index AS i, _line::DOUBLE AS line, _problem.field AS field, _problem.kind AS kind, _problem.detail AS detail
     FROM ${t} WHERE _problem IS NOT NULL ORDER BY _file_index, _line LIMIT ${Math.max(0, Math.floor(maxBadSamples))}`,
  );
  const badSamples = samples.map((s) => {
    const file = sources.files[s.i] as SourceFile;
    return {
      file: file.path,
      line: s.line,
      lineKind: file.format === 'parquet' ? ('row' as const) : ('line' as const),
      field: s.field,
      kind: s.kind,
      message: s.detail,
    };
  });
  const badByKind = await store.rows<{ field: string; kind: string; count: number }>(
    `SELECT _problem.field AS field, _problem.kind AS kind, count(*)::INTEGER AS count FROM ${t}
     WHERE _problem IS NOT NULL GROUP BY ALL ORDER BY count DESC, field, kind`,
  );
  const totals = await store.one<Record<string, number | string | null>>(
    `SELECT strftime(min(t0), '${ISO_FORMAT}') AS "from", strftime(max(t1), '${ISO_FORMAT}') AS "to"
       ${named.map((_, k) => `, sum(f${k})::DOUBLE AS f${k}`).join('')}
     FROM _ingest_summary WHERE n > 0`,
  );
  const emptyMappedFields = rows > badRows ? named.filter((_, k) => totals[`f${k}`] === 0).map((f) => f.name) : [];
  const summary: IngestSummary = {
    files,
    skippedFiles: sources.skipped,
    rows,
    validRows: rows - badRows,
    badRows,
    badSamples,
    badByKind,
    emptyMappedFields,
    decisions: {},
    modelVersions: [],
    duplicateIds: { ids: 0, extraRows: 0, samples: [] },
  };
  if (typeof totals.from === 'string' && typeof totals.to === 'string')
    summary.timeRange = { from: totals.from, to: totals.to };
  if (names.has('decision')) {
    for (const r of await store.rows<{ d: string; n: number }>(
      'SELECT d, sum(n)::INTEGER AS n FROM _ingest_summary WHERE d IS NOT NULL GROUP BY d HAVING sum(n) > 0 ORDER BY d',
    ))
      summary.decisions[r.d] = r.n;
  }
  if (names.has('modelVersion')) {
    const versions = await store.rows<{ version: string; rows: number; from: string | null; to: string | null }>(
      `SELECT v AS version, sum(n)::INTEGER AS rows, strftime(min(t0), '${ISO_FORMAT}') AS "from",
         strftime(max(t1), '${ISO_FORMAT}') AS "to"
       FROM _ingest_summary WHERE v IS NOT NULL
       GROUP BY v HAVING sum(n) > 0 ORDER BY min(t0) NULLS LAST, version LIMIT 50`,
    );
    summary.modelVersions = versions.map((m) => ({
      version: m.version,
      rows: m.rows,
      ...(m.from ? { from: m.from } : {}),
      ...(m.to ? { to: m.to } : {}),
    }));
  }
  return summary;
}

/** Ids carried by more than one good row, counted, with where the first few are. Reads the id column alone. */
async function duplicateIds(
  store: TraceStore,
  view: string,
  sources: ResolvedSources,
): Promise<IngestSummary['duplicateIds']> {
  const v = sqlIdent(view);
  // Grouping 10 M distinct text ids costs a hash table of strings (about 1.5 s per 10 M rows on 2 cores); grouping
  // their 64-bit hashes costs a fraction of that. Only ids whose hash repeats (true duplicates, and the rare hash
  // collision) are then grouped by the id itself.
  await store.run(
    `CREATE OR REPLACE TEMP TABLE _dup_hashes AS SELECT hash(id) AS h FROM ${v} GROUP BY h HAVING count(*) > 1`,
  );
  await store.run(
    `CREATE OR REPLACE TEMP TABLE _dup_ids AS SELECT id, count(*)::DOUBLE AS n FROM ${v}
     WHERE hash(id) IN (SELECT h FROM _dup_hashes) GROUP BY id HAVING count(*) > 1`,
  );
  await store.run('DROP TABLE _dup_hashes');
  const totals = await store.one<{ ids: number; extra: number | null }>(
    'SELECT count(*)::DOUBLE AS ids, sum(n - 1)::DOUBLE AS extra FROM _dup_ids',
  );
  let samples: IngestSummary['duplicateIds']['samples'] = [];
  if (totals.ids > 0) {
    const rows = await store.rows<{ id: string; rows: number[] }>(
      `SELECT id, list(_row::DOUBLE ORDER BY _row)[1:3] AS rows FROM ${v}
       WHERE id IN (SELECT id FROM _dup_ids ORDER BY id LIMIT 5) GROUP BY id ORDER BY min(_row)`,
    );
    samples = rows.map((r) => ({
      id: r.id,
      rows: r.rows.map((packed) => {
        const file = sources.files[Math.floor(packed / ROW_FILE_SHIFT)] as SourceFile;
        return {
          file: file.path,
          line: packed % ROW_FILE_SHIFT,
          lineKind: file.format === 'parquet' ? ('row' as const) : ('line' as const),
        };
      }),
    }));
  }
  await store.run('DROP TABLE _dup_ids');
  return { ids: totals.ids, extraRows: totals.extra ?? 0, samples };
}

/** Which fallback columns hold a value in every good row, from the tally. */
async function completeColumns(store: TraceStore, tally: SummaryTally): Promise<string[]> {
  if (tally.counted.length === 0) return [];
  const sums = await store.one<Record<string, number | null>>(
    `SELECT sum(n)::DOUBLE AS n${tally.counted.map((_, k) => `, sum(c${k})::DOUBLE AS c${k}`).join('')} FROM _ingest_summary`,
  );
  return tally.counted.filter((_, k) => sums[`c${k}`] === sums.n);
}

export function formatBadRow(b: BadRow, cwd = process.cwd()): string {
  return `${formatPlace(b, cwd)}: ${b.message}`;
}

/** `file:line`, or `file:row N` for Parquet, relative to `cwd` when below it. */
export function formatPlace(b: BadRowPlace, cwd = process.cwd()): string {
  const rel = relative(cwd, b.file);
  const shown = rel && !rel.startsWith('..') ? rel : b.file;
  return b.lineKind === 'row' ? `${shown}:row ${b.line}` : `${shown}:${b.line}`;
}
