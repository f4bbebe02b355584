/**
 * Reports: pure functions from result documents (and the loaded model, for the diagram) to strings.
 * HTML (self-contained, strict CSP, no script), Markdown (pull-request comments), JSON (versioned, with a JSON
 * Schema), SARIF 2.1.0 (code scanning) and JUnit XML (CI test reports). Renderers never compute analysis.
 */
export { AnalysisResultSchema, type ReportAnalysis } from './analysis-schema.js';
export { esc, escMd, escXml, safeHref } from './escape.js';
export { renderHtml, REPORT_CSP, type HtmlOptions } from './html/render.js';
export { renderDiagramSvg, layoutDiagram, type DiagramHighlight } from './html/diagram.js';
export {
  readCampaign,
  readEconomics,
  readMonitor,
  readSuite,
  readViews,
  type ReportInput,
  type ReportViews,
} from './inputs.js';
export {
  buildReportDocument,
  renderJson,
  REPORT_SCHEMA_VERSION,
  ReportDocumentSchema,
  reportJsonSchema,
  type ReportDocument,
} from './json.js';
export {
  findingsToJUnit,
  renderJUnit,
  suitesToJUnit,
  type JUnitCase,
  type JUnitReport,
  type JUnitSuite,
} from './junit.js';
export { renderMarkdown, type MarkdownOptions } from './markdown.js';
export { renderSarif, toSarif, SARIF_SCHEMA_URI, type SarifOptions } from './sarif.js';
