/**
 * Why a stage has no front door for an attacker: per catalog tactic of their goal that targets a component of the
 * stage, the requirement they miss there — write access, observable output (read), knowledge, accounts over
 * budget — or, when they meet every requirement, that the controls there leave it no chance. Used only to word a
 * "no path" reason, so it reads the catalog directly rather than the applicability index.
 */
import { KNOWLEDGE_RANK } from '../../model/resolved.js';
import type { AttackerT } from '../../model/schema.js';
import { GOAL_FAMILIES } from '../applicability.js';
import { targetsComponent } from '../tactic-matching.js';
import type { EconomicsContext } from './context.js';

/** At most this many tactics are named per stage (the reason is one line of text). */
const MAX_NAMED = 3;

export function missingRequirements(ctx: EconomicsContext, attacker: AttackerT, components: readonly string[]): string {
  const access = ctx.graph.accessOf(attacker);
  const accountsBudget = attacker.budget?.accounts;
  const lines: string[] = [];
  let total = 0;
  for (const id of components) {
    const comp = ctx.graph.byId.get(id);
    const at = access.at(id);
    if (!comp || !at) continue;
    for (const t of ctx.catalog.data.tactics) {
      if (!GOAL_FAMILIES[attacker.goal].includes(t.family)) continue;
      if (attacker.tactics && !attacker.tactics.includes(t.id)) continue;
      if (!targetsComponent(t, comp, ctx.graph)) continue;
      const miss: string[] = [];
      const write = t.requires.write.filter((w) => !at.write.has(w));
      if (write.length > 0) miss.push(`write ${write.join('+')}`);
      const read = t.requires.read ?? [];
      if (read.length > 0 && !read.some((r) => at.read.has(r))) miss.push(`read ${read.join('|')}`);
      const know = t.requires.knowledge;
      if (know && KNOWLEDGE_RANK[at.knowledge] < KNOWLEDGE_RANK[know]) miss.push(`knowledge ${know}`);
      if (t.requires.automation && attacker.automation === false) miss.push('automation (they work by hand)');
      const accounts = t.requires.accounts ?? 0;
      if (accountsBudget !== undefined && accounts > accountsBudget)
        miss.push(`accounts ${accounts} > ${accountsBudget}`);
      total++;
      if (lines.length < MAX_NAMED)
        lines.push(`${t.id}@${id} needs ${miss.length > 0 ? miss.join(', ') : 'a chance past its controls (p = 0)'}`);
    }
  }
  if (total === 0) return 'no catalog tactic of this goal targets it';
  return `${lines.join('; ')}${total > lines.length ? `; … ${total - lines.length} more` : ''}`;
}
