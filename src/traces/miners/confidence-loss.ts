/**
 * confidence-loss: benign-looking inputs whose score moved toward the block threshold from one model version to the
 * next. The same input (same inputHash) scored by two versions is a free A/B test: a benign input (allowed by the
 * earlier version, or called ham by a reviewer or by ground truth where the logs have it) that the new version
 * scores closer to blocking is a false positive on its way.
 *
 * Versions are ordered by when each first scored the input; scores of one version are averaged.
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

export const confidenceLoss = defineMiner({
  name: 'confidence-loss',
  description:
    'benign-looking inputs (allowed, or reviewer/truth ham) whose score rose toward the threshold between two model versions',
  source: 'decisions',
  rowwise: false,
  params: z.object({
    minScoreDelta: z.number().min(0).max(1).default(0.05).describe('least score rise between model versions'),
  }),
  sql: ({ decisions, params }) => `
    WITH scored AS NOT MATERIALIZED (
      SELECT * FROM ${sqlIdent(decisions)} WHERE score IS NOT NULL AND inputHash IS NOT NULL AND modelVersion IS NOT NULL
    ),
    -- An input scored by two versions has a row from a version other than the most common one. Those rows are
    -- usually few (a new model rolling out), so their inputs, by a 64-bit hash of the input hash, make a small set
    -- to filter on; inputs in it seen by one version only drop out below (they have no previous version).
    usual AS MATERIALIZED (
      SELECT modelVersion FROM ${sqlIdent(decisions)} WHERE modelVersion IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, modelVersion LIMIT 1
    ),
    several AS MATERIALIZED (
      SELECT DISTINCT hash(inputHash) AS h FROM scored WHERE modelVersion <> (SELECT modelVersion FROM usual)
    ),
    per_version AS (
      SELECT inputHash, modelVersion, avg(score) AS score, min(ts) AS first_ts, max(threshold) AS threshold,
        coalesce(bool_or(decision = 'allow'), false) AS allowed,
        coalesce(bool_or(reviewerOutcome = 'ham' OR truth = 'ham'), false) AS said_ham,
        coalesce(bool_or(reviewerOutcome = 'spam' OR truth = 'spam'), false) AS said_spam,
        arg_max(_row, ts) AS last_row
      FROM scored WHERE hash(inputHash) IN (SELECT h FROM several)
      GROUP BY inputHash, modelVersion
    ),
    steps AS (
      SELECT *,
        lag(score) OVER w AS prev_score, lag(modelVersion) OVER w AS prev_version, lag(allowed) OVER w AS prev_allowed,
        bool_or(said_ham) OVER (PARTITION BY inputHash) AS ham, bool_or(said_spam) OVER (PARTITION BY inputHash) AS spam
      FROM per_version
      WINDOW w AS (PARTITION BY inputHash ORDER BY first_ts, modelVersion)
    )
    SELECT s.last_row AS _row,
      printf('score rose %.3f -> %.3f from model %s to %s%s', s.prev_score, s.score, s.prev_version, s.modelVersion,
        coalesce(printf(' (threshold %.3f)', s.threshold), '')) AS _reason,
      s.score - s.prev_score AS _info,
      NULL::VARCHAR AS _cluster
    FROM steps s
    WHERE s.prev_score IS NOT NULL AND s.score - s.prev_score >= ${params.minScoreDelta}::DOUBLE
      AND (s.prev_allowed OR s.ham) AND NOT s.spam
      AND (s.threshold IS NULL OR s.prev_score < s.threshold)`,
});
