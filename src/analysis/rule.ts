/**
 * A rule is a pure function from the model (and the applicability analysis) to hits. One rule per file under
 * rules/, each with a test that shows it firing and not firing.
 */
import type { Position } from '../model/diagnostics.js';
import type { SystemModel } from '../model/schema.js';
import type { Severity } from '../model/vocabulary.js';
import type { CatalogData } from './applicability.js';
import type { ModelGraph } from './graph.js';
import type { AttackerAnalysis, Evidence } from './result.js';

export interface RuleContext {
  model: SystemModel;
  graph: ModelGraph;
  catalog: CatalogData;
  attackers: AttackerAnalysis[];
  positionOf(path: readonly PropertyKey[]): Position;
  /** Path of a component in the model (for positions). */
  componentPath(id: string): PropertyKey[];
  attackerPath(id: string): PropertyKey[];
  /** Today as YYYY-MM-DD (injectable so expiry tests are deterministic). */
  today: string;
}

export interface RuleHit {
  component?: string;
  attacker?: string;
  message: string;
  /** Where in the model the finding points. */
  path: PropertyKey[];
  evidence: Evidence[];
  /** Overrides the rule's default severity, with the reason. */
  severity?: Severity;
  severityReason?: string;
  /** Overrides the rule's default remediation (catalog control ids). */
  remediation?: string[];
  /** Extra ATLAS ids specific to this hit (e.g. the tactics that apply). */
  atlas?: string[];
}

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  /** Why the default severity is what it is. */
  severityReason: string;
  description: string;
  /** Catalog control ids that fix it. */
  remediation: string[];
  atlas: string[];
  check(ctx: RuleContext): RuleHit[];
}

/** Evidence line for a component, with its position. */
export function componentFact(ctx: RuleContext, id: string, fact: string): Evidence {
  return { fact, location: ctx.positionOf(ctx.componentPath(id)) };
}
