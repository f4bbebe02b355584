/**
 * The columns of a CSV file, from its first record, read here rather than by DuckDB's sniffer: one ragged row or
 * one unclosed quote made the sniffer guess a one-column dialect ("no column 'id'", while the hint listed
 * `id,ts,…`) or give up without a line. With the columns known, DuckDB reads the file with a fixed dialect and
 * sets broken rows aside with their line (see recordRejects in ingest.ts).
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { constants, gunzipSync } from 'node:zlib';
import { UserError } from '../util/errors.js';

const HEAD_BYTES = 1024 * 1024;

export interface CsvDialect {
  delimiter: string;
  quote: string;
  header: boolean;
}

/** Column names (`column0`, `column1`, … without a header line, as DuckDB names them). */
export function readCsvColumns(path: string, dialect: CsvDialect): string[] {
  let head = readHead(path);
  if (head.length === 0) throw new UserError(`'${path}' is empty: a CSV file needs at least a header line`);
  if (head[0] === 0x1f && head[1] === 0x8b) head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const fields = firstRecord(text, dialect);
  if (!dialect.header) return fields.map((_, i) => `column${i}`);
  // DuckDB needs unique names; a repeated header gets a suffix, as DuckDB's sniffer would give it.
  const seen = new Map<string, number>();
  return fields.map((raw, i) => {
    const name = raw.trim() === '' ? `column${i}` : raw;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? name : `${name}_${n}`;
  });
}

function readHead(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, readSync(fd, buf, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}

/** The fields of the first record (a quoted field may hold the delimiter or a line break). */
export function firstRecord(text: string, { delimiter, quote }: CsvDialect): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (quote && c === quote) {
        if (text[i + 1] === quote) {
          field += quote;
          i++;
        } else quoted = false;
      } else field += c;
    } else if (quote && c === quote && field === '') quoted = true;
    else if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = '';
      i += delimiter.length - 1;
    } else if (c === '\n' || c === '\r') break;
    else field += c;
  }
  fields.push(field);
  return fields;
}
