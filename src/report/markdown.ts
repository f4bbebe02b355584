/**
 * Markdown for pull-request comments: compact (verdict, counts, cheapest paths, recommendations, top findings),
 * with everything else in collapsible `<details>`. All user text is escaped for GitHub-flavoured Markdown
 * (`escMd`: no tags, links, images, emphasis, mentions or autolinks from model text); ids and paths are code spans.
 * The output stays under `maxChars` (GitHub's comment limit is 65,536) by dropping detail sections, last first.
 */

import type { Finding, AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
import { AIDEFEND_ATTRIBUTION } from '../catalog/aidefend.js';
import { escMd, mdCode } from '../util/escape.js';

/** A code span inside a table cell (see `cell`). */
const codeCell = (v: unknown): string => cell(mdCode(v));

import { displayPath } from './html/render.js';
import { type ReportInput, type ReportViews, readViews } from './inputs.js';
import {
  aidefendHref,
  atlasHref,
  attackerHeadlines,
  fmt,
  fmtCost,
  fmtPct,
  SEVERITY_DESC,
  topControls,
  verdictOf,
} from './summary.js';
import { outcomeText } from './views.js';

export interface MarkdownOptions {
  /** Findings in the top table (default 10). */
  topFindings?: number;
  /** Upper bound on the output length (default 60,000 characters). */
  maxChars?: number;
  baseDir?: string;
}

/**
 * Make text safe inside a GFM table cell: a pipe splits cells unless a backslash escapes it, even inside code
 * spans. Only unescaped pipes (after an even run of backslashes) get one, so text escMd already escaped is not
 * escaped twice (`\\|` would be an escaped backslash and a live pipe).
 */
function cell(s: string): string {
  return s.replace(/(\\*)\|/g, (m, bs: string) => (bs.length % 2 === 0 ? `${bs}\\|` : m));
}

function atlasMd(ids: string[]): string {
  return ids
    .map((id) => {
      const href = atlasHref(id);
      return href ? `[${id}](${href})` : escMd(id);
    })
    .join(' ');
}

function aidefendMd(ids: string[]): string {
  return ids
    .map((id) => {
      const href = aidefendHref(id);
      return href ? `[${id}](${href})` : escMd(id);
    })
    .join(' ');
}

function findingsTable(list: Finding[], base: string | undefined, frameworks: boolean): string {
  const head = frameworks
    ? '| Severity | Finding | Location | Remediation | ATLAS | AIDEFEND |\n|---|---|---|---|---|---|'
    : '| Severity | Finding | Location | Remediation |\n|---|---|---|---|';
  const rows = list.map((f) => {
    const cells = [
      `**${f.severity.toUpperCase()}**`,
      `**${escMd(f.title)}**<br>${escMd(f.message)}<br>${codeCell(f.id)}${f.triage ? ` _(${escMd(f.triage.status)}${f.triage.justification ? `: ${escMd(f.triage.justification)}` : ''})_` : ''}`,
      codeCell(`${displayPath(f.location.file, base)}:${f.location.line}:${f.location.col}`),
      f.remediation.map((r) => escMd(r.name)).join(', ') || '–',
      ...(frameworks ? [atlasMd(f.frameworks.atlas) || '–', aidefendMd(f.frameworks.aidefend) || '–'] : []),
    ];
    return `| ${cells.map(cell).join(' | ')} |`;
  });
  return [head, ...rows].join('\n');
}

function details(summary: string, body: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}

function attackerDetails(a: ReportAnalysis): string {
  return a.attackers
    .map((at) => {
      const prim = at.uncountered.filter((u) => u.primary);
      const list = (prim.length ? prim : at.uncountered).sort(
        (x, y) => y.successProbability - x.successProbability || x.tactic.localeCompare(y.tactic),
      );
      const rows = list.map(
        (t) =>
          `| ${cell(escMd(t.tacticName))} ${codeCell(t.tactic)} | ${codeCell(t.component)} | ${fmtPct(t.successProbability)} | ${fmtPct(t.plannedSuccessProbability)} | ${cell(escMd(fmtCost(t.cost)))} |`,
      );
      return `**${escMd(at.attacker)}** (${escMd(at.goal)} → ${mdCode(at.target)}): ${list.length} uncountered\n\n${rows.length ? `| Tactic | Component | Success today | With planned | Cost per attempt |\n|---|---|---|---|---|\n${rows.join('\n')}` : '_none_'}`;
    })
    .join('\n\n');
}

function extensionDetails(v: ReportViews): string[] {
  const out: string[] = [];
  const e = v.economics;
  if (e?.recommendations.length) {
    const rows = e.recommendations.map(
      (r, i) =>
        `| ${i + 1} | ${cell(escMd(r.name ?? r.control))} ${codeCell(r.control)} | ${cell(escMd(r.components.join(', ')))} | ${fmt(r.attackerCostIncrease)} | ${fmt(r.defenderCost)} | ${cell(escMd(r.why ?? ''))} |`,
    );
    out.push(
      details(
        `Recommended controls (${e.recommendations.length})`,
        `| # | Control | On | Attacker cost increase | Defender cost | Why |\n|---|---|---|---|---|---|\n${rows.join('\n')}`,
      ),
    );
  }
  if (e?.calibration.length) {
    const rows = e.calibration.map(
      (c) =>
        `| ${cell(escMd(c.label))} | ${fmt(c.predicted)} | ${fmt(c.measured)} | ${c.low !== undefined ? `${fmt(c.low)} – ${fmt(c.high)}` : '–'} |`,
    );
    for (const line of e.calibrationVerdict ?? []) out.push(`> ${escMd(line)}`);
    out.push(
      details(
        'Predicted vs measured',
        `| Estimate | Predicted | Measured | 95% CI |\n|---|---|---|---|\n${rows.join('\n')}`,
      ),
    );
  }
  const c = v.campaign;
  if (c?.tactics.length) {
    const rows = c.tactics.map(
      (t) =>
        `| ${cell(escMd(t.name ?? t.tactic))} | ${fmt(t.evasion.attempts)} | ${fmtPct(t.evasion.rate)} | ${t.evasion.low !== undefined ? `${fmtPct(t.evasion.low)} – ${fmtPct(t.evasion.high)}` : '–'} | ${outcomeText(t)} | ${fmt(t.costPerSuccess)}${t.costUnit ? ` ${escMd(t.costUnit)}` : ''} |`,
    );
    out.push(
      details(
        `Campaign${c.name ? ` ${escMd(c.name)}` : ''}: evasion per tactic (${c.tactics.length})`,
        `| Tactic | Attempts | Evasion | 95% CI | Allow / tag / review / block | Cost per success |\n|---|---|---|---|---|---|\n${rows.join('\n')}`,
      ),
    );
  }
  if (c?.hardening.length) {
    const head = `| Config | False-positive rate | Mean evasion |\n|---|---|---|`;
    const rows = c.hardening.map((hh) => {
      const mean = hh.tactics.length
        ? hh.tactics.reduce((s, t) => s + t.evasion.rate, 0) / hh.tactics.length
        : undefined;
      return `| ${cell(escMd(hh.label ?? hh.config))} | ${fmtPct(hh.falsePositive?.rate)} | ${fmtPct(mean)} |`;
    });
    out.push(details('Hardening comparison', `${head}\n${rows.join('\n')}`));
  }
  for (const s of v.suites) {
    const failed = s.cases.filter((x) => x.status === 'failed');
    const rows = failed.map((x) => `| ${cell(escMd(x.name))} | ${cell(escMd(x.message ?? ''))} |`);
    out.push(
      details(
        `Regression ${escMd(s.name)}: ${s.cases.length - failed.length} passed, ${failed.length} failed`,
        failed.length ? `| Failed case | Message |\n|---|---|\n${rows.join('\n')}` : 'All cases passed.',
      ),
    );
  }
  if (v.monitor?.alerts.length) {
    const rows = v.monitor.alerts.map(
      (al) => `| ${escMd(al.severity)} | ${codeCell(al.rule)} | ${cell(escMd(al.message))} | ${escMd(al.at ?? '')} |`,
    );
    out.push(
      details(
        `Monitor alerts (${v.monitor.alerts.length})`,
        `| Severity | Alert | Message | When |\n|---|---|---|---|\n${rows.join('\n')}`,
      ),
    );
  }
  return out;
}

/** Render a compact Markdown report (for a pull-request comment). Accepts a bare analysis result too. */
export function renderMarkdown(input: ReportInput | ReportAnalysis, opts: MarkdownOptions = {}): string {
  const inp: ReportInput = 'analysis' in input ? input : { analysis: input };
  const a = inp.analysis;
  const v = readViews(inp);
  const base = opts.baseDir ?? (a.model.files[0] ? a.model.files[0].replace(/[\\/][^\\/]*$/, '') : undefined);
  const verdict = verdictOf(a);
  const open = a.findings.filter((f) => !f.suppressed);
  const suppressed = a.findings.filter((f) => f.suppressed);
  const topN = opts.topFindings ?? 10;

  const head: string[] = [];
  head.push(`## nograd threat report: ${escMd(a.model.system.name)}`);
  head.push(`**${escMd(verdict.headline)}**`);
  head.push(
    `| ${SEVERITY_DESC.join(' | ')} | suppressed |\n|${SEVERITY_DESC.map(() => '---:').join('|')}|---:|\n| ${SEVERITY_DESC.map((s) => a.counts[s] ?? 0).join(' | ')} | ${suppressed.length} |`,
  );
  if (a.posture) {
    head.push(
      `Open tactic uses: **${a.posture.today.open}** today → **${a.posture.planned.open}** with the ${a.posture.planned.plannedControls.length} planned controls${a.posture.planned.resolved.length ? ` (resolves ${a.posture.planned.resolved.length} findings)` : ''}.`,
    );
  }
  const heads = attackerHeadlines(a, v.economics);
  if (heads.length) {
    const lines = heads.map((hd) =>
      hd.path
        ? `- **${escMd(hd.attacker)}** (${escMd(hd.goal)} → ${mdCode(hd.target)}): ${hd.path.steps.map((s) => mdCode(s.tactic ? `${s.tactic} @ ${s.component}` : s.component)).join(' → ')}, cost ${escMd(fmtCost(hd.path.cost))}`
        : `- **${escMd(hd.attacker)}** (${escMd(hd.goal)} → ${mdCode(hd.target)}): ${hd.uncountered} of ${hd.applicable} applicable tactics uncountered${hd.likeliest ? `; likeliest ${escMd(hd.likeliest.tacticName)} on ${mdCode(hd.likeliest.component)} (${fmtPct(hd.likeliest.successProbability)} per attempt, ${escMd(fmtCost(hd.likeliest.cost))})` : ''}`,
    );
    head.push(`### ${v.economics ? 'Cheapest path per attacker' : 'Per attacker'}\n${lines.join('\n')}`);
  }
  const tops = topControls(a, v.economics, 3);
  if (tops.length) {
    head.push(
      `### Top recommended controls\n${tops.map((t, i) => `${i + 1}. **${escMd(t.name)}** ${mdCode(t.control)}: ${escMd(t.reason)}`).join('\n')}`,
    );
  }
  if (open.length) {
    head.push(
      `### Top findings\n${findingsTable(open.slice(0, topN), base, false)}${open.length > topN ? `\n\n_${open.length - topN} more below._` : ''}`,
    );
  } else head.push('No open findings.');

  const more: string[] = [];
  if (open.length > topN) more.push(details(`All ${open.length} open findings`, findingsTable(open, base, true)));
  if (a.attackers.length) more.push(details('Uncountered tactics per attacker', attackerDetails(a)));
  more.push(...extensionDetails(v));
  if (suppressed.length)
    more.push(details(`Suppressed by triage (${suppressed.length})`, findingsTable(suppressed, base, false)));

  const foot = `<sub>${escMd(a.tool.name)} ${escMd(a.tool.version)} · ATLAS ${escMd(a.catalog.atlasVersion)} (MITRE ATLAS™, Apache-2.0) · ${escMd(AIDEFEND_ATTRIBUTION)}</sub>`;
  const max = opts.maxChars ?? 60_000;
  const compose = (sections: string[], dropped: number) =>
    [
      ...head,
      ...sections,
      ...(dropped
        ? [
            `_${dropped} detail section${dropped === 1 ? '' : 's'} left out to fit the comment size limit; see the HTML report._`,
          ]
        : []),
      foot,
    ].join('\n\n');
  let kept = more;
  let out = compose(kept, 0);
  while (out.length > max && kept.length > 0) {
    kept = kept.slice(0, -1);
    out = compose(kept, more.length - kept.length);
  }
  if (out.length > max) out = `${out.slice(0, max - 80)}\n\n_…truncated to fit the comment size limit._`;
  return `${out}\n`;
}
