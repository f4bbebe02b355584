/**
 * What one report shows: the analysis result and, when given, the other result documents (economics, campaign,
 * regression suites, monitor), and their views. Which view a document gives is looked up by its `kind` in
 * documents.ts. Documents handed in by code are untrusted like files: one that is not of the expected kind, or
 * breaks its shape somewhere, gives no view (the section is left out) instead of breaking the report; the CLI reads
 * files with `readReportDocument`, which turns that into a clear error.
 */

import type { EconomicsResult } from '../analysis/economics/types.js';
import type { AnalysisDocumentValue as ReportAnalysis } from '../analysis/result.js';
import type { CampaignResult } from '../campaign/result.js';
import type { SystemModel } from '../model/schema.js';
import type { CheckResult } from '../monitor/check.js';
import type { SuiteResult } from '../regress/run.js';
import { viewOf } from './documents.js';
import type { CampaignView, EconomicsView, MonitorView, SuiteView } from './views.js';

export type * from './views.js';

// ---------------------------------------------------------------------------------------------- the report input

/**
 * Everything one report can show. Only `analysis` is required; the other sections render when present. The
 * optional documents are the engines' own result types; a document of another shape (hand-written, older) is
 * read leniently, and one that cannot be read renders as "nothing to show" rather than breaking the report.
 */
export interface ReportInput {
  analysis: ReportAnalysis;
  /** The loaded model, for the system diagram (the diagram is left out without it). */
  model?: SystemModel;
  /** An economics result; defaults to the analysis result's `economics` slot. */
  economics?: EconomicsResult;
  campaign?: CampaignResult;
  suites?: SuiteResult[];
  monitor?: CheckResult;
}

/** The normalized views of a report input. */
export interface ReportViews {
  economics?: EconomicsView;
  campaign?: CampaignView;
  suites: SuiteView[];
  monitor?: MonitorView;
}

export function economicsViewOf(doc: unknown): EconomicsView | undefined {
  return viewOf('nograd-economics', doc);
}
export function campaignViewOf(doc: unknown): CampaignView | undefined {
  return viewOf('nograd-campaign-result', doc);
}
export function suiteViewOf(doc: unknown): SuiteView | undefined {
  return viewOf('nograd-suite-result', doc);
}
export function monitorViewOf(doc: unknown): MonitorView | undefined {
  return viewOf('nograd-monitor-check', doc);
}

export function readViews(input: ReportInput): ReportViews {
  const economics = economicsViewOf(input.economics ?? input.analysis.economics);
  const campaign = campaignViewOf(input.campaign);
  const monitor = monitorViewOf(input.monitor);
  return {
    ...(economics ? { economics } : {}),
    ...(campaign ? { campaign } : {}),
    suites: (input.suites ?? []).map(suiteViewOf).filter((s): s is SuiteView => s !== undefined),
    ...(monitor ? { monitor } : {}),
  };
}
