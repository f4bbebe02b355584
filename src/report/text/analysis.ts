/** The terminal summary of an analysis: what a security engineer reads first. */

import type { AnalysisResult, Finding } from '../../analysis/result.js';
import { formatPosition } from '../../model/diagnostics.js';
import type { Severity } from '../../model/vocabulary.js';
import type { TextStyle } from '../../util/text-style.js';

export type { TextStyle };

const SEV_ORDER: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

function sevLabel(s: Severity, st: TextStyle): string {
  const t = s.toUpperCase().padEnd(8);
  return s === 'critical' || s === 'high' ? st.red(t) : s === 'medium' ? st.yellow(t) : st.dim(t);
}

function findingLines(f: Finding, st: TextStyle, cwd: string): string[] {
  const lines = [
    `${sevLabel(f.severity, st)} ${st.bold(f.id)}  ${st.dim(formatPosition(f.location, cwd))}`,
    `         ${f.message}`,
  ];
  if (f.remediation.length) lines.push(`         ${st.green('fix:')} ${f.remediation.map((r) => r.name).join('; ')}`);
  const fw = [...f.frameworks.atlas, ...f.frameworks.aidefend];
  if (fw.length) lines.push(`         ${st.dim(fw.join(' '))}`);
  if (f.triage)
    lines.push(
      `         ${st.cyan(`triage: ${f.triage.status}${f.triage.expired ? ' (EXPIRED, re-opened)' : ''}${f.triage.justification ? ` — ${f.triage.justification}` : ''}`)}`,
    );
  return lines;
}

export function renderAnalysisText(
  r: AnalysisResult,
  st: TextStyle,
  opts: { cwd?: string; verbose?: boolean } = {},
): string {
  const cwd = opts.cwd ?? process.cwd();
  const out: string[] = [];
  const active = r.findings.filter((f) => !f.suppressed);
  const suppressed = r.findings.filter((f) => f.suppressed);
  out.push(st.bold(`nograd analysis — ${r.model.system.name} (${r.model.system.id})`));
  out.push(
    `${r.model.summary.counts.components} components · ${r.model.summary.counts.attackers} attackers · ${r.catalog.tactics} catalog tactics · ATLAS ${r.catalog.atlasVersion} · AIDEFEND ${r.catalog.aidefendVersion}`,
  );
  out.push(
    `findings: ${SEV_ORDER.map((s) => `${r.counts[s]} ${s}`).join(', ')}${suppressed.length ? ` (+${suppressed.length} suppressed by triage)` : ''}`,
  );
  const pl = r.posture.planned;
  if (pl.plannedControls.length) {
    out.push(
      `posture: ${r.posture.today.open} open tactic uses today → ${pl.open} with planned controls (${pl.plannedControls.join(', ')}); ${pl.resolved.length} finding${pl.resolved.length === 1 ? '' : 's'} resolved by the plan`,
    );
  }
  out.push('');
  out.push(st.bold('Where practical attackers get through'));
  if (r.attackers.length === 0)
    out.push('  no attackers modeled: add `attackers:` with per-component access to see applicable tactics and paths');
  for (const a of r.attackers) {
    const comps = new Map<string, string[]>();
    for (const u of a.uncountered.filter((x) => x.primary))
      comps.set(u.component, [...(comps.get(u.component) ?? []), u.tactic]);
    const tactics = a.applicable.filter((x) => x.primary);
    const open = a.uncountered.filter((x) => x.primary);
    out.push(
      `  ${st.bold(a.attacker)} (${a.goal} → ${a.target}): ${tactics.length} applicable tactics, ${tactics.length - open.length} countered, ${open.length} open`,
    );
    const rows = [...comps.entries()].sort((x, y) => y[1].length - x[1].length);
    for (const [c, ts] of opts.verbose ? rows : rows.slice(0, 6)) out.push(`    ${c.padEnd(22)} ${ts.join(', ')}`);
    if (!opts.verbose && rows.length > 6) out.push(st.dim(`    … ${rows.length - 6} more components (--verbose)`));
  }
  out.push('');
  out.push(st.bold('Findings'));
  if (active.length === 0) out.push('  none');
  for (const f of active) out.push(...findingLines(f, st, cwd));
  if (suppressed.length) {
    out.push('', st.bold('Suppressed by triage (still listed, out of the gate)'));
    for (const f of suppressed) out.push(...findingLines(f, st, cwd));
  }
  return out.join('\n');
}
