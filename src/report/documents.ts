/**
 * The documents a report reads, by `kind`: one map from a document kind to its definition (schema, reader), what
 * the report calls it, and the adapter that turns it into the view the renderers draw. The report never guesses a
 * document's type from its shape: the envelope says what it is (older envelopes are recognised by the document's
 * own definition, see util/document.ts).
 */
import { EconomicsDocument } from '../analysis/economics/document.js';
import type { EconomicsResult } from '../analysis/economics/types.js';
import { type CampaignResult, CampaignResultDocument } from '../campaign/result.js';
import type { CheckResult } from '../monitor/check.js';
import { CheckResultDocument } from '../monitor/check-result.js';
import { SuiteResultDocument } from '../regress/result.js';
import type { SuiteResult } from '../regress/run.js';
import { readJsonFile } from '../util/document.js';
import { UserError } from '../util/errors.js';
import { campaignView, economicsView, monitorView, suiteView } from './adapters.js';
import type { CampaignView, EconomicsView, MonitorView, SuiteView } from './views.js';

interface ReportSource<Doc, View> {
  /** The document's definition: envelope check, parse (with migration) and schema. */
  document: { kind: string; hasKind(value: unknown): boolean; parse(value: unknown, source?: string): Doc };
  /** How errors name it ("campaign result"). */
  what: string;
  /** The view the renderers draw; undefined when the document has nothing to show. */
  view(doc: Doc): View | undefined;
}

function source<Doc, View>(s: ReportSource<Doc, View>): ReportSource<Doc, View> {
  return s;
}

/** Every result document a report can show besides the analysis, by kind. */
export const REPORT_SOURCES = {
  'nograd-economics': source<EconomicsResult, EconomicsView>({
    document: EconomicsDocument,
    what: 'economics',
    view: economicsView,
  }),
  'nograd-campaign-result': source<CampaignResult, CampaignView>({
    document: CampaignResultDocument,
    what: 'campaign',
    view: campaignView,
  }),
  'nograd-suite-result': source<SuiteResult, SuiteView>({
    document: SuiteResultDocument,
    what: 'regression suite',
    view: suiteView,
  }),
  'nograd-monitor-check': source<CheckResult, MonitorView>({
    document: CheckResultDocument,
    what: 'monitor check',
    view: monitorView,
  }),
} as const;

export type ReportSourceKind = keyof typeof REPORT_SOURCES;
type SourceOf<K extends ReportSourceKind> = (typeof REPORT_SOURCES)[K];
export type DocOf<K extends ReportSourceKind> = SourceOf<K> extends ReportSource<infer D, unknown> ? D : never;
export type ViewOf<K extends ReportSourceKind> = SourceOf<K> extends ReportSource<unknown, infer V> ? V : never;

/** The kind of a result document the report knows (by its envelope), or undefined. */
export function kindOf(value: unknown): ReportSourceKind | undefined {
  for (const [kind, s] of Object.entries(REPORT_SOURCES))
    if (s.document.hasKind(value)) return kind as ReportSourceKind;
  return undefined;
}

/**
 * The view of a document when it is of the given kind; undefined otherwise. Never throws: an in-memory document
 * that carries the kind but breaks its shape further down shows nothing rather than breaking the report (files
 * are validated by `readReportDocument` first).
 */
export function viewOf<K extends ReportSourceKind>(kind: K, doc: unknown): ViewOf<K> | undefined {
  if (kindOf(doc) !== kind) return undefined;
  const s = REPORT_SOURCES[kind] as unknown as ReportSource<unknown, ViewOf<K>>;
  try {
    return s.view(s.document.parse(doc));
  } catch {
    return undefined;
  }
}

/**
 * Read a result document file for the report: the file must hold a document of `kind` that validates and has
 * something to show; anything else is a clear exit-2 error naming the file.
 */
export function readReportDocument<K extends ReportSourceKind>(path: string, kind: K): DocOf<K> {
  const s = REPORT_SOURCES[kind] as unknown as ReportSource<DocOf<K>, unknown>;
  const raw = readJsonFile(path, s.what);
  const found = kindOf(raw);
  if (found !== kind)
    throw new UserError(
      `'${path}' is not a ${s.what} result the report can read (${found ? `it is a ${found} document` : 'no nograd document kind'}; expected ${kind})`,
    );
  const doc = s.document.parse(raw, path);
  if (s.view(doc) === undefined)
    throw new UserError(`'${path}' is not a ${s.what} result the report can read (nothing to show from it)`);
  return doc;
}

/** Recognizers by kind, for library users who hold a document of unknown type. */
export const isEconomicsResult = (x: unknown): x is EconomicsResult => kindOf(x) === 'nograd-economics';
export const isCampaignResult = (x: unknown): x is CampaignResult => kindOf(x) === 'nograd-campaign-result';
export const isSuiteResult = (x: unknown): x is SuiteResult => kindOf(x) === 'nograd-suite-result';
export const isCheckResult = (x: unknown): x is CheckResult => kindOf(x) === 'nograd-monitor-check';
