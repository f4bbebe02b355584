/**
 * The format map: for each document it renders, the Renderer of each format that applies. The CLI's `--format`
 * choices, its help text and the default file extension come from format-names.ts (the same map without the
 * renderers); the type below makes RENDERERS hold exactly those formats, and a self-check test (formats.test.ts)
 * renders every document kind in every format it claims.
 *
 *   FORMATS            format name → description and file extension          (format-names.ts)
 *   FORMATS_OF         document kind → the format names that apply            (format-names.ts)
 *   RENDERERS          document kind → { format name → Renderer }   (a format not listed does not apply)
 *
 * This module imports every renderer (and through SARIF and JUnit the rule metadata), so the CLI imports it inside
 * its actions only; registration reads the names from format-names.ts.
 */
import type { AnalysisResult } from '../analysis/result.js';
import type { CampaignResult } from '../campaign/result.js';
import type { SuiteResult } from '../regress/run.js';
import { UserError } from '../util/errors.js';
import { PLAIN } from '../util/text-style.js';
import type { FormatOf, RenderedKind } from './format-names.js';
import { FORMATS_OF } from './format-names.js';
import { renderHtml } from './html/render.js';
import type { ReportInput } from './inputs.js';
import { renderJson } from './json.js';
import { renderJunit, suiteResultToJUnit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { type Renderer, type RenderOptions, renderer, type TableFn } from './renderer.js';
import { renderSarif } from './sarif.js';
import { renderAnalysisText } from './text/analysis.js';
import { renderCampaignText } from './text/campaign.js';
import { renderEconomicsText } from './text/economics.js';
import { formatSuiteResult } from './text/suite-result.js';

const plainTable: TableFn = (headers, rows) => [headers, ...rows].map((r) => r.join('  ')).join('\n');

/** A saved document as it is: pretty-printed JSON, the same bytes `--out` writes (without the final newline). */
const asJson = <Doc>() => renderer<Doc>('json', (doc) => JSON.stringify(doc, null, 2));

const analysisText = renderer<AnalysisResult>('text', (result, o) => {
  const style = o.style ?? PLAIN;
  const base = renderAnalysisText(result, style, { verbose: Boolean(o.verbose) });
  return result.economics ? `${base}\n\n${renderEconomicsText(result.economics, style)}` : base;
});

interface Documents {
  'nograd-analysis': AnalysisResult;
  'nograd-report': ReportInput;
  'nograd-campaign-result': CampaignResult;
  'nograd-suite-result': SuiteResult;
}

/** Which formats render which document: exactly the formats FORMATS_OF lists for it. */
export const RENDERERS: { [K in RenderedKind]: { [F in FormatOf<K>]: Renderer<Documents[K]> } } = {
  /** `nograd analyze`: the analysis result. */
  'nograd-analysis': {
    text: analysisText,
    json: asJson<AnalysisResult>(),
    md: renderer<AnalysisResult>('md', (r, o) => renderMarkdown(r, o.baseDir ? { baseDir: o.baseDir } : {})),
    sarif: renderer<AnalysisResult>('sarif', (r, o) => renderSarif(r, o.baseDir ? { baseDir: o.baseDir } : {})),
  },
  /** `nograd report`: the analysis with whichever other result documents were given. */
  'nograd-report': {
    html: renderer<ReportInput>('html', (input, o) =>
      renderHtml(input, {
        ...(o.baseDir ? { baseDir: o.baseDir } : {}),
        ...(o.generatedAt ? { generatedAt: o.generatedAt } : {}),
      }),
    ),
    md: renderer<ReportInput>('md', (input, o) => renderMarkdown(input, o.baseDir ? { baseDir: o.baseDir } : {})),
    json: renderer<ReportInput>('json', (input, o) =>
      renderJson(input, o.generatedAt ? { generatedAt: o.generatedAt } : {}),
    ),
    sarif: renderer<ReportInput>('sarif', (input, o) =>
      renderSarif(input.analysis, o.baseDir ? { baseDir: o.baseDir } : {}),
    ),
    junit: renderer<ReportInput>('junit', (input, o) => renderJunit(input, o.failOn ?? 'high')),
  },
  /** `nograd campaign run|show`: the campaign result. */
  'nograd-campaign-result': {
    text: renderer<CampaignResult>('text', (r, o) => renderCampaignText(r, o.table ?? plainTable)),
    json: asJson<CampaignResult>(),
  },
  /** `nograd regress run`: the suite result (`--junit` writes the junit format beside it). */
  'nograd-suite-result': {
    text: renderer<SuiteResult>('text', (r, o) =>
      formatSuiteResult(r, { verbose: Boolean(o.verbose), ...(o.style ? { style: o.style } : {}) }),
    ),
    json: asJson<SuiteResult>(),
    junit: renderer<SuiteResult>('junit', (r) => suiteResultToJUnit(r)),
  },
};

type DocOf<K extends RenderedKind> = Documents[K];

/** The renderer of `format` for `kind`: one lookup; a format that does not apply is a clear exit-2 error. */
export function rendererFor<K extends RenderedKind>(kind: K, format: string): Renderer<DocOf<K>> {
  const found = (RENDERERS[kind] as Record<string, Renderer<DocOf<K>>>)[format];
  if (!found) throw new UserError(`unknown format '${format}' (choose one of: ${FORMATS_OF[kind].join(', ')})`);
  return found;
}

/** Render a document of `kind` in `format`. */
export function render<K extends RenderedKind>(
  kind: K,
  format: string,
  doc: DocOf<K>,
  options: RenderOptions = {},
): string {
  return rendererFor(kind, format).render(doc, options);
}
