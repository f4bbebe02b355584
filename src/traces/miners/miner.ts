/**
 * A miner finds near misses in the ingested logs: one SQL query over the good rows, so it streams through DuckDB
 * however large the logs are. It returns the rows it picked, each with a reason a person can read, an
 * informativeness (higher = keep first when the suite is capped) and, optionally, a cluster key (cases are capped
 * per cluster; without one, the template hash is used).
 */

export interface MinerParams {
  /** uncertain: how close to a decision boundary a score must be. */
  band: number;
  /** new-template: end of the baseline window (ISO). Default: the middle of the logs' time range. */
  baselineUntil?: string;
  /** new-template: rows a new template cluster needs before it counts. */
  minClusterSize: number;
  /** new-template: simhash fingerprints at most this many bits apart are one template (0 = exact match only). */
  nearDuplicateBits: number;
  /** confidence-loss: the least score increase between two model versions that counts. */
  minScoreDelta: number;
}

export const DEFAULT_MINER_PARAMS: MinerParams = {
  band: 0.05,
  minClusterSize: 3,
  nearDuplicateBits: 3,
  minScoreDelta: 0.05,
};

export interface MinerContext {
  /** The view of good decision-log rows (DecisionLogRecord columns plus `_row`, `_file_index`, `_line`). */
  decisions: string;
  /** The view of good campaign-attempt rows, when campaign results were given. */
  campaignAttempts?: string;
  params: MinerParams;
  /**
   * SQL for the rows of the decisions view whose `_row` is in `wanted` (a relation with `_row`), read by row number
   * (cheaper than a join with the whole view for a few rows). Default: a filter on the view.
   */
  rowsOf?: (wanted: string) => string;
}

export interface Miner {
  name: string;
  /** One line: what it finds and why that is worth a regression test. */
  description: string;
  /** Which rows it reads. */
  source: 'decisions' | 'campaign-attempts';
  /**
   * Whether a row is picked, and its reason, depend on that row alone (a filter, no aggregate). Then the reasons
   * are written for the kept rows only, by running the query again over just those rows.
   */
  rowwise: boolean;
  /**
   * A SELECT returning, for each picked row, its `_row` (the source view's row number) with `_reason VARCHAR`,
   * `_info DOUBLE` (informativeness) and `_cluster VARCHAR` (may be NULL). Other columns are ignored: the rest of
   * the row is read by row number for the few rows that become cases, so a miner need not join back to the logs.
   */
  sql(ctx: MinerContext): string;
}

/** Distance of a score to the nearest decision boundary (block threshold, or the review band's lower edge). */
export const BOUNDARY_DISTANCE = `least(coalesce(abs(score - threshold), 'inf'::DOUBLE), coalesce(abs(score - reviewLow), 'inf'::DOUBLE))`;
