import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelLoadError } from '../model/diagnostics.js';
import { analyze } from './analyze.js';
import { FIXTURE_CATALOG, loadFixture } from './testing.js';
import { loadTriageFile, sideTriagePath, triagePatternToRegExp } from './triage.js';

const MODEL = `nograd: 1
system: { id: t, name: T }
components:
  - { id: inbox, kind: input-source, layer: application }
  - { id: feats, kind: feature-extraction, layer: application }
  - { id: clf, kind: model, layer: application, modality: text }
  - { id: policy, kind: policy, layer: application, properties: { threshold: 0.5 } }
flows:
  - { from: inbox, to: feats }
  - { from: feats, to: clf }
  - { from: clf, to: policy }
attackers:
  - id: spammer
    goal: evade
    target: policy
    budget: { queries: 10 }
    access:
      - { component: inbox, knowledge: perfect, read: [decision], write: [live-input] }
`;

const run = (triage: string, today = '2026-11-25') =>
  analyze(loadFixture(`${MODEL}triage:\n${triage}`), { catalog: FIXTURE_CATALOG, today });

describe('triage', () => {
  it('turns wildcards into anchored patterns', () => {
    expect(triagePatternToRegExp('no-*-layer-control@system').test('no-access-layer-control@system')).toBe(true);
    expect(triagePatternToRegExp('a.b').test('axb')).toBe(false);
    expect(triagePatternToRegExp('x').test('xx')).toBe(false);
  });

  it('suppresses accepted findings but keeps them in the result with their triage', () => {
    const r = run(
      '  - { finding: uncountered-tactics@feats@spammer, status: accepted, justification: Budget next quarter, ticket: SEC-1, owner: ana, expires: 2027-01-01 }\n',
    );
    const f = r.findings.find((x) => x.id === 'uncountered-tactics@feats@spammer')!;
    expect(f.suppressed).toBe(true);
    expect(f.triage).toMatchObject({
      status: 'accepted',
      ticket: 'SEC-1',
      owner: 'ana',
      pattern: 'uncountered-tactics@feats@spammer',
    });
    expect(f.triage!.location!.line).toBeGreaterThan(10);
    expect(r.counts.high + r.counts.critical).toBe(
      r.findings.filter((x) => !x.suppressed && ['high', 'critical'].includes(x.severity)).length,
    );
  });

  it('re-opens a finding whose acceptance expired', () => {
    const r = run('  - { finding: uncountered-tactics@feats@spammer, status: accepted, expires: 2026-01-01 }\n');
    const f = r.findings.find((x) => x.id === 'uncountered-tactics@feats@spammer')!;
    expect(f.suppressed).toBe(false);
    expect(f.triage!.expired).toBe(true);
  });

  it('keeps in-progress findings in the gate', () => {
    const r = run('  - { finding: uncountered-tactics@*, status: in-progress }\n');
    expect(
      r.findings
        .filter((x) => x.rule === 'uncountered-tactics')
        .every((x) => !x.suppressed && x.triage?.status === 'in-progress'),
    ).toBe(true);
  });

  it('prefers an exact entry over a wildcard', () => {
    const r = run(
      '  - { finding: "*@spammer", status: in-progress }\n  - { finding: uncountered-tactics@feats@spammer, status: false-positive }\n',
    );
    expect(r.findings.find((x) => x.id === 'uncountered-tactics@feats@spammer')!.triage!.status).toBe('false-positive');
  });

  it('reports an entry that matches no finding, at its position, with a suggestion', () => {
    try {
      run('  - { finding: uncountered-tactics@featz@spammer, status: accepted }\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ModelLoadError);
      const d = (e as ModelLoadError).diagnostics[0]!;
      expect(d.code).toBe('orphan-triage');
      expect(d.line).toBe(20);
      expect(d.hint).toMatch(/did you mean 'uncountered-tactics@feats@spammer'/);
    }
  });

  it('reads a side file with positions, and rejects a broken one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'triage-'));
    const file = join(dir, 'm.triage.yaml');
    expect(sideTriagePath(join(dir, 'm.yaml'))).toBe(file);
    writeFileSync(file, 'nograd-triage: 1\ntriage:\n  - { finding: "x@y", status: accepted }\n');
    expect(loadTriageFile(file)[0]).toMatchObject({ entry: { finding: 'x@y' }, location: { line: 3 } });
    writeFileSync(file, 'nograd-triage: 1\ntriage:\n  - { finding: "x@y", status: acepted }\n');
    expect(() => loadTriageFile(file)).toThrow(ModelLoadError);
    expect(loadTriageFile(join(dir, 'missing.yaml'))).toEqual([]);
  });
});
