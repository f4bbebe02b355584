/**
 * A compressed sparse row (CSR) matrix of binary features: row i has ones in columns
 * `cols[rowStart[i] .. rowStart[i+1])`. Binary bag-of-words needs no value array.
 */
import { type FeatureSpace, featurize } from './feature-space.js';

export interface SparseBinaryMatrix {
  rows: number;
  columns: number;
  rowStart: Int32Array;
  cols: Int32Array;
}

export function sparseMatrixOf(space: FeatureSpace, docs: readonly (readonly string[])[]): SparseBinaryMatrix {
  const rowsCols = docs.map((d) => featurize(space, d));
  const rowStart = new Int32Array(docs.length + 1);
  for (let i = 0; i < rowsCols.length; i++)
    rowStart[i + 1] = (rowStart[i] as number) + (rowsCols[i] as Int32Array).length;
  const cols = new Int32Array(rowStart[docs.length] as number);
  for (let i = 0; i < rowsCols.length; i++) cols.set(rowsCols[i] as Int32Array, rowStart[i] as number);
  return { rows: docs.length, columns: space.vocabulary.length, rowStart, cols };
}

export function rowOf(m: SparseBinaryMatrix, i: number): Int32Array {
  return m.cols.subarray(m.rowStart[i] as number, m.rowStart[i + 1] as number);
}
