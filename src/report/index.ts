/**
 * Reports: pure functions from result documents (and the loaded model, for the diagram) to strings.
 * Terminal text, HTML (self-contained, strict CSP, no script), Markdown (pull-request comments), JSON (versioned,
 * with a JSON Schema), SARIF 2.1.0 (code scanning) and JUnit XML (CI test reports). Renderers never compute.
 *
 *   render(kind, format, doc, options)    one lookup in the format map (RENDERERS; names in FORMATS / FORMATS_OF)
 *   renderHtml({ analysis, model, economics, campaign, suites, monitor })  → one self-contained HTML page
 *   renderMarkdown(analysis | input)  · renderJson(input)  · renderSarif(analysis)  · renderJunit(analysis | input)
 */

export type { AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
export { esc, escMd, escXml, safeHref } from '../util/escape.js';
export { campaignView, economicsView, monitorView, suiteView } from './adapters.js';
export {
  isCampaignResult,
  isCheckResult,
  isEconomicsResult,
  isSuiteResult,
  kindOf,
  REPORT_SOURCES,
  type ReportSourceKind,
  readReportDocument,
  viewOf,
} from './documents.js';
export { FORMATS, FORMATS_OF, type FormatName, type FormatOf, type RenderedKind } from './format-names.js';
export { RENDERERS, render, rendererFor } from './formats.js';
export { type DiagramHighlight, layoutDiagram, renderDiagramSvg } from './html/diagram.js';
export { type HtmlOptions, REPORT_CSP, renderHtml } from './html/render.js';
export {
  campaignViewOf,
  economicsViewOf,
  monitorViewOf,
  type ReportInput,
  type ReportViews,
  readViews,
  suiteViewOf,
} from './inputs.js';
export {
  buildReportDocument,
  REPORT_SCHEMA_VERSION,
  type ReportDocument,
  ReportDocumentSchema,
  renderJson,
  reportJsonSchema,
} from './json.js';
export {
  findingsToJUnit,
  type JUnitCase,
  type JUnitReport,
  type JUnitSuite,
  renderJunit,
  suiteResultToJUnit,
  suitesToJUnit,
  writeJUnit,
} from './junit.js';
export { type MarkdownOptions, renderMarkdown } from './markdown.js';
export { type Renderer, type RenderOptions, renderer, type TableFn } from './renderer.js';
export { renderSarif, SARIF_SCHEMA_URI, type SarifOptions, toSarif } from './sarif.js';
export { renderAnalysisText, type TextStyle } from './text/analysis.js';
export { pct, renderCampaignText } from './text/campaign.js';
export { renderEconomicsText } from './text/economics.js';
export { formatSuiteResult } from './text/suite-result.js';
export { formatIngestSummary, formatMiningReport } from './text/traces.js';
