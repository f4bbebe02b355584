import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COUNTS_END, COUNTS_START, catalogCountsMarkdown } from './markdown.js';

describe('docs/catalog.md', () => {
  it('contains the current generated counts table (regenerate it when the catalog changes)', () => {
    const doc = readFileSync(new URL('../../docs/catalog.md', import.meta.url), 'utf8');
    const start = doc.indexOf(COUNTS_START);
    const end = doc.indexOf(COUNTS_END);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(start);
    expect(doc.slice(start + COUNTS_START.length, end).trim()).toBe(catalogCountsMarkdown());
  });

  it('counts every family', () => {
    const md = catalogCountsMarkdown();
    for (const f of [
      'input-transformation',
      'layout',
      'access-abuse',
      'automation',
      'activity-shaping',
      'feedback-abuse',
      'model-level',
    ]) {
      expect(md).toMatch(new RegExp(`\\(\`${f}\`\\) \\| .* \\| [1-9]\\d* \\|`));
    }
  });
});
