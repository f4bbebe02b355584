/**
 * Turn a target's answer into a TargetVerdict through the campaign's response mapping (HTTP body, command stdout):
 * JSON read through paths, or text read through a regex's named groups. Without a mapping the answer must already be
 * a JSON verdict: `{decision, score?, decidedBy?}`.
 */
import { DECISIONS, type Decision, type TargetVerdict } from '../contracts/target.js';
import { getPath } from './json-path.js';
import { type ResponseMapping, scoreScaleOfMapping } from './response-mapping.js';
import { TransportError } from './transport-error.js';

export const DEFAULT_MAPPING: ResponseMapping = { decision: 'decision', score: 'score', decidedBy: 'decidedBy' };

/** Compiled regexes, by source: a mapping is used for every answer of a run. */
const compiled = new Map<string, RegExp>();

/**
 * A whole answer as text (stdout, an HTTP body) → verdict. `decided` is a decision already known from elsewhere (a
 * command's exit code); the text then only adds the score and the deciding component, and may be anything when the
 * mapping reads neither.
 */
export function mapAnswerText(text: string, mapping: ResponseMapping | undefined, decided?: Decision): TargetVerdict {
  if (mapping?.regex !== undefined) {
    let re = compiled.get(mapping.regex);
    if (!re) {
      re = new RegExp(mapping.regex);
      compiled.set(mapping.regex, re);
    }
    const m = re.exec(text);
    if (!m) {
      if (decided) return { decision: decided };
      throw protocol(`the answer does not match the regex /${mapping.regex}/: ${excerpt(text)}`);
    }
    const g = m.groups ?? {};
    const fields = { decision: g.decision?.trim(), score: g.score?.trim(), decidedBy: g.decidedBy?.trim() };
    return mapResponse(fields, { ...mapping, decision: 'decision', score: 'score', decidedBy: 'decidedBy' }, decided);
  }
  if (decided && (mapping === undefined || (mapping.score === undefined && mapping.decidedBy === undefined)))
    return { decision: decided };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw protocol(`the answer is not JSON: ${excerpt(text)}`);
  }
  return mapResponse(json, mapping, decided);
}

export function mapResponse(
  json: unknown,
  mapping: ResponseMapping = DEFAULT_MAPPING,
  decided?: Decision,
): TargetVerdict {
  const score = mapping.score !== undefined ? toScore(getPath(json, mapping.score)) : undefined;
  let decision: Decision | undefined = decided;
  if (decision === undefined && mapping.decision !== undefined) {
    const raw = getPath(json, mapping.decision);
    decision = toDecision(raw, mapping.labels);
    if (decision === undefined && raw !== undefined)
      throw protocol(`decision '${String(raw)}' is not allow/tag/review/block${labelsHint(mapping)}`);
  }
  if (decision === undefined && mapping.label !== undefined) {
    const raw = getPath(json, mapping.label);
    decision = toDecision(raw, mapping.labels);
    if (decision === undefined) throw protocol(`label '${String(raw)}' is not in the labels map${labelsHint(mapping)}`);
  }
  if (decision === undefined && score !== undefined && mapping.blockAtScore !== undefined) {
    decision = decisionByScore(score, mapping);
  }
  if (decision === undefined) throw protocol(`no decision in the answer ${excerpt(json)}`);
  const verdict: TargetVerdict = { decision };
  if (score !== undefined) verdict.score = score;
  if (mapping.decidedBy !== undefined) {
    const by = getPath(json, mapping.decidedBy);
    if (typeof by === 'string' && by) verdict.decidedBy = by;
  }
  return verdict;
}

/** The band a score falls in, checked from the malicious end (see ResponseMapping's thresholds). */
function decisionByScore(score: number, mapping: ResponseMapping): Decision {
  const malicious = scoreScaleOfMapping(mapping).direction === 'higher-is-malicious';
  const reached = (threshold: number | undefined) =>
    threshold !== undefined && (malicious ? score >= threshold : score <= threshold);
  if (reached(mapping.blockAtScore)) return 'block';
  if (reached(mapping.reviewAtScore)) return 'review';
  if (reached(mapping.tagAtScore)) return 'tag';
  return 'allow';
}

function toDecision(raw: unknown, labels?: Record<string, Decision>): Decision | undefined {
  if (raw === undefined || raw === null) return undefined;
  const s = String(raw);
  if (labels && s in labels) return labels[s];
  return (DECISIONS as readonly string[]).includes(s) ? (s as Decision) : undefined;
}

function toScore(raw: unknown): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const n = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(n)) throw protocol(`score '${String(raw)}' is not a number`);
  return n;
}

function labelsHint(m: ResponseMapping): string {
  return m.labels ? ` (labels: ${Object.keys(m.labels).join(', ')})` : '';
}

function excerpt(json: unknown): string {
  const s = typeof json === 'string' ? json.trim() : (JSON.stringify(json) ?? String(json));
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** The target answered, but not in a shape the mapping understands: a configuration problem, not retried. */
function protocol(message: string): TransportError {
  return new TransportError(`unexpected answer: ${message}`, false, 'protocol');
}
