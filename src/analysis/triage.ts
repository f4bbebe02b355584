/**
 * Triage: per finding (or wildcard pattern) a status, justification, ticket, owner, date and expiry, kept in the
 * model (`triage:`) or in a side file next to it. Accepted / mitigated / false-positive findings leave the gate but
 * stay visible; an expired entry re-opens its findings; an entry that matches no finding is an error (orphan).
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import type { Diagnostic, Position } from '../model/diagnostics.js';
import { ModelLoadError } from '../model/diagnostics.js';
import { issueToDiagnostic } from '../model/loader.js';
import { TriageEntry, type TriageEntryT } from '../model/schema.js';
import { YamlSource } from '../model/yaml-source.js';
import { closest } from '../util/did-you-mean.js';
import type { Finding } from './result.js';

export interface LocatedTriageEntry {
  entry: TriageEntryT;
  location: Position;
}

const SUPPRESSING = new Set(['accepted', 'mitigated', 'false-positive']);

/** `*` matches any run of characters; everything else is literal. */
export function triagePatternToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/** The side file next to a model: `system.yaml` → `system.triage.yaml`. */
export function sideTriagePath(modelFile: string): string {
  return modelFile.replace(/(\.ya?ml)?$/i, '.triage.yaml');
}

const TriageFile = z.strictObject({ 'nograd-triage': z.literal(1), triage: z.array(z.unknown()) });
/** The full shape, for "did you mean" hints on entry fields. */
const TriageFileShape = z.strictObject({ 'nograd-triage': z.literal(1), triage: z.array(TriageEntry) });

/** Read a triage side file, validating every entry with positions. */
export function loadTriageFile(file: string): LocatedTriageEntry[] {
  if (!existsSync(file)) return [];
  const src = YamlSource.read(file);
  const diags: Diagnostic[] = [...src.yamlDiagnostics];
  const out: LocatedTriageEntry[] = [];
  if (diags.length === 0) {
    const data = src.toJS() as unknown;
    const top = TriageFile.safeParse(data);
    if (!top.success) {
      for (const issue of top.error.issues) {
        diags.push({
          ...src.positionOf(issue.path),
          severity: 'error',
          code: 'type',
          message: `triage file: ${issue.message} at '${issue.path.join('.') || '(top level)'}'`,
          hint: 'a triage file is `nograd-triage: 1` and `triage:` with a list of entries',
        });
      }
    } else {
      top.data.triage.forEach((raw, i) => {
        const r = TriageEntry.safeParse(raw);
        if (!r.success) {
          for (const issue of r.error.issues) {
            diags.push(
              issueToDiagnostic(src, TriageFileShape, {
                ...issue,
                path: ['triage', i, ...issue.path],
              } as z.core.$ZodIssue),
            );
          }
        } else out.push({ entry: r.data, location: src.positionOf(['triage', i]) });
      });
    }
  }
  if (diags.length) throw new ModelLoadError(diags);
  return out;
}

/**
 * Apply triage to findings (mutates them) and return the orphan entries as diagnostics.
 * The most specific entry wins: an exact id over a wildcard, then the longer pattern, then the first listed.
 */
export function applyTriage(findings: Finding[], entries: LocatedTriageEntry[], today: string): Diagnostic[] {
  const compiled = entries.map((e, order) => ({
    ...e,
    re: triagePatternToRegExp(e.entry.finding),
    exact: !e.entry.finding.includes('*'),
    order,
  }));
  const used = new Set<number>();
  for (const f of findings) {
    const matches = compiled.filter((c) => c.re.test(f.id));
    if (matches.length === 0) continue;
    matches.sort(
      (a, b) =>
        Number(b.exact) - Number(a.exact) || b.entry.finding.length - a.entry.finding.length || a.order - b.order,
    );
    for (const m of matches) used.add(m.order);
    const best = matches[0]!;
    const expired = best.entry.expires !== undefined && best.entry.expires < today;
    const { finding: pattern, ...rest } = best.entry;
    f.triage = { ...rest, pattern, location: best.location, ...(expired ? { expired: true } : {}) };
    f.suppressed = !expired && SUPPRESSING.has(best.entry.status);
  }
  const ids = findings.map((f) => f.id);
  return compiled
    .filter((c) => !used.has(c.order))
    .map((c) => {
      const near = c.exact ? closest(c.entry.finding, ids) : undefined;
      return {
        ...c.location,
        severity: 'error' as const,
        code: 'orphan-triage',
        message: `triage entry '${c.entry.finding}' matches no finding`,
        hint: near
          ? `did you mean '${near}'? (ids are rule@component[@attacker]; see \`nograd analyze --format json\`)`
          : 'the finding may be fixed: remove the entry, or check the id with `nograd analyze --format json`',
      };
    });
}
