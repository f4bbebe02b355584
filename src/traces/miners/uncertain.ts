/**
 * uncertain: decisions whose score sat within a band of a decision boundary (the block threshold, or the lower edge
 * of the review band). A small change to the model, the features or the threshold flips these first.
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { BOUNDARY_DISTANCE, defineMiner } from './miner.js';

export const uncertain = defineMiner({
  name: 'uncertain',
  description: 'scores within --band of the block threshold or the review boundary: the first decisions to flip',
  source: 'decisions',
  rowwise: true,
  params: z.object({
    band: z.number().min(0).max(1).default(0.05).describe('how close to a decision boundary a score must be'),
  }),
  sql: ({ decisions, params }) => `
    SELECT *,
      printf('score %.3f is %.3f from the %s boundary %.3f (decided %s)', score, ${BOUNDARY_DISTANCE},
        CASE WHEN abs(score - threshold) = ${BOUNDARY_DISTANCE} THEN 'block' ELSE 'review' END,
        CASE WHEN abs(score - threshold) = ${BOUNDARY_DISTANCE} THEN threshold ELSE reviewLow END, decision) AS _reason,
      1 - ${BOUNDARY_DISTANCE} / ${params.band}::DOUBLE AS _info,
      NULL::VARCHAR AS _cluster
    FROM ${sqlIdent(decisions)}
    WHERE score IS NOT NULL AND ${BOUNDARY_DISTANCE} <= ${params.band}::DOUBLE`,
});
