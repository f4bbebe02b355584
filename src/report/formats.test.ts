/**
 * Self-check of the format map: every format a document kind lists renders a real document of that kind (non-empty,
 * well-formed for the structured formats), and every other format says clearly that it does not apply.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisResult } from '../analysis/result.js';
import { UserError } from '../util/errors.js';
import { FORMATS, FORMATS_OF, type FormatName, type RenderedKind } from './format-names.js';
import { RENDERERS, render, rendererFor } from './formats.js';
import { mailFilter, sampleCampaign, sampleEconomics, sampleMonitor, sampleSuite } from './testing.js';

const { loaded, result } = mailFilter();
const analysis: AnalysisResult = { ...result, economics: sampleEconomics() };

const SAMPLES: { [K in RenderedKind]: Parameters<(typeof RENDERERS)[K][keyof (typeof RENDERERS)[K]]['render']>[0] } = {
  'nograd-analysis': analysis,
  'nograd-report': {
    analysis,
    model: loaded.model,
    campaign: sampleCampaign(),
    suites: [sampleSuite()],
    monitor: sampleMonitor(),
  },
  'nograd-campaign-result': sampleCampaign(),
  'nograd-suite-result': sampleSuite(),
};

/** What each format's output must look like, beyond being non-empty. */
const SHAPE: Record<FormatName, (text: string) => void> = {
  text: (t) => expect(t).not.toMatch(/^\s*[{<]/),
  md: (t) => expect(t).toMatch(/^#|\n#|\|/),
  html: (t) => expect(t).toMatch(/^<!DOCTYPE html>/),
  json: (t) => expect(() => JSON.parse(t)).not.toThrow(),
  sarif: (t) => expect(JSON.parse(t).version).toBe('2.1.0'),
  junit: (t) => expect(t).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /),
};

const kinds = Object.keys(FORMATS_OF) as RenderedKind[];
const formats = Object.keys(FORMATS) as FormatName[];

describe('the format map', () => {
  it('lists the same formats in FORMATS_OF and RENDERERS, each renderer under its own name', () => {
    for (const kind of kinds) {
      expect(Object.keys(RENDERERS[kind]).sort()).toEqual([...FORMATS_OF[kind]].sort());
      for (const [name, r] of Object.entries(RENDERERS[kind])) expect(r.format).toBe(name);
    }
  });

  for (const kind of kinds) {
    for (const format of formats) {
      const claimed = (FORMATS_OF[kind] as readonly string[]).includes(format);
      it(`${kind} × ${format}: ${claimed ? 'renders' : 'does not apply'}`, () => {
        if (!claimed) {
          expect(() => rendererFor(kind, format)).toThrow(UserError);
          expect(() => rendererFor(kind, format)).toThrow(
            new RegExp(`unknown format '${format}' \\(choose one of: ${FORMATS_OF[kind].join(', ')}\\)`),
          );
          return;
        }
        const text = render(kind, format, SAMPLES[kind] as never, { baseDir: process.cwd(), failOn: 'high' });
        expect(text.length).toBeGreaterThan(20);
        SHAPE[format](text);
        // Deterministic: the same document gives the same bytes.
        expect(render(kind, format, SAMPLES[kind] as never, { baseDir: process.cwd(), failOn: 'high' })).toBe(text);
      });
    }
  }
});
