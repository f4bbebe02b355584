/** Framework references: ids well-formed, present in the pinned tables, names taken from the tables. */
import { describe, expect, it } from 'vitest';
import {
  AIDEFEND_ATTRIBUTION,
  AIDEFEND_ENTRIES,
  AIDEFEND_ID_PATTERN,
  AIDEFEND_NOTICE,
  AIDEFEND_VERSION,
} from './aidefend.js';
import {
  ATLAS_ID_PATTERN,
  ATLAS_MITIGATIONS,
  ATLAS_NOTICE,
  ATLAS_TECHNIQUES,
  ATLAS_VERSION,
  atlasName,
  atlasParent,
} from './atlas.js';
import { CONTROLS, TACTICS } from './index.js';

const techniques: Record<string, string> = ATLAS_TECHNIQUES;
const mitigations: Record<string, string> = ATLAS_MITIGATIONS;
const entries: Record<string, string> = AIDEFEND_ENTRIES;

describe('MITRE ATLAS references', () => {
  it('pins release 5.6.0 and carries the Apache-2.0 notice', () => {
    expect(ATLAS_VERSION).toBe('5.6.0');
    expect(ATLAS_NOTICE).toContain('Apache License 2.0');
    expect(ATLAS_NOTICE).toContain(ATLAS_VERSION);
  });

  it('has well-formed ids in its tables', () => {
    for (const id of [...Object.keys(techniques), ...Object.keys(mitigations)]) expect(id).toMatch(ATLAS_ID_PATTERN);
    for (const id of Object.keys(techniques)) expect(id.startsWith('AML.T')).toBe(true);
    for (const id of Object.keys(mitigations)) expect(id.startsWith('AML.M')).toBe(true);
  });

  it('maps every tactic only to techniques in the table', () => {
    for (const t of TACTICS) {
      for (const id of t.atlas) {
        expect(id, t.id).toMatch(ATLAS_ID_PATTERN);
        expect(techniques[id], `${t.id} uses ${id}`).toBeDefined();
      }
      expect(new Set(t.atlas).size, `${t.id} lists an id twice`).toBe(t.atlas.length);
    }
  });

  it('maps controls only to mitigations in the table, with the table’s name', () => {
    for (const c of CONTROLS) {
      for (const ref of c.atlasMitigations) {
        expect(ref.id, c.id).toMatch(ATLAS_ID_PATTERN);
        expect(mitigations[ref.id], `${c.id} uses ${ref.id}`).toBe(ref.name);
      }
    }
  });

  it('lists only ids the catalog uses (or parents of used sub-techniques)', () => {
    const used = new Set([
      ...TACTICS.flatMap((t) => t.atlas),
      ...CONTROLS.flatMap((c) => c.atlasMitigations.map((r) => r.id)),
    ]);
    const parents = new Set([...used].map(atlasParent).filter((p): p is string => p !== undefined));
    for (const id of [...Object.keys(techniques), ...Object.keys(mitigations)]) {
      expect(used.has(id) || parents.has(id), `${id} is unused`).toBe(true);
    }
  });

  it('looks up names and parents', () => {
    expect(atlasName('AML.T0043.003')).toBe('Manual Modification');
    expect(atlasName('AML.M0004')).toBe('Restrict Number of AI Model Queries');
    expect(atlasName('AML.T9999')).toBeUndefined();
    expect(atlasParent('AML.T0043.003')).toBe('AML.T0043');
    expect(atlasParent('AML.T0043')).toBeUndefined();
  });
});

describe('AIDEFEND references', () => {
  it('pins data release 2026.06.25 and carries the required attribution verbatim', () => {
    expect(AIDEFEND_VERSION).toBe('2026.06.25');
    expect(AIDEFEND_ATTRIBUTION).toBe(
      'AIDEFEND AI Defense Framework, created by Edward Lee, https://aidefend.net, licensed under CC BY 4.0',
    );
    expect(AIDEFEND_NOTICE.startsWith(AIDEFEND_ATTRIBUTION)).toBe(true);
    expect(AIDEFEND_NOTICE).toContain(AIDEFEND_VERSION);
  });

  it('maps controls only to well-formed entries of the table, with the table’s name', () => {
    for (const id of Object.keys(entries)) expect(id).toMatch(AIDEFEND_ID_PATTERN);
    for (const c of CONTROLS) {
      for (const ref of c.aidefend) {
        expect(ref.id, c.id).toMatch(AIDEFEND_ID_PATTERN);
        expect(entries[ref.id], `${c.id} uses ${ref.id}`).toBe(ref.name);
      }
      expect(new Set(c.aidefend.map((r) => r.id)).size, c.id).toBe(c.aidefend.length);
    }
  });

  it('lists only entries the catalog uses', () => {
    const used = new Set(CONTROLS.flatMap((c) => c.aidefend.map((r) => r.id)));
    for (const id of Object.keys(entries)) expect(used.has(id), `${id} is unused`).toBe(true);
  });

  it('rejects malformed ids with the patterns', () => {
    expect('AID-X-001').not.toMatch(AIDEFEND_ID_PATTERN);
    expect('AID-H-2.002').not.toMatch(AIDEFEND_ID_PATTERN);
    expect('AML.TA0007').not.toMatch(ATLAS_ID_PATTERN);
  });
});
