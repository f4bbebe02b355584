/**
 * Ingest production decision logs (JSONL, CSV, Parquet; gzip; many files, directories, globs) into the trace
 * store through a mapping, checking every record. Good rows land in the `decisions` view that the miners query;
 * bad rows stay in the table with file, line and reason, are counted and reported (the first N), and with
 * `strict` make the ingest fail (exit 2). Nothing is dropped silently.
 */
import { relative } from 'node:path';
import { EXIT, UserError } from '../util/errors.js';
import {
  createTableSql,
  describeSql,
  type FileScan,
  insertFileSql,
  ROW_FILE_SHIFT,
  selectFileSql,
} from './ingest-sql.js';
import { identityMapping, type TraceMapping } from './mapping.js';
import { DECISION_LOG_SCHEMA, type RecordSchema } from './record-schema.js';
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
   * Copy the rows into the store (default), or read them through a view each time they are queried (false: no
   * copy, but every miner re-reads and re-checks the files; measured slower overall, even for Parquet, because the
   * checks dominate the scan).
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
  modelVersions: Array<{ version: string; rows: number }>;
}

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
  const asView = opts.materialize === false;
  if (!asView) await store.run(createTableSql(table, schema));
  const selects: string[] = [];
  for (const [index, file] of sources.files.entries()) {
    opts.onProgress?.({ phase: 'file', index, total: sources.files.length, path: file.path });
    const scan: FileScan = { file, index };
    if (file.format !== 'jsonl')
      scan.columns = await readOrExplain(file, () =>
        store.rows<{ column_name: string; column_type: string }>(describeSql(scan, mapping)),
      ).then((cols) => cols.map((c) => ({ name: c.column_name, type: c.column_type })));
    if (asView) {
      selects.push(selectFileSql(scan, mapping, schema));
      continue;
    }
    if (file.format === 'csv') scan.rejectsTable = `_rejects_${index}`;
    await readOrExplain(file, () => store.run(insertFileSql(table, scan, mapping, schema)));
    if (scan.rejectsTable) await recordCsvRejects(store, table, scan, mapping.csv?.header === false ? 0 : 1);
  }
  if (asView) {
    await readOrExplain(sources.files[0] as SourceFile, () =>
      store.run(`CREATE VIEW ${sqlIdent(table)} AS ${selects.map((q) => `(${q})`).join('\nUNION ALL\n')}`),
    );
  }
  await store.run(
    `CREATE VIEW ${sqlIdent(view)} AS SELECT * EXCLUDE (_problem) FROM ${sqlIdent(table)} WHERE _problem IS NULL`,
  );
  opts.onProgress?.({ phase: 'summarize' });
  const summary = await summarize(store, table, view, sources, schema, mapping, opts.maxBadSamples ?? 20);
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
 * DuckDB's CSV reader sets aside rows it cannot split into the header's columns. They become bad rows here, and
 * the line numbers of the rows after them are shifted back into place.
 */
async function recordCsvRejects(store: TraceStore, table: string, scan: FileScan, header: number): Promise<void> {
  const name = scan.rejectsTable as string;
  const exists = await store.rows(`SELECT 1 FROM duckdb_tables() WHERE table_name = '${name}'`);
  if (exists.length === 0) return;
  const count = await store.one<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM ${sqlIdent(name)}`);
  if (count.n > 0) {
    const base = `${scan.index}::BIGINT * ${ROW_FILE_SHIFT}`;
    await store.run(`CREATE TEMP TABLE _reject_pos AS
      SELECT line::BIGINT - ${header} - row_number() OVER (ORDER BY line) AS valid_before FROM ${sqlIdent(name)}`);
    await store.run(`UPDATE ${sqlIdent(table)} t SET _line = _line + (SELECT count(*) FROM _reject_pos p WHERE p.valid_before < t._line - ${header})
      WHERE _file_index = ${scan.index} AND _row - ${base} < ${2 ** 39}`);
    await store.run(`INSERT INTO ${sqlIdent(table)} (_file_index, _line, _row, _problem)
      SELECT ${scan.index}, line, ${base} + ${2 ** 39} + row_number() OVER (ORDER BY line),
        {'field': 'csv', 'kind': lower(CAST(error_type AS VARCHAR)), 'detail': 'malformed CSV row: ' || lower(CAST(error_type AS VARCHAR)) || ' (' || error_message || ')'}
      FROM ${sqlIdent(name)}`);
    await store.run('DROP TABLE _reject_pos');
  }
  await store.run(`DROP TABLE IF EXISTS ${sqlIdent(name)}`);
  await store.run(`DROP TABLE IF EXISTS ${sqlIdent(`${name}_scan`)}`);
}

async function summarize(
  store: TraceStore,
  table: string,
  view: string,
  sources: ResolvedSources,
  schema: RecordSchema,
  mapping: TraceMapping,
  maxBadSamples: number,
): Promise<IngestSummary> {
  const t = sqlIdent(table);
  const perFile = await store.rows<{ i: number; rows: number; bad: number }>(
    `SELECT _file_index AS i, count(*)::INTEGER AS rows, count(_problem)::INTEGER AS bad FROM ${t} GROUP BY ALL`,
  );
  const byIndex = new Map(perFile.map((r) => [r.i, r]));
  const files = sources.files.map((f, i) => ({
    path: f.path,
    format: f.format,
    rows: byIndex.get(i)?.rows ?? 0,
    badRows: byIndex.get(i)?.bad ?? 0,
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
  const v = sqlIdent(view);
  const names = new Set(schema.fields.map((f) => f.name));
  const named = schema.fields.filter((f) => mapping.positionOf?.(f.name) && mapping.fields[f.name]?.kind === 'field');
  const emptyMappedFields: string[] = [];
  if (named.length > 0 && rows > badRows) {
    const counts = await store.one<Record<string, number>>(
      `SELECT ${named.map((f) => `count(${sqlIdent(f.name)})::INTEGER AS ${sqlIdent(f.name)}`).join(', ')} FROM ${v}`,
    );
    for (const f of named) if (counts[f.name] === 0) emptyMappedFields.push(f.name);
  }
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
  };
  if (names.has('ts')) {
    const range = await store.one<{ from: string | null; to: string | null }>(
      `SELECT strftime(min(ts), '${ISO_FORMAT}') AS "from", strftime(max(ts), '${ISO_FORMAT}') AS "to" FROM ${v}`,
    );
    if (range.from && range.to) summary.timeRange = { from: range.from, to: range.to };
  }
  if (names.has('decision')) {
    for (const r of await store.rows<{ d: string; n: number }>(
      `SELECT decision AS d, count(*)::INTEGER AS n FROM ${v} WHERE decision IS NOT NULL GROUP BY ALL ORDER BY d`,
    ))
      summary.decisions[r.d] = r.n;
  }
  if (names.has('modelVersion')) {
    summary.modelVersions = await store.rows<{ version: string; rows: number }>(
      `SELECT modelVersion AS version, count(*)::INTEGER AS rows FROM ${v} WHERE modelVersion IS NOT NULL
       GROUP BY ALL ORDER BY min(ts), version LIMIT 50`.replace('min(ts), ', names.has('ts') ? 'min(ts), ' : ''),
    );
  }
  return summary;
}

export function formatBadRow(b: BadRow, cwd = process.cwd()): string {
  const rel = relative(cwd, b.file);
  const shown = rel && !rel.startsWith('..') ? rel : b.file;
  return b.lineKind === 'row' ? `${shown}:row ${b.line}: ${b.message}` : `${shown}:${b.line}: ${b.message}`;
}
