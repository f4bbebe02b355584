/**
 * Quoting for the SQL that nograd builds: every file path, column name and user-supplied value that reaches
 * DuckDB goes through one of these, so a column called `score"; DROP` stays a column name.
 */

/** A string literal: 'it''s'. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** A quoted identifier: "my col". */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A literal for a constant from a mapping file (string, number or boolean). */
export function sqlLiteral(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return `${value}::DOUBLE`;
  }
  return sqlString(value);
}

/** A JSON path for json_extract: each segment quoted, so keys with dots or spaces work ($."a b"."c"). */
export function jsonPath(segments: readonly string[]): string {
  return `$${segments.map((s) => `."${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join('')}`;
}

/** The rows of `view` whose `_row` is in `wanted` (SQL for a relation with `_row`), as a plain filter. */
export function defaultRowsOf(view: string, wanted: string): string {
  return `SELECT * FROM ${sqlIdent(view)} WHERE _row IN (SELECT _row FROM (${wanted}))`;
}
