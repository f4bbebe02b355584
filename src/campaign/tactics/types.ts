/**
 * Executable tactics: the practical attacker moves a campaign runs against a Target. Each links to a catalog
 * tactic id (src/catalog), so measured results calibrate the model's predicted costs.
 *
 * Two shapes, because real attackers act on two things:
 * - a ContentTactic rewrites one sample (confusables, hidden words, MIME re-encoding, URL tricks…);
 * - a StreamTactic reshapes *how* samples are sent (which accounts, how fast, how varied, what feedback follows):
 *   account rotation, warm-up, low-and-slow pacing, template variation, mass "not spam" feedback.
 */

import type { ContentEncoding } from '../../contracts/input-bytes.js';
import type { FeedbackReport, TargetInput } from '../../contracts/target.js';
import type { Equivalences } from '../oracles/normalize.js';
import type { RedirectRegistry } from '../oracles/redirect-registry.js';

/** A seeded random source in [0,1). Tactics must draw randomness only from it. */
export type Rng = () => number;

export type TacticParams = Record<string, string | number | boolean | string[]>;

export interface TacticCost {
  /** Extra target queries the tactic itself spends (beyond the one decision per send). */
  queries?: number;
  /** Accounts consumed. */
  accounts?: number;
  /** Money spent (USD), e.g. challenge-solving, aged accounts. */
  money?: number;
  /** Simulated wall-clock hours the tactic adds (pacing, warm-up). */
  timeHours?: number;
}

/** What a tactic runs in: where URL tactics record the redirects, look-alike hosts and DNS answers they set up. */
export interface TacticEnv {
  registry?: RedirectRegistry;
  /**
   * How the content maps to bytes (contracts/input-bytes.ts): a `binary` sample's MIME bodies are read as the bytes
   * they stand for, not as UTF-8 text. The runner passes the seed's encoding on every call.
   */
  encoding?: ContentEncoding;
}

/**
 * What every tactic definition carries besides its behaviour: its quirks live here, in the tactic's own file, not
 * in a central list of ids (the validity oracle and the heuristics registry read them).
 */
export interface TacticDefinitionBase {
  /** Catalog tactic id this implements (e.g. 'input.confusable-characters'). */
  id: string;
  summary: string;
  /** Default parameters; a campaign file may override them. */
  defaults: TacticParams;
  /**
   * The simple heuristics that defuse it (ids in HEURISTICS, src/campaign/oracles/heuristics), in the order a report
   * lists them. At least one: a trick without a cheap defence is a finding, not a tactic entry. Plain ids rather
   * than `HeuristicName`: heuristics reuse tactics' word lists, so typing this by the heuristic registry would tie
   * the two registries in an import circle; the registry self-check test rejects an id HEURISTICS lacks.
   */
  defusedBy: readonly string[];
  /**
   * What the validity oracle must tolerate when this tactic is in a chain: words it removes on purpose
   * (`droppable`), phrases it swaps for equivalents (`synonyms`). Given the step's parameters (defaults not merged).
   * Omitted: the text must stay as it was.
   */
  validity?: (params: TacticParams) => Equivalences;
}

export interface ContentTactic extends TacticDefinitionBase {
  kind: 'content';
  /**
   * Rewrite one sample. Returns null when the tactic does not apply to this sample (e.g. no HTML part to hide text
   * in, no link to move) — the runner records "not applicable", not a failure. `env` defaults to the shared
   * redirect registry; `createExecutableTactics({ registry })` binds it.
   */
  apply(
    content: string,
    rng: Rng,
    params: TacticParams,
    env?: TacticEnv,
  ): { content: string; cost?: TacticCost; note?: string } | null;
}

export interface StreamPlan {
  /** The sends, in order, with their context (account, age, timestamp). */
  sends: TargetInput[];
  /** Feedback reports to file (after the sends), for feedback-loop tactics. */
  feedback?: FeedbackReport[];
  cost?: TacticCost;
}

export interface StreamTactic extends TacticDefinitionBase {
  kind: 'stream';
  /**
   * Turn a campaign's messages into a sequence of sends. `base` carries the campaign's baseline context
   * (start time, a starting account). Deterministic for a given rng.
   */
  plan(
    messages: TargetInput[],
    base: { startMs: number; accountPrefix: string },
    rng: Rng,
    params: TacticParams,
  ): StreamPlan;
}

export type ExecutableTactic = ContentTactic | StreamTactic;

/**
 * The validity oracle's verdict: does the transformed sample still do the attacker's job?
 * An evasion whose payload broke does not count.
 */
export interface ValidityVerdict {
  valid: boolean;
  /** Why not, in words (e.g. "visible text changed: 'verify your account' missing"). */
  reasons: string[];
}
