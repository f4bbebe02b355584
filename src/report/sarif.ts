/**
 * SARIF 2.1.0 for code scanning: one run, tool driver `nograd` with one reportingDescriptor per rule, one result
 * per finding pointing at the model YAML (file:line:col), so GitHub code scanning and other SARIF viewers annotate
 * the model file in a pull request.
 *
 * Mapping (docs/reports.md): severity → level (critical/high → error, medium → warning, low/info → note) and
 * `properties.security-severity` (critical 9.5, high 8.0, medium 5.5, low 3.0, info 0.0); the stable finding id →
 * `partialFingerprints["nogradFindingId/v1"]`; remediation → rule help and result fixes text; ATLAS ids → rule
 * tags; suppressed findings → `suppressions` (inSource when the triage entry sits in a model file, else external).
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
import { BUILTIN_RULES } from '../analysis/rules/index.js';
import type { Severity } from '../model/vocabulary.js';
import { revealInvisible } from '../util/escape.js';
import { atlasHref } from './summary.js';

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SARIF_BASE_ID = '%SRCROOT%';

export interface RuleMeta {
  id: string;
  title: string;
  description?: string;
  severity?: Severity;
  severityReason?: string;
}

export interface SarifOptions {
  /** Artifact URIs are relative to this directory (default: the current working directory). */
  baseDir?: string;
  /** Rule metadata (default: the built-in rules); rules not listed are described from their findings. */
  rules?: readonly RuleMeta[];
  /** Include `originalUriBaseIds` with the absolute base directory (default true). */
  includeBaseUri?: boolean;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

/** A relative URI (forward slashes, percent-encoded) when the file is inside base, else an absolute file: URI. */
export function artifactLocation(file: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const rel = relative(baseDir, file);
  if (rel && !rel.startsWith('..') && !/^[A-Za-z]:/.test(rel) && !rel.startsWith(sep)) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SARIF_BASE_ID };
  }
  return { uri: pathToFileURL(file).href };
}

function region(line: number, col: number): { startLine: number; startColumn: number } {
  return { startLine: Math.max(1, Math.trunc(line) || 1), startColumn: Math.max(1, Math.trunc(col) || 1) };
}

function builtinMeta(): RuleMeta[] {
  return BUILTIN_RULES.map((r) => ({
    id: r.id,
    title: r.title,
    description: r.description,
    severity: r.severity,
    severityReason: r.severityReason,
  }));
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: Array<Record<string, unknown>>;
}

/** Render an analysis result as a SARIF 2.1.0 log object. */
export function toSarif(a: ReportAnalysis, opts: SarifOptions = {}): SarifLog {
  const base = opts.baseDir ?? process.cwd();
  const meta = new Map((opts.rules ?? builtinMeta()).map((r) => [r.id, r]));
  const byRule = new Map<string, Finding[]>();
  for (const f of a.findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const ruleIds = [...byRule.keys()].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules = ruleIds.map((id) => {
    const fs = byRule.get(id) ?? [];
    const m = meta.get(id);
    const first = fs[0];
    const severity = m?.severity ?? first?.severity ?? 'medium';
    const atlas = [...new Set(fs.flatMap((f) => f.frameworks.atlas))].sort();
    const aidefend = [...new Set(fs.flatMap((f) => f.frameworks.aidefend))].sort();
    const remediation = [...new Map(fs.flatMap((f) => f.remediation).map((r) => [r.control, r])).values()];
    const title = m?.title ?? first?.title ?? id;
    const description = m?.description ?? first?.severityReason ?? title;
    const helpText = [
      description,
      remediation.length
        ? `Remediation: ${remediation.map((r) => `${r.name} (${r.control})${r.why ? `: ${r.why}` : ''}`).join('; ')}.`
        : '',
      atlas.length ? `MITRE ATLAS: ${atlas.join(', ')}.` : '',
      aidefend.length ? `AIDEFEND: ${aidefend.join(', ')}.` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const helpMd = [
      description,
      remediation.length
        ? `**Remediation**\n\n${remediation.map((r) => `- ${r.name} (\`${r.control}\`)${r.why ? `: ${r.why}` : ''}`).join('\n')}`
        : '',
      atlas.length
        ? `**MITRE ATLAS**: ${atlas.map((x) => (atlasHref(x) ? `[${x}](${atlasHref(x)})` : x)).join(', ')}`
        : '',
      aidefend.length ? `**AIDEFEND**: ${aidefend.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const firstAtlas = atlas.map(atlasHref).find((u) => u !== undefined);
    return {
      id,
      name: pascal(id) || 'Rule',
      shortDescription: { text: title },
      fullDescription: { text: description },
      ...(firstAtlas ? { helpUri: firstAtlas } : {}),
      help: { text: helpText, markdown: helpMd },
      defaultConfiguration: { level: LEVEL[severity] ?? 'warning' },
      properties: {
        tags: ['security', 'threat-model', 'ml', ...atlas, ...aidefend],
        precision: 'high',
        'problem.severity': LEVEL[severity] === 'note' ? 'recommendation' : LEVEL[severity],
        'security-severity': SECURITY_SEVERITY[severity] ?? '5.5',
        ...(m?.severityReason ? { severityReason: m.severityReason } : {}),
        source: first?.source ?? 'builtin',
      },
    };
  });
  const modelFiles = new Set(a.model.files);
  const results = a.findings.map((f) => {
    const loc = artifactLocation(f.location.file, base);
    const related = f.evidence
      .filter((e) => e.location)
      .map((e, i) => ({
        id: i + 1,
        physicalLocation: {
          artifactLocation: artifactLocation(e.location?.file ?? f.location.file, base),
          region: region(e.location?.line ?? 1, e.location?.col ?? 1),
        },
        message: { text: e.fact },
      }));
    const triage = f.triage;
    const suppressions =
      f.suppressed && triage
        ? [
            {
              kind: triage.location && modelFiles.has(triage.location.file) ? 'inSource' : 'external',
              status: 'accepted',
              justification: [
                triage.status,
                triage.justification,
                triage.ticket ? `ticket ${triage.ticket}` : '',
                triage.owner ? `owner ${triage.owner}` : '',
                triage.expires ? `until ${triage.expires}` : '',
              ]
                .filter(Boolean)
                .join(': '),
              ...(triage.location
                ? {
                    location: {
                      physicalLocation: {
                        artifactLocation: artifactLocation(triage.location.file, base),
                        region: region(triage.location.line, triage.location.col),
                      },
                    },
                  }
                : {}),
              properties: { status: triage.status, pattern: triage.pattern },
            },
          ]
        : f.suppressed
          ? [{ kind: 'external', status: 'accepted' }]
          : undefined;
    return {
      ruleId: f.rule,
      ruleIndex: ruleIndex.get(f.rule) ?? 0,
      level: LEVEL[f.severity] ?? 'warning',
      message: {
        text: `${f.message}${f.remediation.length ? ` Remediation: ${f.remediation.map((r) => r.name).join(', ')}.` : ''}`,
      },
      locations: [
        {
          physicalLocation: { artifactLocation: loc, region: region(f.location.line, f.location.col) },
          ...(f.component
            ? {
                logicalLocations: [
                  { name: f.component, kind: 'member', fullyQualifiedName: `${a.model.system.id}.${f.component}` },
                ],
              }
            : {}),
        },
      ],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { 'nogradFindingId/v1': f.id },
      ...(suppressions ? { suppressions } : {}),
      properties: {
        findingId: f.id,
        severity: f.severity,
        severityReason: f.severityReason,
        ...(f.component ? { component: f.component } : {}),
        ...(f.attacker ? { attacker: f.attacker } : {}),
        atlas: f.frameworks.atlas,
        aidefend: f.frameworks.aidefend,
        remediation: f.remediation.map((r) => r.control),
        ...(triage ? { triage: triage.status } : {}),
      },
    };
  });
  const artifacts = a.model.files.map((file) => ({
    location: artifactLocation(file, base),
    roles: ['analysisTarget'],
    mimeType: 'application/yaml',
  }));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: 'nograd',
        semanticVersion: a.tool.version,
        version: a.tool.version,
        rules,
      },
    },
    ...(opts.includeBaseUri === false
      ? {}
      : {
          originalUriBaseIds: {
            [SARIF_BASE_ID]: { uri: pathToFileURL(base.endsWith(sep) ? base : `${base}${sep}`).href },
          },
        }),
    artifacts,
    results,
    columnKind: 'unicodeCodePoints',
    automationDetails: { id: `nograd/${a.model.system.id}/` },
    properties: {
      system: a.model.system.id,
      catalog: a.catalog,
      counts: a.counts,
    },
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

/** Render an analysis result as SARIF 2.1.0 JSON text. */
export function renderSarif(a: ReportAnalysis, opts: SarifOptions = {}): string {
  // Every string from the model (messages, names, justifications) with bidi, invisible and C1 characters marked:
  // code-scanning UIs and terminals show these texts.
  return `${JSON.stringify(toSarif(a, opts), (_k, v) => (typeof v === 'string' ? revealInvisible(v) : v), 2)}\n`;
}
