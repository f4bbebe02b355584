/**
 * The SQL that reads one log file into the canonical, typed table. Pure string building, so it is tested without
 * a database; ingest.ts runs it.
 *
 * Every record becomes a row, good or bad. Three steps, one SELECT:
 *   1. scan: the file's records with their line number (JSONL: one raw line each; CSV and Parquet: their columns);
 *   2. typed: each canonical field from its source, converted with TRY_CAST (never an error);
 *   3. checked: `_problem` names the first thing wrong with the row (not JSON, a score that is not a number, a
 *      missing id, an unknown decision …), or is NULL for a good row.
 * Bad rows are kept in the table with their file and line, so they are counted and reported, never dropped.
 */
import { closest } from '../util/did-you-mean.js';
import { UserError } from '../util/errors.js';
import type { FieldSource, TraceMapping } from './mapping.js';
import type { FieldDef, FieldType, RecordSchema } from './record-schema.js';
import type { SourceFile } from './sources.js';
import { jsonPath, sqlIdent, sqlLiteral, sqlString } from './sql.js';

/** Lines longer than this are one bad row each rather than a failed ingest (raw e-mails can be large). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

/** `_row` packs the file index above the line number, so it is unique across files and sorts by file, line. */
export const ROW_FILE_SHIFT = 2 ** 40;

const SQL_TYPE: Record<FieldType, string> = {
  string: 'VARCHAR',
  number: 'DOUBLE',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMPTZ',
  enum: 'VARCHAR',
  json: 'VARCHAR',
};

/** The columns of the table that ingestion fills. */
export function createTableSql(table: string, schema: RecordSchema): string {
  const cols = [
    '_file_index INTEGER',
    '_line BIGINT',
    '_row BIGINT',
    '_problem STRUCT(field VARCHAR, kind VARCHAR, detail VARCHAR)',
    ...schema.fields.map((f) => `${sqlIdent(f.name)} ${SQL_TYPE[f.type]}`),
  ];
  return `CREATE TABLE ${sqlIdent(table)} (${cols.join(', ')})`;
}

export interface ColumnInfo {
  name: string;
  type: string;
}

export interface FileScan {
  file: SourceFile;
  index: number;
  /** Columns of a CSV or Parquet file, from DESCRIBE (JSONL has none up front). */
  columns?: ColumnInfo[];
  /** Name of the table DuckDB writes structurally broken CSV rows to. */
  rejectsTable?: string;
  /** Read a JSONL file with one thread: DuckDB's parallel line reader refuses some large files. */
  serial?: boolean;
  /** A JSONL file whose lines end in \r\n (see line-ending.ts). */
  crlf?: boolean;
}

/** `SELECT *` for DESCRIBE: the scan of a Parquet file, without row numbers (CSV columns come from csv-header.ts). */
export function describeSql(scan: FileScan): string {
  return `DESCRIBE SELECT * FROM read_parquet(${sqlString(scan.file.path)})`;
}

/** The CSV dialect: the mapping's, else `,` (tab for .tsv), `"` quoting and escaping, a header line. */
export function csvDialect(
  scan: FileScan,
  mapping: TraceMapping,
): { delimiter: string; quote: string; escape: string; header: boolean } {
  const csv = mapping.csv ?? {};
  const quote = csv.quote ?? '"';
  return {
    delimiter: csv.delimiter ?? (scan.file.tsv ? '\t' : ','),
    quote,
    escape: csv.escape ?? quote,
    header: csv.header !== false,
  };
}

/**
 * A fixed dialect and the columns read from the header (no sniffing: one broken row made DuckDB's sniffer guess
 * wrong or give up), every column as text.
 */
function csvOptions(scan: FileScan, mapping: TraceMapping): string[] {
  const d = csvDialect(scan, mapping);
  const columns = (scan.columns ?? []).map((c) => `${sqlString(c.name)}: 'VARCHAR'`).join(', ');
  return [
    'auto_detect=false',
    `columns={${columns}}`,
    `header=${d.header}`,
    `delim=${sqlString(d.delimiter)}`,
    `quote=${sqlString(d.quote)}`,
    `escape=${sqlString(d.escape)}`,
    `max_line_size=${MAX_LINE_BYTES}, buffer_size=${2 * MAX_LINE_BYTES}`,
  ];
}

interface FieldPlan {
  def: FieldDef;
  source: FieldSource;
  /** SQL for the raw value in the scan (NULL when unmapped). */
  raw: string;
  /** The raw value is text (JSONL, CSV), so blanks count as missing. */
  rawIsText: boolean;
  /** JSONL number and boolean fields: the raw value is the JSON text, so a string ("0.9", "yes") is told apart. */
  jsonTyped?: boolean;
}

/** The INSERT … SELECT that reads one file into the table. */
export function insertFileSql(table: string, scan: FileScan, mapping: TraceMapping, schema: RecordSchema): string {
  return `INSERT INTO ${sqlIdent(table)} BY NAME\n${selectFileSql(scan, mapping, schema)}`;
}

/**
 * The SELECT that reads one file as canonical rows (the table's columns, in its order): the body of the INSERT,
 * or one branch of the view that Parquet inputs are read through without copying them.
 */
export interface SelectOptions {
  /** Compute `_problem` (default). Without it the SELECT reads only the columns a query asks for. */
  problem?: boolean;
  /** Fill a missing inputHash with sha256(input) (default). Off when every row has one, so input is not read. */
  hashFallback?: boolean;
  /**
   * Only these lines: SQL for a relation with a column `_line`. For Parquet the condition goes into the file scan,
   * where DuckDB turns it into a filter on the row number and decodes the other columns of those rows alone.
   */
  lines?: string;
}

export function selectFileSql(
  scan: FileScan,
  mapping: TraceMapping,
  schema: RecordSchema,
  opts: SelectOptions = {},
): string {
  let typedCount = 0;
  const plans = schema.fields.map((def, i) => {
    const plan = planField(def, i, mapping.fields[def.name] ?? { kind: 'none' }, scan, mapping);
    if (plan.jsonTyped) plan.raw = `nullif(_t[${++typedCount}], 'null')`;
    return plan;
  });
  const rawCols = plans.map((p, i) => `${p.raw} AS r${i}`);
  // JSONL number and boolean fields are also read as JSON text (a second extraction of those few paths), so a value
  // written as a string is a bad row instead of being converted without a word.
  const typedPaths = plans
    .filter((p) => p.jsonTyped)
    .map((p) => (p.source.kind === 'field' ? jsonPath(p.source.path.split('.')) : '$.__unused'));
  const typedCols = plans.map((p, i) => `${typedExpr(p, `r${i}`)} AS v${i}`);
  const isJsonl = scan.file.format === 'jsonl';

  let scanSql: string;
  let shapeChecks: string[] = [];
  if (isJsonl) {
    const paths = plans.map((p) => (p.source.kind === 'field' ? jsonPath(p.source.path.split('.')) : '$.__unused'));
    // One JSON parse per line: extract every mapped path at once. try() turns malformed JSON into NULL. CRLF files
    // are read with new_line '\r\n' (lines numbered as in an editor, even where \n lines are mixed in); other
    // files with DuckDB's default, which its parallel reader can split.
    const typed = typedPaths.length
      ? `, try(json_extract(_raw, [${typedPaths.map(sqlString).join(', ')}]))::VARCHAR[] AS _t`
      : '';
    scanSql = `SELECT _line, _raw, try(json_extract_string(_raw, [${paths.map(sqlString).join(', ')}])) AS _j${typed} FROM (
      SELECT ordinality AS _line, ltrim(line, chr(65279)) AS _raw FROM read_csv(${sqlString(scan.file.path)},
        columns={'line': 'VARCHAR'}, header=false, auto_detect=false, delim=chr(0), quote='', escape='',
        ${scan.crlf ? "new_line='\\r\\n', " : ''}strict_mode=false, max_line_size=${MAX_LINE_BYTES}, buffer_size=${2 * MAX_LINE_BYTES}${scan.serial ? ', parallel=false' : ''}${rejectOptions(scan)}) WITH ORDINALITY
    ) WHERE _raw IS NOT NULL AND trim(_raw) <> ''`;
    shapeChecks = [
      `WHEN _j IS NULL THEN ${problem('line', 'not valid JSON', `'not valid JSON: ' || ${quoted('_raw')}`)}`,
      `WHEN NOT starts_with(ltrim(_raw), '{') THEN ${problem('line', 'not a JSON object', `'not a JSON object: ' || ${quoted('_raw')}`)}`,
    ];
  } else if (scan.file.format === 'csv') {
    const header = mapping.csv?.header === false ? 0 : 1;
    scanSql = `SELECT ordinality + ${header} AS _line, * EXCLUDE (ordinality) FROM read_csv(${sqlString(scan.file.path)}, ${csvOptions(scan, mapping).join(', ')}${rejectOptions(scan)}) WITH ORDINALITY`;
  } else {
    const only = opts.lines ? ` WHERE file_row_number IN (SELECT _line - 1 FROM (${opts.lines}))` : '';
    scanSql = `SELECT file_row_number + 1 AS _line, * EXCLUDE (file_row_number) FROM read_parquet(${sqlString(scan.file.path)}, file_row_number=true)${only}`;
  }
  if (opts.lines && scan.file.format !== 'parquet')
    scanSql = `SELECT * FROM (${scanSql}) WHERE _line IN (SELECT _line FROM (${opts.lines}))`;

  const checks = [...shapeChecks, ...plans.flatMap((p, i) => fieldChecks(p, `r${i}`, `v${i}`))];
  const problemSql = checks.length ? `CASE ${checks.join('\n      ')} END` : 'NULL';
  const problemCol = opts.problem === false ? '' : `\n  ${problemSql} AS _problem,`;
  const fallback = opts.hashFallback !== false;
  const out = plans.map((p, i) => `${fallback ? finalExpr(p, i, plans) : `v${i}`} AS ${sqlIdent(p.def.name)}`);
  return `SELECT ${scan.index}::INTEGER AS _file_index, _line::BIGINT AS _line, (${scan.index}::BIGINT * ${ROW_FILE_SHIFT} + _line)::BIGINT AS _row,${problemCol}
  ${out.join(',\n  ')}
FROM (
  SELECT *, ${typedCols.join(', ')} FROM (
    SELECT *, ${rawCols.join(', ')} FROM (${scanSql})
  )
)`;
}

/**
 * Lines DuckDB's reader cannot take (a ragged or badly quoted CSV row, a line that is not UTF-8) go to a rejects
 * table instead of failing the file; ingest.ts turns them into bad rows.
 */
function rejectOptions(scan: FileScan): string {
  if (!scan.rejectsTable) return '';
  return `, store_rejects=true, rejects_table=${sqlString(scan.rejectsTable)}, rejects_scan=${sqlString(`${scan.rejectsTable}_scan`)}`;
}

/** inputHash falls back to sha256(input) when the log has none. */
function finalExpr(plan: FieldPlan, i: number, plans: FieldPlan[]): string {
  if (plan.def.name !== 'inputHash') return `v${i}`;
  const inputIndex = plans.findIndex((p) => p.def.name === 'input');
  if (inputIndex < 0 || plans[inputIndex]?.source.kind === 'none') return `v${i}`;
  return `coalesce(v${i}, sha256(v${inputIndex}))`;
}

function planField(
  def: FieldDef,
  index: number,
  source: FieldSource,
  scan: FileScan,
  mapping: TraceMapping,
): FieldPlan {
  const format = scan.file.format;
  if (source.kind === 'none') return { def, source, raw: 'NULL', rawIsText: true };
  if (source.kind === 'constant') {
    return { def, source, raw: sqlLiteral(source.value), rawIsText: typeof source.value === 'string' };
  }
  // JSONL values are the elements of the list extracted once per line (objects and arrays arrive as JSON text).
  if (format === 'jsonl') {
    const jsonTyped = def.type === 'number' || (def.type === 'boolean' && !source.values);
    return { def, source, raw: `_j[${index + 1}]`, rawIsText: true, ...(jsonTyped ? { jsonTyped } : {}) };
  }
  const column = findColumn(source.path, scan.columns ?? [], format);
  if (!column) {
    const configured = mapping.positionOf?.(def.name);
    // Identity defaults for optional fields may be absent; a field someone named, or a required one, may not.
    if (!def.required && !configured) return { def, source: { kind: 'none' }, raw: 'NULL', rawIsText: true };
    throw missingColumn(def, source.path, scan, mapping);
  }
  return { def, source, raw: column.sql, rawIsText: format === 'csv' || /^VARCHAR/i.test(column.type) };
}

/** The SQL for a column (or a struct field inside one, for Parquet) that matches a mapped path. */
export function findColumn(
  path: string,
  columns: readonly ColumnInfo[],
  format: SourceFile['format'],
): { sql: string; type: string } | undefined {
  const lower = path.toLowerCase();
  const exact = columns.find((c) => c.name.toLowerCase() === lower);
  if (exact) return { sql: sqlIdent(exact.name), type: exact.type };
  if (format !== 'parquet' || !path.includes('.')) return undefined;
  const [head, ...rest] = path.split('.');
  const root = columns.find((c) => c.name.toLowerCase() === head?.toLowerCase());
  if (!root || !/^STRUCT/i.test(root.type)) return undefined;
  return { sql: [root.name, ...rest].map(sqlIdent).join('.'), type: 'UNKNOWN' };
}

function missingColumn(def: FieldDef, path: string, scan: FileScan, mapping: TraceMapping): UserError {
  const names = (scan.columns ?? []).map((c) => c.name);
  const near = closest(path, names);
  const configured = mapping.positionOf?.(def.name);
  const where = configured ? ` (mapped at ${configured.file}:${configured.line}:${configured.col})` : '';
  const hint = near
    ? `did you mean '${near}'?`
    : `its columns are: ${names.slice(0, 30).join(', ')}${names.length > 30 ? ', …' : ''}`;
  const fix = configured ? '' : `; map the field in a mapping file (--mapping) under fields.${def.name}`;
  return new UserError(
    `${scan.file.path}: no column '${path}' for the ${def.required ? 'required ' : ''}field '${def.name}'${where}${fix}\n  hint: ${hint}`,
  );
}

/** A raw value quoted for a message, cut to a readable length. */
function quoted(raw: string): string {
  return `'''' || left(CAST(${raw} AS VARCHAR), 60) || CASE WHEN length(CAST(${raw} AS VARCHAR)) > 60 THEN '…''' ELSE '''' END`;
}

function problem(field: string, kind: string, detailSql: string): string {
  return `{'field': ${sqlString(field)}, 'kind': ${sqlString(kind)}, 'detail': ${detailSql}}`;
}

/** The raw value with blanks (from text sources) read as missing. */
function present(plan: FieldPlan, raw: string): string {
  return plan.rawIsText ? `nullif(trim(CAST(${raw} AS VARCHAR)), '')` : raw;
}

function typedExpr(plan: FieldPlan, raw: string): string {
  const { def, source } = plan;
  const type = SQL_TYPE[def.type];
  if (source.kind === 'none') return `NULL::${type}`;
  const values = source.kind === 'field' ? source.values : undefined;
  const text = `CAST(${raw} AS VARCHAR)`;
  switch (def.type) {
    case 'string':
      return `nullif(${text}, '')`;
    case 'json':
      // A Parquet struct becomes JSON text; text sources already hold JSON text.
      return plan.rawIsText ? `nullif(${text}, '')` : `to_json(${raw})::VARCHAR`;
    case 'number':
      // DuckDB's casts to DOUBLE and TIMESTAMPTZ skip surrounding blanks and give NULL for a blank: no trim needed.
      return `TRY_CAST(${raw} AS DOUBLE)`;
    case 'boolean': {
      // Text (CSV, JSON text) says true/false or 1/0; DuckDB's own cast would also take yes, no, t, f …
      if (!values && plan.rawIsText)
        return `CASE lower(trim(${text})) WHEN 'true' THEN TRUE WHEN '1' THEN TRUE WHEN 'false' THEN FALSE WHEN '0' THEN FALSE END`;
      if (!values) return `TRY_CAST(${raw} AS BOOLEAN)`;
      const whens = Object.entries(values).map(([k, v]) => `WHEN ${sqlString(k)} THEN ${v ? 'TRUE' : 'FALSE'}`);
      return `CASE ${text} ${whens.join(' ')} END`;
    }
    case 'enum': {
      // The mapping's translations first, then the canonical values themselves.
      const pairs = new Map<string, string>(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)]));
      for (const v of def.values ?? []) if (!pairs.has(v)) pairs.set(v, v);
      const whens = [...pairs].map(([k, v]) => `WHEN ${sqlString(k)} THEN ${sqlString(v)}`);
      return `CASE ${text} ${whens.join(' ')} END`;
    }
    case 'timestamp': {
      const format = source.kind === 'field' ? (source.format ?? 'iso') : 'iso';
      if (format === 'epoch-ms') return `try(to_timestamp(TRY_CAST(${raw} AS DOUBLE) / 1000))`;
      if (format === 'epoch-s') return `try(to_timestamp(TRY_CAST(${raw} AS DOUBLE)))`;
      if (format === 'iso') return `TRY_CAST(${raw} AS TIMESTAMPTZ)`;
      return `TRY_CAST(try_strptime(CAST(${present(plan, raw)} AS VARCHAR), ${sqlString(format)}) AS TIMESTAMPTZ)`;
    }
  }
}

function fieldChecks(plan: FieldPlan, raw: string, value: string): string[] {
  const { def, source } = plan;
  const name = def.name;
  const checks: string[] = [];
  if (source.kind !== 'none') {
    // The typed value is NULL for few rows: test that first, so the raw value is looked at only for those
    // (DuckDB evaluates the right side of AND only where the left side holds).
    const given = plan.rawIsText ? `${raw} IS NOT NULL AND ${present(plan, raw)} IS NOT NULL` : `${raw} IS NOT NULL`;
    const bad = (kind: string) =>
      problem(name, kind, `${sqlString(`${name} `)} || ${quoted(raw)} || ${sqlString(` ${kind}`)}`);
    // A JSON string where a number or a boolean belongs: said as such (the mapping converts text only from CSV).
    if (plan.jsonTyped)
      checks.push(
        `WHEN ${value} IS NULL AND ${given} AND starts_with(${raw}, '"') THEN ${bad(def.type === 'number' ? 'is a JSON string, not a number' : 'is a JSON string, not true or false')}`,
      );
    switch (def.type) {
      case 'number':
        checks.push(`WHEN ${value} IS NULL AND ${given} THEN ${bad('is not a number')}`);
        checks.push(`WHEN ${value} IS NOT NULL AND NOT isfinite(${value}) THEN ${bad('is not a finite number')}`);
        if (def.min !== undefined)
          checks.push(`WHEN ${value} < ${def.min} THEN ${bad(def.min === 0 ? 'is negative' : `is below ${def.min}`)}`);
        break;
      case 'boolean':
        checks.push(
          `WHEN ${value} IS NULL AND ${given} THEN ${bad(source.kind === 'field' && source.values ? `is not one of ${Object.keys(source.values).join(', ')} (fields.${name}.values)` : 'is not true or false (or 1/0; translate other words under fields.' + name + '.values)')}`,
        );
        break;
      case 'enum': {
        const accepted = [
          ...new Set([...Object.keys(source.kind === 'field' ? (source.values ?? {}) : {}), ...(def.values ?? [])]),
        ];
        checks.push(
          `WHEN ${value} IS NULL AND ${given} THEN ${bad(`is not one of ${accepted.join(', ')} (translate it under fields.${name}.values)`)}`,
        );
        break;
      }
      case 'timestamp': {
        const format = source.kind === 'field' ? (source.format ?? 'iso') : 'iso';
        checks.push(`WHEN ${value} IS NULL AND ${given} THEN ${bad(`is not a timestamp (${format})`)}`);
        break;
      }
      default:
        break;
    }
  }
  if (def.required) checks.push(`WHEN ${value} IS NULL THEN ${problem(name, 'missing', sqlString(`missing ${name}`))}`);
  return checks;
}
