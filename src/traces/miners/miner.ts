/**
 * A miner finds near misses in the ingested logs: one SQL query over the good rows, so it streams through DuckDB
 * however large the logs are. It returns the rows it picked, each with a reason a person can read, an
 * informativeness (higher = keep first when the suite is capped) and, optionally, a cluster key (cases are capped
 * per cluster; without one, the template hash is used).
 *
 * A miner is one file exporting one definition that carries its own parameters: a zod object whose fields each have
 * a default (or are optional) and a description. `traces mine`'s options, their help and the docs table derive from
 * these schemas (options.ts); the registry (index.ts) is the only list of miners.
 */
import type { z } from 'zod';

/** A miner's parameter schema: an object of fields with defaults or optional. */
export type MinerParamsSchema = z.ZodObject;

export interface MinerContext<P = Record<string, unknown>> {
  /** The view of good decision-log rows (DecisionLogRecord columns plus `_row`, `_file_index`, `_line`). */
  decisions: string;
  /** The view of good campaign-attempt rows, when campaign results were given. */
  campaignAttempts?: string;
  /** This miner's parameters, parsed by its own schema (defaults filled in). */
  params: P;
  /**
   * SQL for the rows of the decisions view whose `_row` is in `wanted` (a relation with `_row`), read by row number
   * (cheaper than a join with the whole view for a few rows). Default: a filter on the view.
   */
  rowsOf?: (wanted: string) => string;
}

export interface Miner<S extends MinerParamsSchema = MinerParamsSchema> {
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
   * Runs when no miners are named (default true). A miner measured to add mostly noise on planted traffic stays
   * available by name only (`--miners <name>`).
   */
  byDefault?: boolean;
  /** Its own parameters (an empty object when it has none). */
  params: S;
  /**
   * A SELECT returning, for each picked row, its `_row` (the source view's row number) with `_reason VARCHAR`,
   * `_info DOUBLE` (informativeness) and `_cluster VARCHAR` (may be NULL). Other columns are ignored: the rest of
   * the row is read by row number for the few rows that become cases, so a miner need not join back to the logs.
   */
  sql(ctx: MinerContext<z.output<S>>): string;
}

/** Declare a miner with its parameter types inferred from its schema. */
export function defineMiner<S extends MinerParamsSchema>(miner: Miner<S>): Miner<S> {
  return miner;
}

/** Distance of a score to the nearest decision boundary (block threshold, or the review band's lower edge). */
export const BOUNDARY_DISTANCE = `least(coalesce(abs(score - threshold), 'inf'::DOUBLE), coalesce(abs(score - reviewLow), 'inf'::DOUBLE))`;
