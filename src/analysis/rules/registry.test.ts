/**
 * Self-check of the rule registry (RULES): keys are the rules' ids, each id once, and every rule carries complete
 * metadata — remediation that names catalog controls and ATLAS ids that exist.
 */
import { describe, expect, it } from 'vitest';
import { ATLAS_ID_PATTERN } from '../../catalog/atlas.js';
import { getControl } from '../../catalog/index.js';
import { SEVERITIES } from '../../model/vocabulary.js';
import { BUILTIN_RULES, RULES } from './index.js';

describe('RULES registry', () => {
  it('keys equal the rules’ ids, each id once, in kebab case', () => {
    for (const [key, rule] of Object.entries(RULES)) expect(rule.id, key).toBe(key);
    const ids = BUILTIN_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(Object.keys(RULES));
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it('gives every rule its metadata: title, severity with a reason, description, known controls and ATLAS ids', () => {
    for (const r of BUILTIN_RULES) {
      expect(r.title.length, r.id).toBeGreaterThan(10);
      expect(SEVERITIES, r.id).toContain(r.severity);
      expect(r.severityReason.length, r.id).toBeGreaterThan(10);
      expect(r.description.length, r.id).toBeGreaterThan(20);
      // Remediation may be empty where each hit brings its own (uncountered-tactics names the missing controls).
      for (const c of r.remediation) expect(getControl(c), `${r.id} remediation ${c}`).toBeDefined();
      // The pattern only: rules may cite ATLAS techniques the catalog's (partial) table does not list.
      for (const a of r.atlas) expect(a, r.id).toMatch(ATLAS_ID_PATTERN);
    }
  });
});
