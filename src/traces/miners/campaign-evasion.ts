/**
 * campaign-evasion: inputs that evaded the system in an attack campaign. Reads any JSONL of attempts with
 * `{id, input, evaded, tactic, decision, score}` (what the campaign engine exports). Each evasion becomes a case
 * expecting the system not to allow it: a known failure until the weakness is fixed, a guard against its return
 * after. Capped per tactic, lowest score (cleanest evasion) first.
 */
import { sqlIdent } from '../sql.js';
import type { Miner } from './miner.js';

export const campaignEvasion: Miner = {
  name: 'campaign-evasion',
  description: 'successful evasions from campaign results (--campaign-results attempts.jsonl), one cluster per tactic',
  source: 'campaign-attempts',
  rowwise: true,
  sql: ({ campaignAttempts }) => `
    SELECT *,
      'evaded' || coalesce(' with ' || tactic, '') || coalesce(' in campaign ' || campaign, '')
        || coalesce(' (decided ' || decision || coalesce(printf(', score %.3f', score), '') || ')', '') AS _reason,
      1 - coalesce(score, 0.5) AS _info,
      coalesce(tactic, '(no tactic)') AS _cluster
    FROM ${sqlIdent(campaignAttempts ?? 'campaign_attempts')}
    WHERE evaded`,
};
