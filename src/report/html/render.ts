/**
 * The HTML report: one self-contained file (inline CSS and SVG, no script, no network), readable on a laptop and
 * printable. A strict Content-Security-Policy forbids scripts, external loads, forms and base changes, so even a
 * rendering bug that let markup through could not run code or reach the network. All text from the model and the
 * result documents goes through the auto-escaping `h` template or `esc`; links are only the static ATLAS / AIDEFEND
 * https prefixes with ids that match the id patterns.
 */
import { relative, sep } from 'node:path';
import type { Finding, AnalysisDocumentValue as ReportAnalysis, TacticApplicability } from '../../analysis/result.js';
import { AIDEFEND_ATTRIBUTION, AIDEFEND_ENTRIES, AIDEFEND_NOTICE } from '../../catalog/aidefend.js';
import { ATLAS_NOTICE, atlasName } from '../../catalog/atlas.js';
import { COST_DIMENSIONS, COST_UNITS } from '../../model/cost.js';
import type { Position } from '../../model/diagnostics.js';
import type {
  AttackPathView,
  CampaignView,
  EconomicsView,
  MonitorView,
  ReportInput,
  ReportViews,
  SuiteView,
} from '../inputs.js';
import { readViews } from '../inputs.js';
import {
  aidefendHref,
  atlasHref,
  attackerHeadlines,
  fmt,
  fmtCost,
  fmtPct,
  SEVERITY_DESC,
  topControls,
  uncounteredByComponent,
  verdictOf,
} from '../summary.js';
import { outcomeText } from '../views.js';
import { binSamples, histogramChart, type ScatterPoint, scatterChart } from './charts.js';
import { type DiagramHighlight, renderDiagramLegend, renderDiagramSvg } from './diagram.js';
import { diffStats, diffText, renderDiffSides } from './diff.js';
import { REPORT_CSS } from './style.js';
import { h, join, type Raw, raw } from './template.js';

/** The Content-Security-Policy of every report: no script at all, no network, inline styles and data: images only. */
export const REPORT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'";

export interface HtmlOptions {
  /** Shown in the header (ISO timestamp); omitted when not given, so output is reproducible. */
  generatedAt?: string;
  /** File paths are shown relative to this directory when inside it (default: the first model file's folder). */
  baseDir?: string;
  /** Findings listed in full before the rest is collapsed (default 400). */
  maxFindings?: number;
}

export function displayPath(file: string, baseDir: string | undefined): string {
  if (!baseDir) return file;
  const rel = relative(baseDir, file);
  return rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel)
    ? rel.split(sep).join('/')
    : file;
}

function loc(p: Position, base: string | undefined): string {
  return `${displayPath(p.file, base)}:${p.line}:${p.col}`;
}

function sevBadge(s: string): Raw {
  const known = SEVERITY_DESC.includes(s as (typeof SEVERITY_DESC)[number]) ? s : 'info';
  return h`<span class="sev sev-${raw(known)}">${s}</span>`;
}

function atlasLinks(ids: string[]): Raw {
  return join(
    ids.map((id) => {
      const href = atlasHref(id);
      const name = atlasName(id);
      return href
        ? h`<a href="${href}" rel="noreferrer" title="${name ?? 'MITRE ATLAS'}">${id}</a>`
        : h`<span>${id}</span>`;
    }),
    ' ',
  );
}

function aidefendLinks(ids: string[]): Raw {
  return join(
    ids.map((id) => {
      const href = aidefendHref(id);
      const name = (AIDEFEND_ENTRIES as Record<string, string>)[id];
      return href
        ? h`<a href="${href}" rel="noreferrer" title="${name ?? 'AIDEFEND'}">${id}</a>`
        : h`<span>${id}</span>`;
    }),
    ' ',
  );
}

function pathText(p: AttackPathView): string {
  return p.steps.map((s) => (s.tactic ? `${s.tactic} @ ${s.component}` : s.component)).join(' → ');
}

// ---------------------------------------------------------------------------------------------------- sections

function header(a: ReportAnalysis, opts: HtmlOptions, base: string | undefined): Raw {
  const sys = a.model.system;
  return h`<header class="top">
<h1>Threat report: ${sys.name}</h1>
<div class="meta">system <code>${sys.id}</code> · model ${a.model.files.map((f) => displayPath(f, base)).join(', ')} · ${a.tool.name} ${a.tool.version} · catalog: ${a.catalog.tactics} tactics, ${a.catalog.controls} controls, ATLAS ${a.catalog.atlasVersion}, AIDEFEND ${a.catalog.aidefendVersion}${opts.generatedAt ? ` · generated ${opts.generatedAt}` : ''}</div>
${sys.description ? h`<p class="muted">${sys.description}</p>` : ''}
</header>`;
}

function summarySection(a: ReportAnalysis, v: ReportViews): Raw {
  const verdict = verdictOf(a);
  const heads = attackerHeadlines(a, v.economics);
  const tops = topControls(a, v.economics, 3);
  const chips = SEVERITY_DESC.map((s) => h`<span class="chip">${sevBadge(s)} <b>${a.counts[s] ?? 0}</b></span>`);
  const posture = a.posture
    ? h`<p>Open tactic uses today: <b>${a.posture.today.open}</b>; with the ${a.posture.planned.plannedControls.length} planned control${a.posture.planned.plannedControls.length === 1 ? '' : 's'} in place: <b>${a.posture.planned.open}</b>${a.posture.planned.resolved.length ? `, resolving ${a.posture.planned.resolved.length} finding${a.posture.planned.resolved.length === 1 ? '' : 's'}` : ''}.</p>`
    : '';
  const attackerItems = heads.map((hd) => {
    if (hd.path) {
      return h`<li><b>${hd.attacker}</b> (${hd.goal} → <code>${hd.target}</code>): cheapest path <span class="mono">${pathText(hd.path)}</span>, cost <b>${fmtCost(hd.path.cost)}</b>${hd.path.weightedCost !== undefined ? ` (weighted ${fmt(hd.path.weightedCost)})` : ''}${hd.path.successProbability !== undefined ? `, success ${fmtPct(hd.path.successProbability)}` : ''}</li>`;
    }
    return h`<li><b>${hd.attacker}</b> (${hd.goal} → <code>${hd.target}</code>): ${hd.uncountered} of ${hd.applicable} applicable tactics uncountered${hd.likeliest ? h`; likeliest: <b>${hd.likeliest.tacticName}</b> on <code>${hd.likeliest.component}</code>, success ${fmtPct(hd.likeliest.successProbability)} per attempt, cost ${fmtCost(hd.likeliest.cost)}` : ''}</li>`;
  });
  const topItems = tops.map(
    (t) => h`<li><b>${t.name}</b> <code>${t.control}</code><br><span class="small muted">${t.reason}</span></li>`,
  );
  return h`<section id="summary">
<h2>Summary</h2>
<div class="verdict ${verdict.level}">
<div class="headline">${verdict.headline}</div>
<div class="chips">${chips}${verdict.suppressed ? h`<span class="chip">suppressed by triage <b>${verdict.suppressed}</b></span>` : ''}</div>
${posture}
</div>
<div class="cards">
<div class="card"><h3>${v.economics ? 'Cheapest path per attacker' : 'Per attacker'}</h3><ul>${attackerItems.length ? attackerItems : raw('<li>No attackers in the model.</li>')}</ul>${v.economics ? '' : raw('<p class="small muted">Without economics results the likeliest uncountered tactic is shown; run the economics analysis for cheapest paths.</p>')}</div>
<div class="card"><h3>Top recommended controls</h3><ol>${topItems.length ? topItems : raw('<li>Nothing to recommend.</li>')}</ol>${tops[0]?.source === 'findings' ? raw('<p class="small muted">Ranked by the open findings they remediate, weighted by severity.</p>') : ''}</div>
</div>
</section>`;
}

function diagramSection(input: ReportInput, v: ReportViews): Raw {
  if (!input.model) {
    return h`<section id="diagram"><h2>System diagram</h2><p class="muted">The model was not available to this report (pass the model file to draw the diagram).</p></section>`;
  }
  const highlights: DiagramHighlight[] = (v.economics?.cheapest ?? []).map((p) => ({
    attacker: p.attacker,
    label: `cheapest path of ${p.attacker}`,
    components: p.steps.map((s) => s.component),
  }));
  const { svg } = renderDiagramSvg(input.model, {
    highlights,
    uncountered: uncounteredByComponent(input.analysis),
  });
  const note = highlights.length
    ? 'Highlighted: the cheapest attack path of each attacker.'
    : 'Red outline and count: components where an attacker has tactics that no implemented control counters.';
  return h`<section id="diagram">
<h2>System diagram</h2>
<p class="small muted">Funnel layers top to bottom as an attacker meets them; components off the live path below. ${note} Hover an element for details.</p>
<div class="figure">${raw(svg)}</div>
${raw(renderDiagramLegend(input.model, highlights))}
</section>`;
}

function remediationPill(r: Finding['remediation'][number]): Raw {
  return h`<span class="pill" title="${`${r.control}${r.why ? `: ${r.why}` : ''}`}">${r.name}</span> `;
}

function remediationCell(f: Finding): Raw {
  if (f.remediation.length === 0) return h`<span class="muted">–</span>`;
  const first = f.remediation.slice(0, 4);
  const rest = f.remediation.slice(4);
  return h`${first.map(remediationPill)}${rest.length ? h`<details><summary>${rest.length} more</summary>${rest.map(remediationPill)}</details>` : ''}`;
}

function findingRow(f: Finding, base: string | undefined): Raw {
  const who = [f.component ? `component ${f.component}` : '', f.attacker ? `attacker ${f.attacker}` : '']
    .filter(Boolean)
    .join(' · ');
  const evidence = f.evidence.length
    ? h`<details><summary>evidence (${f.evidence.length})</summary><ul class="small">${f.evidence.map((e) => h`<li>${e.fact}${e.location ? h` <span class="muted mono">${loc(e.location, base)}</span>` : ''}</li>`)}</ul><p class="small muted">Severity: ${f.severityReason}</p></details>`
    : h`<div class="small muted">Severity: ${f.severityReason}</div>`;
  const triage = f.triage
    ? h`<div class="small"><span class="pill">${f.triage.status}${f.triage.expired ? ' (expired)' : ''}</span> ${f.triage.justification ?? ''}${f.triage.ticket ? ` · ${f.triage.ticket}` : ''}${f.triage.owner ? ` · ${f.triage.owner}` : ''}${f.triage.expires ? ` · until ${f.triage.expires}` : ''}</div>`
    : '';
  return h`<tr id="${`f-${f.id}`}">
<td>${sevBadge(f.severity)}</td>
<td><div class="finding-title">${f.title}</div><div>${f.message}</div><div class="finding-id">${f.id}${who ? ` · ${who}` : ''}</div>${triage}${evidence}</td>
<td class="loc mono">${loc(f.location, base)}</td>
<td class="remediation">${remediationCell(f)}</td>
<td class="ids small">${atlasLinks(f.frameworks.atlas)}</td>
<td class="ids small">${aidefendLinks(f.frameworks.aidefend)}</td>
</tr>`;
}

function findingsTable(list: Finding[], base: string | undefined): Raw {
  return h`<table class="findings"><colgroup><col style="width:86px"><col><col style="width:190px"><col style="width:26%"><col style="width:110px"><col style="width:118px"></colgroup><thead><tr><th>Severity</th><th>Finding</th><th>Location</th><th>Remediation</th><th>ATLAS</th><th>AIDEFEND</th></tr></thead><tbody>${list.map((f) => findingRow(f, base))}</tbody></table>`;
}

/**
 * Findings grouped by rule: the title, severity, remediation and framework ids once per group, then one compact
 * row per instance (where, who, the message, triage, evidence). Large groups start folded, so dozens of
 * near-identical findings read as a short list of problems.
 */
function findingGroups(list: Finding[], base: string | undefined): Raw {
  const groups = new Map<string, Finding[]>();
  for (const f of list) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  return h`${[...groups.values()].map((fs) => {
    const f = fs[0]!;
    const instances = h`<table class="findings compact"><colgroup><col style="width:34%"><col><col style="width:190px"></colgroup><thead><tr><th>Where</th><th>Finding</th><th>Location</th></tr></thead><tbody>${fs.map(
      (x) => {
        const who = [x.component ? `component ${x.component}` : '', x.attacker ? `attacker ${x.attacker}` : '']
          .filter(Boolean)
          .join(' · ');
        const triage = x.triage
          ? h`<div class="small"><span class="pill">${x.triage.status}${x.triage.expired ? ' (expired)' : ''}</span> ${x.triage.justification ?? ''}${x.triage.expires ? ` · until ${x.triage.expires}` : ''}</div>`
          : '';
        const evidence = x.evidence.length
          ? h`<details><summary>evidence (${x.evidence.length})</summary><ul class="small">${x.evidence.map((e) => h`<li>${e.fact}${e.location ? h` <span class="muted mono">${loc(e.location, base)}</span>` : ''}</li>`)}</ul></details>`
          : '';
        return h`<tr id="${`f-${x.id}`}"><td><div class="finding-id">${x.id}</div><div class="small">${who}</div></td><td>${x.message}${triage}${evidence}</td><td class="loc mono">${loc(x.location, base)}</td></tr>`;
      },
    )}</tbody></table>`;
    return h`<details class="finding-group"${fs.length <= 3 ? raw(' open') : ''}><summary>${sevBadge(f.severity)} <b class="finding-title">${f.title}</b> <span class="muted small">${f.rule} · ${fs.length} finding${fs.length === 1 ? '' : 's'}</span></summary>
<div class="group-meta small"><div>${f.severityReason}</div><div>Fix: ${remediationCell(f)}</div><div>ATLAS ${atlasLinks(f.frameworks.atlas)} · AIDEFEND ${aidefendLinks(f.frameworks.aidefend)}</div></div>
${instances}</details>`;
  })}`;
}

function findingsSection(a: ReportAnalysis, base: string | undefined, max: number): Raw {
  const open = a.findings.filter((f) => !f.suppressed);
  const suppressed = a.findings.filter((f) => f.suppressed);
  const shown = open.slice(0, max);
  const rest = open.slice(max);
  const rules = new Set(open.map((f) => f.rule)).size;
  return h`<section id="findings">
<h2>Findings <span class="muted small">(${open.length} open in ${rules} group${rules === 1 ? '' : 's'}${suppressed.length ? `, ${suppressed.length} suppressed` : ''})</span></h2>
${open.length ? findingGroups(shown, base) : raw('<p>No open findings.</p>')}
${rest.length ? h`<details class="section"><summary>${rest.length} more open findings</summary>${findingsTable(rest, base)}</details>` : ''}
${suppressed.length ? h`<details class="section"><summary>Suppressed by triage (${suppressed.length})</summary>${findingGroups(suppressed, base)}</details>` : ''}
</section>`;
}

function tacticRows(list: TacticApplicability[], showCounter: boolean): Raw {
  return join(
    list.map(
      (
        t,
      ) => h`<tr><td><b>${t.tacticName}</b><div class="finding-id">${t.tactic} · ${t.family}</div></td><td><code>${t.component}</code></td>
<td class="num"><span class="bar" style="width:${raw(String(Math.round(Math.max(0, Math.min(1, t.successProbability)) * 60)))}px"></span> ${fmtPct(t.successProbability)}</td>
<td class="num">${t.plannedSuccessProbability !== t.successProbability ? h`<span class="bar planned" style="width:${raw(String(Math.round(Math.max(0, Math.min(1, t.plannedSuccessProbability)) * 60)))}px"></span> ${fmtPct(t.plannedSuccessProbability)}` : h`<span class="muted">same</span>`}</td>
<td class="small">${fmtCost(t.cost)}</td>
${showCounter ? h`<td class="small">${t.counteredBy.length ? t.counteredBy.map((c) => h`<span class="pill ${c.status === 'planned' ? 'planned' : 'ok'}">${c.control} ${fmtPct(c.effectiveness)}</span> `) : h`<span class="muted">none</span>`}</td>` : h`<td class="small">${t.counteredBy.filter((c) => c.status === 'planned').map((c) => h`<span class="pill planned">${c.control} (planned)</span> `)}${t.breaksAssumptions.length ? h`<div class="muted">breaks: ${t.breaksAssumptions.join(', ')}</div>` : ''}</td>`}
<td class="ids small">${atlasLinks(t.atlas)}</td></tr>`,
    ),
  );
}

function attackersSection(a: ReportAnalysis): Raw {
  if (a.attackers.length === 0)
    return h`<section id="attackers"><h2>Attackers</h2><p>No attacker profiles in the model.</p></section>`;
  const blocks = a.attackers.map((at) => {
    const primaries = (l: TacticApplicability[]) => {
      const p = l.filter((t) => t.primary);
      return p.length ? p : l;
    };
    const unc = [...primaries(at.uncountered)].sort(
      (x, y) => y.successProbability - x.successProbability || x.tactic.localeCompare(y.tactic),
    );
    const uncKeys = new Set(at.uncountered.map((t) => `${t.tactic}@${t.component}`));
    const countered = primaries(at.applicable).filter((t) => !uncKeys.has(`${t.tactic}@${t.component}`));
    return h`<div class="attacker" id="${`a-${at.attacker}`}">
<h3>${at.attacker} <span class="muted small">goal ${at.goal} → target <code>${at.target}</code> · ${primaries(at.applicable).length} applicable, ${unc.length} uncountered, ${at.notApplicableCount} tactic×component pairs not applicable</span></h3>
${unc.length ? h`<table><thead><tr><th>Uncountered tactic</th><th>Component</th><th class="num">Success / attempt today</th><th class="num">With planned controls</th><th>Cost per attempt</th><th>Planned controls · assumptions broken</th><th>ATLAS</th></tr></thead><tbody>${tacticRows(unc, false)}</tbody></table>` : raw('<p>No uncountered tactics.</p>')}
${countered.length ? h`<details><summary>${countered.length} applicable tactics countered by implemented controls</summary><table><thead><tr><th>Tactic</th><th>Component</th><th class="num">Success / attempt today</th><th class="num">With planned controls</th><th>Cost per attempt</th><th>Countered by</th><th>ATLAS</th></tr></thead><tbody>${tacticRows(countered, true)}</tbody></table></details>` : ''}
</div>`;
  });
  return h`<section id="attackers"><h2>Attackers: applicable and uncountered tactics</h2>${blocks}</section>`;
}

function costCells(c: AttackPathView['cost']): Raw {
  return join(COST_DIMENSIONS.map((d) => h`<td class="num">${fmt(c[d])}</td>`));
}

const COST_HEAD = COST_DIMENSIONS.map((d) => `${d} (${COST_UNITS[d]})`);

function economicsSection(e: EconomicsView): Raw {
  const parts: Raw[] = [];
  if (e.cheapest.length) {
    parts.push(
      h`<h3>Cheapest attack path per attacker</h3><table><thead><tr><th>Attacker</th><th>Path</th>${COST_HEAD.map((c) => h`<th class="num">${c}</th>`)}<th class="num">weighted</th><th class="num">P(success)</th></tr></thead><tbody>${e.cheapest.map(
        (p) =>
          h`<tr><td><b>${p.attacker}</b></td><td class="small">${p.steps.map((s, i) => h`${i ? ' → ' : ''}<span title="${s.tacticName ?? s.tactic}">${s.tactic ? `${s.tactic} @ ` : ''}<code>${s.component}</code></span>`)}</td>${costCells(p.cost)}<td class="num">${fmt(p.weightedCost)}</td><td class="num">${fmtPct(p.successProbability)}</td></tr>`,
      )}</tbody></table>`,
    );
  }
  if (e.weights) {
    parts.push(
      h`<p class="small muted">Ranking weights (only to order paths; costs stay vectors): ${COST_DIMENSIONS.filter(
        (d) => e.weights?.[d] !== undefined,
      )
        .map((d) => `${d} × ${fmt(e.weights?.[d])}`)
        .join(', ')}.</p>`,
    );
  }
  const charts: Raw[] = [];
  // Pareto fronts: money vs human+implementation hours, one series per attacker.
  if (e.pareto.length) {
    const groups = e.pareto.map((p) => p.attacker);
    const points: ScatterPoint[] = [];
    const lines = e.pareto.map((f, gi) => {
      const pts = f.paths
        .map(
          (p) =>
            [(p.cost.money ?? 0) + 0, (p.cost.humanHours ?? 0) + (p.cost.implementationHours ?? 0)] as [number, number],
        )
        .sort((x, y) => x[0] - y[0]);
      for (const p of f.paths) {
        const cheapest = e.cheapest.find((c) => c.attacker === f.attacker);
        points.push({
          x: p.cost.money ?? 0,
          y: (p.cost.humanHours ?? 0) + (p.cost.implementationHours ?? 0),
          label: `${f.attacker}: ${pathText(p)}\n${fmtCost(p.cost)}`,
          group: gi,
          highlight: cheapest !== undefined && pathText(cheapest) === pathText(p),
        });
      }
      return { points: pts, group: gi, step: true };
    });
    const positiveMoney = points.some((p) => p.x > 0) && points.every((p) => p.x > 0);
    charts.push(
      h`<figure>${raw(scatterChart({ title: 'Pareto fronts: money vs attacker hours', x: { label: 'money (USD)', log: positiveMoney }, y: { label: 'person + build hours' }, points, lines, groups }))}<figcaption>Each point is a non-dominated attack path (no other path is cheaper in every cost dimension); the staircase joins each attacker's front. The larger, outlined point is the cheapest by weighted cost.</figcaption></figure>`,
    );
  } else if (e.paths.length) {
    const attackers = [...new Set(e.paths.map((p) => p.attacker))];
    charts.push(
      h`<figure>${raw(scatterChart({ title: 'Attack paths: money vs attacker hours', x: { label: 'money (USD)' }, y: { label: 'person + build hours' }, points: e.paths.map((p) => ({ x: p.cost.money ?? 0, y: (p.cost.humanHours ?? 0) + (p.cost.implementationHours ?? 0), label: `${p.attacker}: ${pathText(p)}`, group: attackers.indexOf(p.attacker) })), groups: attackers }))}</figure>`,
    );
  }
  for (const s of e.simulations) {
    const bins = s.bins.length ? s.bins : binSamples(s.samples);
    if (bins.length === 0) continue;
    const marks = [
      ...(s.p50 !== undefined ? [{ x: s.p50, label: `median ${fmt(s.p50)}` }] : []),
      ...(s.p90 !== undefined ? [{ x: s.p90, label: `p90 ${fmt(s.p90)}` }] : []),
      ...(s.budget !== undefined ? [{ x: s.budget, label: `budget ${fmt(s.budget)}` }] : []),
    ];
    charts.push(
      h`<figure>${raw(histogramChart({ title: `Simulated ${s.metric} to success: ${s.attacker}`, x: { label: `${s.metric}${s.unit ? ` (${s.unit})` : ''}` }, bins, cdf: true, marks }))}<figcaption>Distribution over simulation runs (bars) and cumulative share (red line)${s.successRate !== undefined ? `; ${fmtPct(s.successRate)} of runs succeed within budget` : ''}${s.mean !== undefined ? `; mean ${fmt(s.mean)}` : ''}.</figcaption></figure>`,
    );
  }
  if (e.calibration.length) {
    charts.push(
      h`<figure>${raw(scatterChart({ title: 'Predicted vs measured', x: { label: 'predicted (model estimate)' }, y: { label: 'measured (campaign)' }, points: e.calibration.map((c) => ({ x: c.predicted, y: c.measured, label: `${c.label}${c.metric ? ` (${c.metric})` : ''}`, ...(c.low !== undefined && c.high !== undefined ? { yLow: c.low, yHigh: c.high } : {}) })), diagonal: true, labelPoints: true }))}<figcaption>Points on the dashed line mean the model's estimate matched what the campaign measured; whiskers are the measured 95% interval.</figcaption></figure>`,
    );
  }
  if (charts.length) parts.push(h`<div class="charts">${charts}</div>`);
  if (e.calibrationVerdict?.length)
    parts.push(
      h`<div class="verdict ${e.calibrationVerdict[0]?.startsWith('miscalibrated') ? 'warn' : 'pass'}">${e.calibrationVerdict.map((line) => h`<p class="small">${line}</p>`)}</div>`,
    );
  if (e.recommendations.length) {
    parts.push(
      h`<h3>Recommended controls</h3><table><thead><tr><th>#</th><th>Control</th><th>On</th><th class="num">Attacker cost before → after</th><th class="num">Increase</th><th class="num">Defender cost</th><th class="num">False-positive rate</th><th>Why</th></tr></thead><tbody>${e.recommendations.map(
        (r, i) =>
          h`<tr><td class="num">${i + 1}</td><td><b>${r.name ?? r.control}</b><div class="finding-id">${r.control}</div></td><td class="small">${r.components.join(', ')}</td><td class="num">${fmt(r.attackerCostBefore)} → ${fmt(r.attackerCostAfter)}</td><td class="num">${fmt(r.attackerCostIncrease)}</td><td class="num">${fmt(r.defenderCost)}</td><td class="num">${fmtPct(r.falsePositiveRate)}</td><td class="small">${r.why ?? ''}</td></tr>`,
      )}</tbody></table>`,
    );
  }
  if (e.calibration.length) {
    parts.push(
      h`<details><summary>Calibration table (${e.calibration.length})</summary><table><thead><tr><th>Estimate</th><th class="num">Predicted</th><th class="num">Measured</th><th class="num">95% interval</th></tr></thead><tbody>${e.calibration.map((c) => h`<tr><td>${c.label}${c.metric ? h` <span class="muted">${c.metric}</span>` : ''}</td><td class="num">${fmt(c.predicted)}</td><td class="num">${fmt(c.measured)}</td><td class="num">${c.low !== undefined ? `${fmt(c.low)} – ${fmt(c.high)}` : '–'}</td></tr>`)}</tbody></table></details>`,
    );
  }
  if (e.paths.length) {
    parts.push(
      h`<details><summary>All ${e.paths.length} attack paths considered</summary><table><thead><tr><th>Attacker</th><th>Path</th>${COST_HEAD.map((c) => h`<th class="num">${c}</th>`)}<th class="num">weighted</th></tr></thead><tbody>${e.paths.map((p) => h`<tr><td>${p.attacker}</td><td class="small mono">${pathText(p)}</td>${costCells(p.cost)}<td class="num">${fmt(p.weightedCost)}</td></tr>`)}</tbody></table></details>`,
    );
  }
  return h`<section id="economics"><h2>Attacker economics</h2>${parts}</section>`;
}

function campaignSection(c: CampaignView): Raw {
  const parts: Raw[] = [];
  parts.push(
    h`<p class="small muted">${c.name ? h`Campaign <b>${c.name}</b>` : 'Campaign'}${c.target ? h` against <code>${c.target}</code>` : ''}${c.seed !== undefined ? ` · seed ${c.seed}` : ''}. Rates are shares of attempts that evaded the system; intervals are 95% confidence intervals.</p>`,
  );
  if (c.tactics.length) {
    parts.push(
      h`<table><thead><tr><th>Tactic / chain</th><th class="num">Attempts</th><th class="num">Evasion rate</th><th class="num">95% CI</th><th class="num" title="answered attempts delivered unmarked / delivered but marked / sent to review / blocked">Allow / tag / review / block</th><th class="num">Cost per success</th></tr></thead><tbody>${c.tactics.map(
        (t) =>
          h`<tr><td><b>${t.name ?? t.tactic}</b>${t.chain.length > 1 ? h`<div class="finding-id">${t.chain.join(' → ')}</div>` : h`<div class="finding-id">${t.tactic}</div>`}</td><td class="num">${fmt(t.evasion.attempts)}</td>${(t.evasion.attempts ?? 1) === 0 ? h`<td class="num muted" colspan="2">no attempts</td>` : h`<td class="num">${fmtPct(t.evasion.rate)}</td><td class="num">${t.evasion.low !== undefined ? `${fmtPct(t.evasion.low)} – ${fmtPct(t.evasion.high)}` : '–'}</td>`}<td class="num">${outcomeText(t)}</td><td class="num">${fmt(t.costPerSuccess)}${t.costUnit ? ` ${t.costUnit}` : ''}</td></tr>`,
      )}</tbody></table>`,
    );
    const withCost = c.tactics.filter(
      (t) => t.costPerSuccess !== undefined && t.costPerSuccess > 0 && t.evasion.attempts !== 0,
    );
    if (withCost.length) {
      const unit = withCost.find((t) => t.costUnit)?.costUnit;
      parts.push(
        h`<div class="charts"><figure>${raw(scatterChart({ title: 'Evasion rate vs cost per success', x: { label: `cost per success${unit ? ` (${unit})` : ''}`, log: true }, y: { label: 'evasion rate', percent: true, min: 0, max: 1 }, points: withCost.map((t) => ({ x: t.costPerSuccess ?? 0, y: t.evasion.rate, label: t.name ?? t.tactic, ...(t.evasion.low !== undefined && t.evasion.high !== undefined ? { yLow: t.evasion.low, yHigh: t.evasion.high } : {}) })) }))}<figcaption>Top left is the attacker's best deal: high evasion at low cost. Whiskers: 95% confidence intervals.</figcaption></figure></div>`,
      );
    }
  }
  if (c.hardening.length) {
    const tactics = [...new Set(c.hardening.flatMap((hh) => hh.tactics.map((t) => t.tactic)))];
    parts.push(
      h`<h3>Hardening comparison</h3><table><thead><tr><th>Tactic</th>${c.hardening.map((hh) => h`<th class="num">${hh.label ?? hh.config}</th>`)}</tr></thead><tbody>${tactics.map(
        (tid) =>
          h`<tr><td>${tid}</td>${c.hardening.map((hh) => {
            const t = hh.tactics.find((x) => x.tactic === tid);
            return t
              ? h`<td class="num">${fmtPct(t.evasion.rate)}${t.evasion.low !== undefined ? h`<div class="small muted">${fmtPct(t.evasion.low)} – ${fmtPct(t.evasion.high)}</div>` : ''}</td>`
              : h`<td class="num muted">–</td>`;
          })}</tr>`,
      )}<tr><td><b>False-positive rate</b> (benign traffic)</td>${c.hardening.map((hh) => h`<td class="num"><b>${fmtPct(hh.falsePositive?.rate)}</b>${hh.falsePositive?.low !== undefined ? h`<div class="small muted">${fmtPct(hh.falsePositive.low)} – ${fmtPct(hh.falsePositive.high)}</div>` : ''}</td>`)}</tr></tbody></table>`,
    );
  }
  if (c.examples.length) {
    parts.push(h`<h3>Examples: original vs transformed</h3>`);
    for (const ex of c.examples.slice(0, 20)) {
      const ops = diffText(ex.original, ex.transformed);
      const st = diffStats(ops);
      const [left, right] = renderDiffSides(ops);
      parts.push(
        h`<div class="example"><p><b>${ex.tactic}</b>${ex.outcome ? h` · outcome <span class="pill">${ex.outcome}</span>` : ''} <span class="small muted">${st.changedTokens} token${st.changedTokens === 1 ? '' : 's'} changed${st.invisibleAdded ? `, ${st.invisibleAdded} invisible character${st.invisibleAdded === 1 ? '' : 's'} added` : ''}${st.nonAsciiAdded ? `, ${st.nonAsciiAdded} non-ASCII character${st.nonAsciiAdded === 1 ? '' : 's'} added` : ''}</span>${ex.note ? h`<br><span class="small">${ex.note}</span>` : ''}</p>
<div class="diff"><div><h4>Original</h4><pre>${raw(left)}</pre></div><div><h4>Transformed</h4><pre>${raw(right)}</pre></div></div></div>`,
      );
    }
    if (c.examples.length > 20)
      parts.push(h`<p class="small muted">${c.examples.length - 20} more examples in the campaign result.</p>`);
  }
  return h`<section id="campaign"><h2>Campaign results</h2>${parts}</section>`;
}

function suitesSection(suites: SuiteView[]): Raw {
  return h`<section id="regression"><h2>Regression suites</h2>${suites.map((s) => {
    const failed = s.cases.filter((c) => c.status === 'failed');
    const passed = s.cases.filter((c) => c.status === 'passed').length;
    return h`<h3>${s.name} <span class="small ${failed.length ? 'pill bad' : 'pill ok'}">${passed} passed, ${failed.length} failed${s.cases.length - passed - failed.length ? `, ${s.cases.length - passed - failed.length} skipped` : ''}</span></h3>
<p class="small">Ran against ${s.target ? h`target <code>${s.target}</code>` : 'an unnamed target'}: failures below are that target's, not necessarily the production system's.</p>
${failed.length ? h`<table><thead><tr><th>Failed case</th><th>Message</th></tr></thead><tbody>${failed.map((c) => h`<tr><td><b>${c.name}</b>${c.classname ? h`<div class="finding-id">${c.classname}</div>` : ''}</td><td class="small">${c.message ?? ''}</td></tr>`)}</tbody></table>` : ''}
<details><summary>All ${s.cases.length} cases</summary><table><thead><tr><th>Case</th><th>Status</th><th class="num">Time (ms)</th></tr></thead><tbody>${s.cases.map((c) => h`<tr><td>${c.name}</td><td><span class="pill ${c.status === 'failed' ? 'bad' : c.status === 'passed' ? 'ok' : ''}">${c.status}</span></td><td class="num">${fmt(c.timeMs)}</td></tr>`)}</tbody></table></details>`;
  })}</section>`;
}

function monitorSection(m: MonitorView): Raw {
  if (m.alerts.length === 0)
    return h`<section id="monitor"><h2>Monitor alerts</h2><p>The monitor check fired no alerts.</p></section>`;
  return h`<section id="monitor"><h2>Monitor alerts</h2><table><thead><tr><th>Severity</th><th>Alert</th><th>Message</th><th>Window</th><th class="num">Value</th><th class="num">Threshold</th></tr></thead><tbody>${m.alerts.map((a) => h`<tr><td>${sevBadge(a.severity)}</td><td><code>${a.rule}</code></td><td>${a.message}</td><td class="small">${a.at ?? ''}</td><td class="num">${fmt(a.value)}</td><td class="num">${fmt(a.threshold)}</td></tr>`)}</tbody></table></section>`;
}

function footer(a: ReportAnalysis): Raw {
  return h`<footer>
<p>Generated by ${a.tool.name} ${a.tool.version}. Success probabilities and costs are model estimates unless a campaign measured them; a framework mapping means the entry is relevant, not that the threat is mitigated.</p>
<p>${AIDEFEND_ATTRIBUTION}. ${AIDEFEND_NOTICE.slice(AIDEFEND_ATTRIBUTION.length + 2)}</p>
<p>${ATLAS_NOTICE}</p>
</footer>`;
}

/** Render the whole report as one HTML document. */
export function renderHtml(input: ReportInput, opts: HtmlOptions = {}): string {
  const a = input.analysis;
  const v = readViews(input);
  const base = opts.baseDir ?? (a.model.files[0] ? a.model.files[0].replace(/[\\/][^\\/]*$/, '') : undefined);
  const toc: Array<[string, string]> = [
    ['summary', 'Summary'],
    ['diagram', 'Diagram'],
    ['findings', 'Findings'],
    ['attackers', 'Attackers'],
    ...(v.economics ? ([['economics', 'Economics']] as Array<[string, string]>) : []),
    ...(v.campaign ? ([['campaign', 'Campaign']] as Array<[string, string]>) : []),
    ...(v.suites.length ? ([['regression', 'Regression']] as Array<[string, string]>) : []),
    ...(v.monitor ? ([['monitor', 'Monitor']] as Array<[string, string]>) : []),
  ];
  const body = h`<main>
${header(a, opts, base)}
<nav class="toc">${toc.map(([id, label]) => h`<a href="#${id}">${label}</a>`)}</nav>
${summarySection(a, v)}
${diagramSection(input, v)}
${findingsSection(a, base, opts.maxFindings ?? 400)}
${attackersSection(a)}
${v.economics ? economicsSection(v.economics) : ''}
${v.campaign ? campaignSection(v.campaign) : ''}
${v.suites.length ? suitesSection(v.suites) : ''}
${v.monitor ? monitorSection(v.monitor) : ''}
${footer(a)}
</main>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h`${a.tool.name} ${a.tool.version}`}">
<title>${h`Threat report: ${a.model.system.name}`}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
