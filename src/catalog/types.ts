/**
 * The shapes of the knowledge base. The catalog is plain typed data (no behaviour), so analysis, campaigns,
 * reports and the CLI can all read the same facts; the functions that relate entries live in relations.ts.
 *
 * Vocabulary follows Apruzzese et al., "Real Attackers Don't Compute Gradients" (SaTML 2023): per-component
 * read/write access and perfect/limited/zero knowledge instead of "box" colours, and attacker cost as a vector.
 */
import type { CostVector, DefenderCost } from '../model/cost.js';
import type { ComponentKind, KnowledgeLevel, Layer, ReadAccess, WriteAccess } from '../model/vocabulary.js';
import type { DomainPack } from './packs.js';

/**
 * Tactic families. Six are the practical ways real attackers act on a system; `model-level` (gradient- and
 * score-based attacks) is kept for contrast, because it is what most research assumes (RG §IV).
 */
/** The data a component processes: one list, owned by the model vocabulary. */
export { MODALITIES, type Modality, TACTIC_FAMILIES, type TacticFamily } from '../model/vocabulary.js';

import type { ControlCategory, Modality, TacticFamily } from '../model/vocabulary.js';

export { CONTROL_CATEGORIES, type ControlCategory } from '../model/vocabulary.js';

/** What an attacker must have to use a tactic against a component. */
export interface TacticRequirements {
  /** Write surfaces the attacker needs; ALL of them are required. */
  write: WriteAccess[];
  /** Observations that let the attacker iterate; ANY one suffices. Omitted when the tactic works blind. */
  read?: ReadAccess[];
  /** Accounts consumed or needed per attempt (omitted when the tactic needs none beyond the sender's own). */
  accounts?: number;
  /** The least knowledge of the targeted component that makes the tactic usable. */
  knowledge?: KnowledgeLevel;
  /** True when the tactic only pays at scripted volume: an attacker with `automation: false` cannot use it. */
  automation?: boolean;
}

/** Which components a tactic acts on. A component matches when its kind is listed and (if given) layer/modality. */
export interface TacticTargets {
  kinds: ComponentKind[];
  layers?: Layer[];
  modalities?: Modality[];
}

/**
 * A practical way to act on a component. Costs are for ONE attempt (one crafted item, one account, one wave),
 * except `implementationHours`, which is the one-off tooling effort; `scaleCost` in model/cost.ts multiplies the
 * rest by the number of attempts.
 */
export interface Tactic {
  /** `<prefix>.<kebab-name>`; the prefix belongs to the family (see FAMILY_INFO). */
  id: string;
  name: string;
  family: TacticFamily;
  /** The domain pack the tactic belongs to (see packs.ts); absent means `mail`. */
  pack?: DomainPack;
  /** What the attacker does and why it works, in our words. */
  summary: string;
  requires: TacticRequirements;
  targets: TacticTargets;
  /**
   * Lower-case keywords or phrases. When one occurs in a component's stated assumption, this tactic breaks
   * that assumption (matching is a case-insensitive substring test, see match.ts).
   */
  breaks: string[];
  /** Cost of one attempt against an unhardened component. */
  cost: CostVector;
  /** Why the cost numbers are what they are. */
  costNote: string;
  /** Probability that one attempt gets past the targeted component when no control counters it. */
  baseSuccess: number;
  /** MITRE ATLAS technique ids (release 5.6.0); may be empty where ATLAS has no technique for the trick. */
  atlas: string[];
  /** Facts from the paper or its case studies (RG Table II counts, MLSEC numbers). */
  evidence?: string;
  /** The cheap defence that defuses it (RG §V-B: an attack a simple heuristic stops will not be launched). */
  simpleHeuristic?: string;
}

/** An entry of an external framework, stored as (id, name) because names drift between releases. */
export interface FrameworkRef {
  id: string;
  name: string;
}

/**
 * A defence. What it counters is stated here and only here: "countered by" on the tactic side is derived
 * (relations.ts), so the two directions can never disagree.
 */
export interface Control {
  id: string;
  name: string;
  /** The domain pack the control belongs to (see packs.ts); absent means `mail`. */
  pack?: DomainPack;
  /** What it does and why it works, in our words; says so when a framework has no fitting entry. */
  summary: string;
  category: ControlCategory;
  /** The funnel layer it usually sits in, when it belongs to one. */
  layer?: Layer;
  /** Component kinds it is attached to. */
  guards: ComponentKind[];
  /** Tactic ids it counters (each must exist). Enablers such as logging may counter nothing directly. */
  counters: string[];
  /** Control ids this one makes possible (logging enables alerting); each must exist. */
  enables?: string[];
  /** Default probability that it stops one attempt of a countered tactic (0..1). */
  effectiveness: number;
  /** Default cost of running it. */
  defenderCost: DefenderCost;
  /** AIDEFEND entries (pinned release, see aidefend.ts). A mapping means relevant, not mitigated. */
  aidefend: FrameworkRef[];
  /** MITRE ATLAS mitigations (release 5.6.0). */
  atlasMitigations: FrameworkRef[];
  /** True for a cheap heuristic of the kind RG §V-B says attackers must get past first. */
  simple?: boolean;
}

/** Why a component kind matters to an attacker. */
export interface KindInfo {
  kind: ComponentKind;
  name: string;
  description: string;
  /** Assumptions designers commonly make about such a component, which attackers then break. */
  typicalAssumptions: string[];
}

export interface FamilyInfo {
  family: TacticFamily;
  name: string;
  summary: string;
  /** Id prefixes of the family's tactics (`url.` tactics are layout changes of links). */
  idPrefixes: string[];
}

export type CatalogSection = 'tactics' | 'controls' | 'kinds';
export const CATALOG_SECTIONS: readonly CatalogSection[] = ['tactics', 'controls', 'kinds'];
