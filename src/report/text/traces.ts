/**
 * Plain-text summaries of an ingest and of a mining run, for the terminal. Pure: they return strings, the CLI
 * prints them.
 */
import type { BuildSuiteStats } from '../../regress/build-suite.js';
import { formatBadRow, formatPlace, type IngestSummary } from '../../traces/ingest.js';
import type { MiningResult } from '../../traces/mine.js';

export interface TextStyle {
  bold(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
}

const PLAIN: TextStyle = { bold: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s };

export function formatIngestSummary(s: IngestSummary, style: TextStyle = PLAIN, title = 'decision log'): string {
  const lines: string[] = [];
  const n = (x: number) => x.toLocaleString('en-US');
  lines.push(
    `${style.bold(title)}: ${n(s.rows)} rows in ${s.files.length} file${s.files.length === 1 ? '' : 's'} · ${n(s.validRows)} good · ${
      s.badRows ? style.yellow(`${n(s.badRows)} bad`) : '0 bad'
    }`,
  );
  if (s.timeRange) lines.push(`  time range  ${s.timeRange.from} → ${s.timeRange.to}`);
  const decisions = Object.entries(s.decisions);
  if (decisions.length) lines.push(`  decisions   ${decisions.map(([d, c]) => `${d} ${n(c)}`).join(' · ')}`);
  if (s.modelVersions.length)
    lines.push(`  models      ${s.modelVersions.map((m) => `${m.version} (${n(m.rows)})`).join(' · ')}`);
  if (s.badRows) {
    lines.push(`  bad rows by problem:`);
    for (const k of s.badByKind.slice(0, 10)) lines.push(`    ${String(k.count).padStart(8)}  ${k.field}: ${k.kind}`);
    lines.push(`  first bad rows:`);
    for (const b of s.badSamples) lines.push(`    ${formatBadRow(b)}`);
    if (s.badRows > s.badSamples.length) lines.push(style.dim(`    … and ${n(s.badRows - s.badSamples.length)} more`));
  }
  const dup = s.duplicateIds;
  if (dup.ids) {
    lines.push(
      style.yellow(
        `  warning: ${n(dup.ids)} id${dup.ids === 1 ? '' : 's'} appear${dup.ids === 1 ? 's' : ''} in more than one row (${n(dup.extraRows)} extra row${dup.extraRows === 1 ? '' : 's'}, all kept):`,
      ),
    );
    for (const d of dup.samples) lines.push(`    '${d.id}' at ${d.rows.map((r) => formatPlace(r)).join(', ')}`);
  }
  for (const f of s.emptyMappedFields) {
    lines.push(
      style.yellow(`  warning: mapped field '${f}' is empty in every good row — check its source name in the mapping`),
    );
  }
  if (s.skippedFiles.length) {
    lines.push(
      style.dim(
        `  skipped ${s.skippedFiles.length} file(s) with unknown extensions: ${s.skippedFiles.slice(0, 5).join(', ')}`,
      ),
    );
  }
  return lines.join('\n');
}

export function formatMiningReport(mining: MiningResult, stats: BuildSuiteStats, style: TextStyle = PLAIN): string {
  const lines: string[] = [style.bold('miners')];
  for (const m of mining.miners) {
    lines.push(
      m.skipped
        ? style.dim(`  ${m.name.padEnd(17)} skipped: ${m.skipped}`)
        : `  ${m.name.padEnd(17)} ${String(m.matched).padStart(9)} rows matched → ${m.kept} kept`,
    );
  }
  if (mining.baseline) lines.push(`  baseline until ${mining.baseline.until} (${mining.baseline.why})`);
  const r = stats.redactions;
  lines.push(
    `${style.bold('suite')}: ${style.green(String(stats.cases))} cases (${stats.knownFailures} known failures) from ${stats.candidates} candidates; ${stats.duplicates} duplicates merged` +
      (stats.withoutInput ? style.yellow(`; ${stats.withoutInput} without input or inputRef skipped`) : ''),
  );
  if (stats.contested)
    lines.push(
      `  contested   ${stats.contested} cases carry only a user report (attacker-writable): recorded, not used as the expectation`,
    );
  lines.push(`  redacted    ${r.emails} e-mail addresses · ${r.phones} phone numbers · ${r.patterns} pattern matches`);
  return lines.join('\n');
}
