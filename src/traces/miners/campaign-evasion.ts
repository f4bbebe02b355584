/**
 * campaign-evasion: inputs that evaded the system in an attack campaign. Reads any JSONL of attempts with
 * `{id, input, evaded, tactic, decision, score}` (what the campaign engine exports). Each evasion becomes a case
 * expecting the system not to allow it: a known failure until the weakness is fixed, a guard against its return
 * after. Capped per tactic, lowest score (cleanest evasion) first.
 */
import { z } from 'zod';
import { sqlIdent } from '../sql.js';
import { defineMiner } from './miner.js';

export const campaignEvasion = defineMiner({
  name: 'campaign-evasion',
  description: 'successful evasions from campaign results (--campaign-results attempts.jsonl), one cluster per tactic',
  source: 'campaign-attempts',
  rowwise: true,
  params: z.object({}),
  sql: ({ campaignAttempts }) => `
    SELECT *,
      'evaded' || coalesce(' with ' || tactic, '') || coalesce(' in campaign ' || campaign, '')
        || coalesce(' (decided ' || decision || coalesce(printf(', score %.3f', score), '') || ')', '') AS _reason,
      1 - coalesce(score, 0.5) AS _info,
      coalesce(tactic, '(no tactic)') AS _cluster
    FROM ${sqlIdent(campaignAttempts ?? 'campaign_attempts')}
    WHERE evaded`,
});
