/**
 * new-template: clusters of near-identical inputs that appear after the baseline window and never before it — a
 * new campaign or a new kind of legitimate mail, either way something the model has not been tested on.
 *
 * Templates are the logged `templateHash` (a 64-bit simhash, 16 hex chars), or the input hash when there is none.
 * Two simhashes at most `nearDuplicateBits` bits apart are the same template. To find such pairs without comparing
 * every pair, the 64 bits are cut into 4 bands of 16: two fingerprints within 3 bits agree on at least one whole
 * band (pigeonhole), so only fingerprints sharing a band are compared. New templates are grouped in one hop: each
 * joins the smallest new template within reach. Clusters with fewer than `minClusterSize` rows are ignored.
 */
import { z } from 'zod';
import { defaultRowsOf, sqlIdent, sqlString } from '../sql.js';
import { defineMiner } from './miner.js';

const ISO = '%Y-%m-%dT%H:%M:%SZ';

export const newTemplate = defineMiner({
  name: 'new-template',
  description: 'near-duplicate clusters (by simhash template) that appear after --baseline-until and never before it',
  source: 'decisions',
  rowwise: false,
  params: z.object({
    baselineUntil: z
      .string()
      .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 time')
      .transform((s) => new Date(s).toISOString())
      .optional()
      .describe('end of the baseline window (default: the middle of the logs’ time range)')
      .meta({ placeholder: '<iso>' }),
    minClusterSize: z.number().int().min(1).default(3).describe('rows a new template needs'),
    nearDuplicateBits: z
      .number()
      .int()
      .min(0)
      .max(3)
      .default(3)
      .describe('simhashes this many bits apart are one template (0 = exact)'),
  }),
  sql: ({ decisions, params, rowsOf = (wanted) => defaultRowsOf(decisions, wanted) }) => {
    // Without a logged template the input hash stands in.
    const tpl = 'coalesce(templateHash, inputHash)';
    const k = Math.max(0, Math.floor(params.nearDuplicateBits));
    const until = params.baselineUntil ? `${sqlString(params.baselineUntil)}::TIMESTAMPTZ` : 'NULL::TIMESTAMPTZ';
    const bands = (from: string) =>
      `SELECT x.tpl, x.bits, b.band, (x.bits >> (16 * b.band)::UBIGINT) & 65535::UBIGINT AS v
       FROM ${from} x, (SELECT unnest(range(4)) AS band) b WHERE x.bits IS NOT NULL`;
    const near = k > 0;
    // Two passes over the logs: one groups them by template, one picks the rows of the new clusters.
    return `
    WITH t AS (
      SELECT _row, ts, ${tpl} AS tpl
      FROM ${sqlIdent(decisions)} WHERE ts IS NOT NULL AND ${tpl} IS NOT NULL
    ),
    cut AS (${params.baselineUntil ? `SELECT ${until} AS until` : 'SELECT min(ts) + (max(ts) - min(ts)) / 2 AS until FROM t'}),
    templates AS MATERIALIZED (
      SELECT tpl, bool_or(ts < cut.until) AS seen_before, bool_or(ts >= cut.until) AS seen_after,
        CASE WHEN length(tpl) = 16 THEN TRY_CAST('0x' || tpl AS UBIGINT) END AS bits
      FROM t, cut GROUP BY tpl
    ),
    base AS (SELECT tpl, bits FROM templates WHERE seen_before),
    fresh0 AS (SELECT tpl, bits FROM templates WHERE seen_after AND NOT seen_before),
    near_known AS (
      ${
        near
          ? `SELECT DISTINCT f.tpl FROM (${bands('fresh0')}) f JOIN (${bands('base')}) b ON f.band = b.band AND f.v = b.v
             WHERE bit_count(xor(f.bits, b.bits)) <= ${k}`
          : 'SELECT NULL::VARCHAR AS tpl WHERE false'
      }
    ),
    fresh AS MATERIALIZED (SELECT * FROM fresh0 WHERE tpl NOT IN (SELECT tpl FROM near_known WHERE tpl IS NOT NULL)),
    links AS (
      ${
        near
          ? `SELECT f.tpl, g.tpl AS other FROM (${bands('fresh')}) f JOIN (${bands('fresh')}) g ON f.band = g.band AND f.v = g.v
             WHERE bit_count(xor(f.bits, g.bits)) <= ${k}`
          : 'SELECT NULL::VARCHAR AS tpl, NULL::VARCHAR AS other WHERE false'
      }
    ),
    clusters AS MATERIALIZED (
      SELECT fresh.tpl, least(fresh.tpl, coalesce(min(links.other), fresh.tpl)) AS cluster
      FROM fresh LEFT JOIN links USING (tpl) GROUP BY fresh.tpl
    ),
    hit_rows AS MATERIALIZED (
      SELECT t._row, t.ts, c.cluster FROM t JOIN clusters c USING (tpl), cut WHERE t.ts >= cut.until
    ),
    -- The account and decision of the (few) new-template rows only, read by row number.
    hits AS MATERIALIZED (
      SELECT h.*, d.account, d.decision FROM hit_rows h JOIN (${rowsOf('SELECT _row FROM hit_rows')}) d ON d._row = h._row
    ),
    sizes AS (
      SELECT cluster, count(*) AS n, count(DISTINCT account) AS accounts, min(ts) AS first_seen
      FROM hits GROUP BY cluster HAVING count(*) >= ${Math.max(1, Math.floor(params.minClusterSize))}
    )
    SELECT h._row,
      printf('new template %s: %d messages from %d accounts since %s, none before %s',
        s.cluster, s.n, s.accounts, strftime(s.first_seen, '${ISO}'), strftime(cut.until, '${ISO}')) AS _reason,
      ln(s.n) + CASE WHEN h.decision = 'allow' THEN 1 ELSE 0 END AS _info,
      s.cluster AS _cluster
    FROM hits h JOIN sizes s USING (cluster), cut`;
  },
});
