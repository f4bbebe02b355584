/**
 * The report's summary, shared by the HTML, Markdown and JSON outputs: the verdict line, the cheapest way in per
 * attacker, and the top recommended controls. Presentation only: it orders and counts what the result documents
 * already say and never re-runs analysis. Where economics is present its cheapest paths and recommendations are
 * used as they are; without it the summary says which uncountered tactic is most likely to work per attacker and
 * which remediation the open findings cite most (weighted by severity), and labels them as such.
 */

import type { AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
import { AIDEFEND_ID_PATTERN } from '../catalog/aidefend.js';
import { ATLAS_ID_PATTERN } from '../catalog/atlas.js';
import { COST_DIMENSIONS, type CostVector } from '../model/cost.js';
import { SEVERITIES, type Severity } from '../model/vocabulary.js';
import type { AttackPathView, CostLike, EconomicsView } from './inputs.js';

export const SEVERITY_DESC: Severity[] = [...SEVERITIES].reverse();
const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 8, high: 4, medium: 2, low: 1, info: 0 };

export interface Verdict {
  /** The worst severity among open (not suppressed) findings, or undefined when none is open. */
  worst: Severity | undefined;
  /** fail: critical or high open · warn: medium or low · pass: info or nothing. */
  level: 'fail' | 'warn' | 'pass';
  headline: string;
  open: number;
  suppressed: number;
}

export function verdictOf(a: ReportAnalysis): Verdict {
  const open = a.findings.filter((f) => !f.suppressed);
  const suppressed = a.findings.length - open.length;
  const worst = SEVERITY_DESC.find((s) => (a.counts[s] ?? 0) > 0);
  const level =
    worst === 'critical' || worst === 'high' ? 'fail' : worst === 'medium' || worst === 'low' ? 'warn' : 'pass';
  const parts = SEVERITY_DESC.filter((s) => s !== 'info' && (a.counts[s] ?? 0) > 0).map((s) => `${a.counts[s]} ${s}`);
  const headline =
    level === 'pass'
      ? 'No open findings above info.'
      : `Action needed: ${parts.join(', ')} finding${open.length === 1 ? '' : 's'} open.`;
  return { worst, level, headline, open: open.length, suppressed };
}

export interface AttackerHeadline {
  attacker: string;
  goal: string;
  target: string;
  applicable: number;
  uncountered: number;
  /** Cheapest path from economics, when present. */
  path?: AttackPathView;
  /** Without economics: the uncountered tactic with the highest success probability per attempt. */
  likeliest?: { tactic: string; tacticName: string; component: string; successProbability: number; cost: CostVector };
}

export function attackerHeadlines(a: ReportAnalysis, econ: EconomicsView | undefined): AttackerHeadline[] {
  return a.attackers.map((at) => {
    const primaries = at.uncountered.filter((u) => u.primary);
    const pool = primaries.length ? primaries : at.uncountered;
    const likeliest = [...pool].sort(
      (x, y) => y.successProbability - x.successProbability || x.tactic.localeCompare(y.tactic),
    )[0];
    const path = econ?.cheapest.find((p) => p.attacker === at.attacker);
    return {
      attacker: at.attacker,
      goal: at.goal,
      target: at.target,
      applicable: at.applicable.filter((u) => u.primary).length || at.applicable.length,
      uncountered: pool.length,
      ...(path ? { path } : {}),
      ...(likeliest
        ? {
            likeliest: {
              tactic: likeliest.tactic,
              tacticName: likeliest.tacticName,
              component: likeliest.component,
              successProbability: likeliest.successProbability,
              cost: likeliest.cost,
            },
          }
        : {}),
    };
  });
}

export interface TopControl {
  control: string;
  name: string;
  /** Why it is on top, in words. */
  reason: string;
  source: 'economics' | 'findings';
  findings: string[];
}

/** Top recommended controls: economics recommendations in their order, else the most-cited remediation. */
export function topControls(a: ReportAnalysis, econ: EconomicsView | undefined, n = 3): TopControl[] {
  if (econ && econ.recommendations.length > 0) {
    return econ.recommendations.slice(0, n).map((r) => ({
      control: r.control,
      name: r.name ?? r.control,
      reason: [
        r.attackerCostIncrease !== undefined
          ? `raises the attacker's cheapest cost by ${fmt(r.attackerCostIncrease)}`
          : '',
        r.defenderCost !== undefined ? `defender cost ${fmt(r.defenderCost)}` : '',
        r.components.length ? `on ${r.components.join(', ')}` : '',
        r.why ?? '',
      ]
        .filter(Boolean)
        .join('; '),
      source: 'economics' as const,
      findings: [],
    }));
  }
  const score = new Map<string, { name: string; score: number; findings: string[]; worst: number }>();
  for (const f of a.findings) {
    if (f.suppressed) continue;
    for (const r of f.remediation) {
      const e = score.get(r.control) ?? { name: r.name, score: 0, findings: [], worst: 0 };
      e.score += SEVERITY_WEIGHT[f.severity] ?? 0;
      e.worst = Math.max(e.worst, SEVERITIES.indexOf(f.severity));
      e.findings.push(f.id);
      score.set(r.control, e);
    }
  }
  return [...score.entries()]
    .sort((x, y) => y[1].score - x[1].score || x[0].localeCompare(y[0]))
    .slice(0, n)
    .map(([control, e]) => ({
      control,
      name: e.name,
      reason: `remediates ${e.findings.length} open finding${e.findings.length === 1 ? '' : 's'} (worst: ${SEVERITIES[e.worst]})`,
      source: 'findings' as const,
      findings: e.findings,
    }));
}

/** Uncountered (anchored) tactic uses per component, across attackers. */
export function uncounteredByComponent(a: ReportAnalysis): Map<string, number> {
  const m = new Map<string, number>();
  for (const at of a.attackers) {
    const primaries = at.uncountered.filter((u) => u.primary);
    for (const u of primaries.length ? primaries : at.uncountered) m.set(u.component, (m.get(u.component) ?? 0) + 1);
  }
  return m;
}

export function fmt(v: number | undefined, digits = 3): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(digits)));
}

export function fmtPct(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  return `${Number((v * 100).toPrecision(3))}%`;
}

const COST_SHORT: Record<keyof CostVector, (v: number) => string> = {
  money: (v) => `$${fmt(v)}`,
  humanHours: (v) => `${fmt(v)} person-h`,
  implementationHours: (v) => `${fmt(v)} build-h`,
  queries: (v) => `${fmt(v)} quer${v === 1 ? 'y' : 'ies'}`,
  timeHours: (v) => `${fmt(v)} h elapsed`,
  detectionRisk: (v) => `p(detect) ${fmt(v, 2)}`,
};

/** "$0.003 · 2 build-h · 1 queries · p(detect) 0.05" (zero dimensions left out). */
export function fmtCost(c: CostLike | undefined): string {
  if (!c) return '–';
  const parts = COST_DIMENSIONS.filter((d) => (c[d] ?? 0) !== 0).map((d) => COST_SHORT[d](c[d] ?? 0));
  return parts.length ? parts.join(' · ') : 'free';
}

/** Link target for an ATLAS id, or undefined when it does not look like one (then it is shown as text). */
export function atlasHref(id: string): string | undefined {
  if (!ATLAS_ID_PATTERN.test(id)) return undefined;
  return `https://atlas.mitre.org/${id.startsWith('AML.M') ? 'mitigations' : 'techniques'}/${id}`;
}

export function aidefendHref(id: string): string | undefined {
  if (!AIDEFEND_ID_PATTERN.test(id)) return undefined;
  return `https://aidefend.net/#t=${id}`;
}
