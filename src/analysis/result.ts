/**
 * The analysis result document: what `nograd analyze` computes and every renderer (terminal, Markdown, JSON,
 * SARIF, HTML) reads. Versioned; renderers never compute, the analysis never renders.
 */

import type { CostVector } from '../model/cost.js';
import type { Position } from '../model/diagnostics.js';
import type { ModelSummary } from '../model/summary.js';
import type { Goal, Severity, TriageStatus } from '../model/vocabulary.js';
import type { EconomicsResult } from './economics/types.js';

export const ANALYSIS_SCHEMA_VERSION = 1;

/** A model fact a rule matched: shown by `nograd explain` with its position. */
export interface Evidence {
  fact: string;
  location?: Position;
}

export interface Remediation {
  /** Catalog control id. */
  control: string;
  name: string;
  /** Why this control helps here. */
  why?: string;
}

export interface FindingTriage {
  status: TriageStatus;
  justification?: string;
  ticket?: string;
  owner?: string;
  date?: string;
  expires?: string;
  /** True when an acceptance expired and the finding is open again. */
  expired?: boolean;
  /** Where the triage entry is written. */
  location?: Position;
  /** The entry's pattern (a finding id or a wildcard). */
  pattern: string;
}

export interface Finding {
  /** Stable id: `rule@component[@attacker]` — identical across runs and independent of ordering. */
  id: string;
  rule: string;
  title: string;
  severity: Severity;
  /** Why it has this severity (shown by `nograd explain`). */
  severityReason: string;
  message: string;
  component?: string;
  attacker?: string;
  location: Position;
  remediation: Remediation[];
  frameworks: { atlas: string[]; aidefend: string[] };
  evidence: Evidence[];
  /** 'custom' for declarative rules loaded from a rule file. */
  source: 'builtin' | 'custom';
  triage?: FindingTriage;
  /** True when triage takes it out of the gate (accepted, mitigated, false-positive, not expired). */
  suppressed: boolean;
}

export interface CounterRef {
  /** Model control id. */
  control: string;
  /** Catalog control id it instantiates. */
  catalog?: string;
  effectiveness: number;
  status: 'implemented' | 'planned';
}

/** One tactic against one component, for one attacker. */
export interface TacticApplicability {
  tactic: string;
  tacticName: string;
  family: string;
  component: string;
  /** True when the attacker has every capability the tactic needs on this component. */
  applicable: boolean;
  /** What is missing when not applicable (e.g. "write live-input", "read score|label"). */
  missing: string[];
  counteredBy: CounterRef[];
  /** Probability one attempt gets past this component with today's (implemented) controls. */
  successProbability: number;
  /** …and with planned controls added. */
  plannedSuccessProbability: number;
  /** Assumption ids of the component that this tactic breaks. */
  breaksAssumptions: string[];
  /**
   * True on the one component where this tactic is anchored for this attacker (the component whose assumption it
   * breaks, else the one a control guards against it, else the tactic's primary kind nearest the decision). A
   * tactic is one act of the attacker; reporting it once keeps findings readable.
   */
  primary: boolean;
  cost: CostVector;
  atlas: string[];
}

export interface AttackerAnalysis {
  attacker: string;
  goal: Goal;
  target: string;
  /** Applicable tactics (requirements met), by component. */
  applicable: TacticApplicability[];
  /** Applicable and not countered by any implemented control. */
  uncountered: TacticApplicability[];
  /** Count of tactic×component pairs examined but not applicable (requirements unmet). */
  notApplicableCount: number;
}

export interface AnalysisResult {
  schemaVersion: typeof ANALYSIS_SCHEMA_VERSION;
  tool: { name: 'nograd'; version: string };
  model: {
    system: { id: string; name: string; description?: string };
    files: string[];
    summary: Omit<ModelSummary, 'text'>;
  };
  catalog: { tactics: number; controls: number; atlasVersion: string; aidefendVersion: string };
  findings: Finding[];
  attackers: AttackerAnalysis[];
  /** Counts by severity of findings that count for the gate (not suppressed). */
  counts: Record<Severity, number>;
  /**
   * Today's posture against the planned one (planned controls treated as implemented): how many tactic uses stay
   * open and which findings the planned controls would resolve.
   */
  posture: {
    today: { open: number; counts: Record<Severity, number> };
    planned: { open: number; counts: Record<Severity, number>; resolved: string[]; plannedControls: string[] };
  };
  /** Sections added by the economics layer (paths, simulation, recommendations, calibration) — see economics types. */
  economics?: EconomicsResult;
}
