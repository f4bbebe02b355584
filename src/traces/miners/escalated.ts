/**
 * escalated: decisions an analyst escalated. Someone thought these were worth a second look; those where the
 * reviewer then disagreed with the model rank first.
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

export const escalated = defineMiner({
  name: 'escalated',
  description: 'decisions an analyst escalated; ranked first where the reviewer disagreed with the model',
  source: 'decisions',
  rowwise: true,
  params: z.object({}),
  sql: ({ decisions }) => `
    SELECT *,
      'escalated by an analyst; model decided ' || decision
        || coalesce(printf(' (score %.3f)', score), '')
        || coalesce('; reviewer said ' || reviewerOutcome, '') AS _reason,
      CASE WHEN (reviewerOutcome = 'ham' AND decision <> 'allow') OR (reviewerOutcome = 'spam' AND decision = 'allow')
        THEN 1 ELSE 0 END
        + coalesce(1 - least(abs(score - threshold), 1), 0) AS _info,
      NULL::VARCHAR AS _cluster
    FROM ${sqlIdent(decisions)}
    WHERE escalated`,
});
