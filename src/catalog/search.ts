/**
 * Free-text search over the catalog. Every whitespace-separated term must occur (case-insensitively) somewhere in
 * an entry's id, name, summary, family or category, evidence, or framework ids and names, so "blur logo" finds
 * the blurred-logo tactic and "AML.M0004" finds the controls mapped to that mitigation.
 */

import { atlasName } from './atlas.js';
import { CONTROLS, KIND_INFO, TACTICS } from './data.js';
import type { CatalogSection, Control, KindInfo, Tactic } from './types.js';

export interface CatalogSearchResult {
  tactics: Tactic[];
  controls: Control[];
  kinds: KindInfo[];
}

function tacticText(t: Tactic): string {
  const atlas = t.atlas.map((id) => `${id} ${atlasName(id) ?? ''}`);
  return [t.id, t.name, t.family, t.summary, t.evidence ?? '', ...atlas].join('\n');
}

function controlText(c: Control): string {
  const refs = [...c.aidefend, ...c.atlasMitigations].map((r) => `${r.id} ${r.name}`);
  return [c.id, c.name, c.category, c.layer ?? '', c.summary, ...refs].join('\n');
}

function kindText(k: KindInfo): string {
  return [k.kind, k.name, k.description, ...k.typicalAssumptions].join('\n');
}

function matcher(query: string): (haystack: string) => boolean {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  return (haystack) => {
    const h = haystack.toLowerCase();
    return terms.every((term) => h.includes(term));
  };
}

/** Entries matching every term of `query`; with `section`, the other sections come back empty. */
export function searchCatalog(
  query: string,
  section?: CatalogSection,
  /** The entries to search (a model's view: its packs and its own entries); default the whole built-in catalog. */
  from: { tactics: readonly Tactic[]; controls: readonly Control[] } = { tactics: TACTICS, controls: CONTROLS },
): CatalogSearchResult {
  const matches = matcher(query);
  const want = (s: CatalogSection) => section === undefined || section === s;
  return {
    tactics: want('tactics') ? from.tactics.filter((t) => matches(tacticText(t))) : [],
    controls: want('controls') ? from.controls.filter((c) => matches(controlText(c))) : [],
    kinds: want('kinds') ? Object.values(KIND_INFO).filter((k) => matches(kindText(k))) : [],
  };
}
