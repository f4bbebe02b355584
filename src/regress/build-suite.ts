/**
 * Mined candidates → a regression suite: deduplicate across miners (one case per input; the other miners'
 * reasons are kept as `also`), derive each expectation from the best label, redact personal data, and give every
 * case a stable id (`<miner>-<first 10 hex of the input hash>`). The caps per miner and per cluster were applied
 * while mining.
 */

import type { Candidate } from '../traces/candidate.js';
import { sha256Hex } from '../util/hash.js';
import { expectationFor, type LabelOptions } from './labels.js';
import { type RedactionCounts, type RedactionOptions, Redactor } from './redact.js';
import type { RegressionCase, Suite } from './suite.js';

/** When two miners find the same input, the case is filed under the first of these. */
export const MINER_PRIORITY = [
  'overturned',
  'escalated',
  'campaign-evasion',
  'evasion-signals',
  'sender-siblings',
  'confidence-loss',
  'uncertain',
  'new-template',
];

export interface BuildSuiteOptions extends LabelOptions {
  name?: string;
  target?: string;
  /** `false` turns redaction off. */
  redaction?: RedactionOptions | false;
  /** Extra metadata for the suite's `generated` block. */
  generated?: Record<string, unknown>;
}

export interface BuildSuiteStats {
  candidates: number;
  /** Candidates folded into another miner's case for the same input. */
  duplicates: number;
  /** Candidates with neither input nor inputRef in the logs (no case can be made). */
  withoutInput: number;
  cases: number;
  knownFailures: number;
  /** Cases whose only human label was a user report (contested, not used as the expectation). */
  contested: number;
  redactions: RedactionCounts;
}

export function buildSuite(
  candidates: readonly Candidate[],
  opts: BuildSuiteOptions = {},
): { suite: Suite; stats: BuildSuiteStats } {
  const rank = (m: string) => {
    const i = MINER_PRIORITY.indexOf(m);
    return i < 0 ? MINER_PRIORITY.length : i;
  };
  // Stable: by miner priority, then as the miners ranked them.
  const ordered = candidates.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c.miner) - rank(b.c.miner) || a.i - b.i);
  const byKey = new Map<string, { primary: Candidate; also: Candidate[] }>();
  let withoutInput = 0;
  for (const { c } of ordered) {
    if (c.input === undefined && c.inputRef === undefined) {
      withoutInput++;
      continue;
    }
    const entry = byKey.get(c.key);
    if (entry) entry.also.push(c);
    else byKey.set(c.key, { primary: c, also: [] });
  }
  const redactor = opts.redaction === false ? undefined : new Redactor(opts.redaction ?? {});
  const usedIds = new Set<string>();
  const cases: RegressionCase[] = [];
  let knownFailures = 0;
  let contested = 0;
  // The review order: cases most likely to be evasions first, by what the logs show (never by ground truth).
  // Within a class, each cluster's (template, account) best case comes before any cluster's second: one campaign
  // with many copies does not push the next campaign down the list.
  const seenInCluster = new Map<string, number>();
  const entries = [...byKey.values()]
    .map((e, i) => ({ e, i, cls: reviewClass(e.primary, e.also) }))
    .sort((a, b) => a.cls - b.cls || a.i - b.i)
    .map((x) => {
      const key = `${x.cls}\u0000${x.e.primary.cluster}`;
      const round = seenInCluster.get(key) ?? 0;
      seenInCluster.set(key, round + 1);
      return { ...x, round };
    })
    .sort((a, b) => a.cls - b.cls || a.round - b.round || a.i - b.i)
    .map(({ e }) => e);
  for (const { primary, also } of entries) {
    const labelled = expectationFor(primary, opts);
    const traceIds = unique([primary, ...also].flatMap((c) => c.traceIds));
    const times = unique([primary, ...also].flatMap((c) => c.times)).sort();
    const context = redactor ? redactContext(primary.context, redactor) : primary.context;
    const kase: RegressionCase = {
      id: caseId(primary, usedIds),
      ...(primary.input !== undefined
        ? { input: redactor ? redactor.redact(primary.input) : primary.input }
        : { inputRef: primary.inputRef as string }),
      ...(Object.keys(context).length ? { context } : {}),
      expect: labelled.expect,
      ...(labelled.knownFailure ? { knownFailure: labelled.knownFailure } : {}),
      provenance: {
        miner: primary.miner,
        traceIds,
        times,
        reason: primary.reason,
        label: labelled.label,
        ...(labelled.contested ? { contested: labelled.contested } : {}),
        ...(also.length ? { also: also.map((c) => ({ miner: c.miner, reason: c.reason })) } : {}),
        ...(primary.inputHash ? { inputHash: primary.inputHash } : {}),
        ...(observedOf(primary) ? { observed: observedOf(primary) } : {}),
        occurrences: Math.max(1, ...[primary, ...also].map((c) => c.occurrences)),
      },
    };
    if (labelled.knownFailure) knownFailures++;
    if (labelled.contested) contested++;
    cases.push(kase);
  }
  const redactions = redactor?.counts ?? { emails: 0, phones: 0, patterns: 0 };
  const suite: Suite = {
    kind: 'nograd-suite',
    version: 1,
    ...(opts.name ? { name: opts.name } : {}),
    ...(opts.target ? { target: opts.target } : {}),
    generated: { ...(opts.generated ?? {}), redaction: redactor ? { ...redactions } : 'off' },
    cases,
  };
  return {
    suite,
    stats: {
      candidates: candidates.length,
      duplicates: candidates.length - withoutInput - byKey.size,
      withoutInput,
      cases: cases.length,
      knownFailures,
      contested,
      redactions,
    },
  };
}

const EVASION_MINERS = new Set(['evasion-signals', 'sender-siblings', 'campaign-evasion']);

/**
 * Where a case goes in the review order (lower first): 0 delivered and a person said spam; 1 delivered with an
 * evasion trick or from a sender whose other mail was stopped; 2 delivered near a boundary or escalated; 3 the rest
 * (blocks, model-labelled cases). Within a class the miners' own ranking is kept.
 */
export function reviewClass(primary: Candidate, also: readonly Candidate[]): number {
  const o = primary.observed;
  const delivered = o.decision === 'allow' || (o.decision === 'review' && primary.labels.reviewer !== 'spam');
  if (!delivered) return 3;
  if (primary.labels.reviewer === 'spam' || primary.labels.userReport === 'spam') return 0;
  const miners = [primary, ...also].map((c) => c.miner);
  if (miners.some((m) => EVASION_MINERS.has(m))) return 1;
  if (miners.some((m) => m === 'uncertain' || m === 'escalated')) return 2;
  return 3;
}

/** What the system last decided, as the suite records it (the threshold is in the reason already). */
function observedOf(c: Candidate): NonNullable<RegressionCase['provenance']>['observed'] | undefined {
  const { decision, score, modelVersion, decidedBy } = c.observed;
  const o = {
    ...(decision ? { decision } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(modelVersion ? { modelVersion } : {}),
    ...(decidedBy ? { decidedBy } : {}),
  };
  return Object.keys(o).length ? o : undefined;
}

function caseId(c: Candidate, used: Set<string>): string {
  const hash = c.inputHash && /^[0-9a-f]{10,}$/i.test(c.inputHash) ? c.inputHash : sha256Hex(c.key);
  const base = `${c.miner}-${hash.slice(0, 10).toLowerCase()}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function redactContext(context: Candidate['context'], redactor: Redactor): Candidate['context'] {
  const out: Candidate['context'] = {};
  for (const [k, v] of Object.entries(context)) out[k] = typeof v === 'string' ? redactor.redact(v) : v;
  return out;
}

function unique<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}
