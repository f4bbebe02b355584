/**
 * Where the baseline window ends when `--baseline-until` is not given: before the first anomaly in the logs, not at
 * their midpoint. A midpoint that falls after a planted template surge hides the surge (its template is then "seen
 * before"); a baseline that ends before the first unusual day keeps every later novelty new.
 *
 * The anomaly: a day whose rows in new clusters (templates never seen on an earlier day, with three or more rows that
 * day) exceed twice the most any earlier day after the first had (the first day is all novel by definition, so days are compared from the third
 * on). Templates are the logged `templateHash` (exact), or the input hash. With no such day, the midpoint stays and
 * the reason says so. The choice and why are reported with the mining result.
 */
import { ISO_FORMAT } from './ingest.js';
import { sqlIdent } from './sql.js';
import type { TraceStore } from './store.js';

export interface BaselineChoice {
  /** ISO-8601 end of the baseline window (exclusive). */
  until: string;
  /** How it was chosen, in one line. */
  why: string;
  source: 'given' | 'first-anomaly' | 'midpoint';
}

export async function chooseBaselineUntil(store: TraceStore, view: string): Promise<BaselineChoice | undefined> {
  const v = sqlIdent(view);
  const days = await store.rows<{ day: string; rows: number; novel: number }>(`
    WITH t AS (SELECT ts, coalesce(templateHash, inputHash) AS tpl FROM ${v} WHERE ts IS NOT NULL),
    first_seen AS (SELECT tpl, min(date_trunc('day', ts)) AS day FROM t WHERE tpl IS NOT NULL GROUP BY tpl),
    per_day AS (SELECT date_trunc('day', ts) AS day, count(*)::DOUBLE AS rows FROM t GROUP BY 1),
    -- Rows of templates first seen that day with at least 3 rows that day: a new cluster, not a hash-busted one-off.
    novel_tpl AS (
      SELECT f.day, count(*) AS n FROM t JOIN first_seen f USING (tpl)
      WHERE date_trunc('day', t.ts) = f.day GROUP BY f.day, tpl HAVING count(*) >= 3
    ),
    novel AS (SELECT day, sum(n)::DOUBLE AS novel FROM novel_tpl GROUP BY day)
    SELECT strftime(p.day, '${ISO_FORMAT}') AS day, p.rows, coalesce(n.novel, 0) AS novel
    FROM per_day p LEFT JOIN novel n USING (day) ORDER BY p.day`);
  if (days.length === 0) return undefined;
  let before = 0;
  for (let i = 2; i < days.length; i++) {
    const prev = days[i - 1] as { novel: number };
    before = Math.max(before, prev.novel);
    const d = days[i] as { day: string; novel: number };
    if (d.novel > 2 * before && d.novel - before >= 3) {
      return {
        until: d.day,
        why: `first anomaly: ${d.day.slice(0, 10)} has ${d.novel} rows in new template clusters, more than twice any earlier day's (at most ${before} from day 2 on)`,
        source: 'first-anomaly',
      };
    }
  }
  const { mid } = await store.one<{ mid: string | null }>(
    `SELECT strftime(min(ts) + (max(ts) - min(ts)) / 2, '${ISO_FORMAT}') AS mid FROM ${v} WHERE ts IS NOT NULL`,
  );
  if (!mid) return undefined;
  return {
    until: mid,
    why: `no day stands out in new template clusters (at most ${before} rows a day from day 2 on): the middle of the time range`,
    source: 'midpoint',
  };
}
