/**
 * What one attempt of a tactic costs one attacker in this system: the catalog's cost vector with the attacker's
 * `costs:` applied (docs/catalog.md, "Cost overrides"). One function, so findings (affordability, the cost shown per
 * applicable tactic), the path search and the simulation price a tactic the same way.
 *
 * - `tactics[id]`: the dimensions given replace the catalog's (a range counts with its mean; the simulation draws
 *   from it);
 * - `accountPrice`: a tactic that consumes accounts pays at least this per account per attempt (it raises, never
 *   lowers, the catalog's money, which already prices the accounts a catalog account tactic buys; lower one with
 *   `tactics[id]`);
 * - `infrastructurePerQuery`: proxies, devices, hosting or phone numbers per query, added to the money.
 */
import { COST_DIMENSIONS, type CostSpread, type CostVector, splitEstimate } from '../model/cost.js';
import type { AttackerT } from '../model/schema.js';
import type { CatalogData } from './tactic-matching.js';

export interface AttackerPrice {
  cost: CostVector;
  /** Dimensions given as ranges (cost holds their means). */
  spread?: CostSpread;
}

/** The attacker's price of one attempt; `cost` is the same object when nothing applies. */
export function attackerPrice(
  cost: CostVector,
  tacticId: string,
  accountsPerAttempt: number,
  attacker: AttackerT,
  catalog: CatalogData,
): AttackerPrice {
  const costs = attacker.costs;
  const base = catalog.costSpread?.get(tacticId);
  const override = costs?.tactics?.[tacticId];
  const accounts = costs?.accountPrice !== undefined && accountsPerAttempt > 0;
  const infra = costs?.infrastructurePerQuery;
  if (!override && !accounts && !infra) return base ? { cost, spread: base } : { cost };
  const out = { ...cost };
  const spread: CostSpread = { ...(base ?? {}) };
  if (override) {
    const { point, spread: own } = splitEstimate(override);
    for (const d of COST_DIMENSIONS) {
      if (override[d] === undefined) continue;
      out[d] = point[d];
      if (own[d]) spread[d] = own[d];
      else delete spread[d];
    }
  }
  if (accounts) out.money = Math.max(out.money, costs!.accountPrice! * accountsPerAttempt);
  if (infra) out.money += infra * out.queries;
  return Object.keys(spread).length > 0 ? { cost: out, spread } : { cost: out };
}
