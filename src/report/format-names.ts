/**
 * The names in the format map, without the renderers: what `--format` accepts for each document, for the CLI to
 * build its options and help at start-up without loading any renderer. formats.ts holds the renderers; its type
 * requires exactly these formats for each kind, so the two cannot drift.
 */

/** Every output format nograd writes. */
export const FORMATS = {
  text: { description: 'terminal text', extension: 'txt' },
  md: { description: 'Markdown (pull-request comments)', extension: 'md' },
  html: { description: 'a self-contained HTML page', extension: 'html' },
  json: { description: 'the JSON document', extension: 'json' },
  sarif: { description: 'SARIF 2.1.0 (code scanning)', extension: 'sarif' },
  junit: { description: 'JUnit XML (CI test reports)', extension: 'xml' },
} as const;

export type FormatName = keyof typeof FORMATS;

/** For each document the formats that render it, in the order `--help` lists them (the first is not the default). */
export const FORMATS_OF = {
  /** `nograd analyze`: the analysis result. */
  'nograd-analysis': ['text', 'json', 'md', 'sarif'],
  /** `nograd report`: the analysis with whichever other result documents were given. */
  'nograd-report': ['html', 'md', 'json', 'sarif', 'junit'],
  /** `nograd campaign run|show`: the campaign result. */
  'nograd-campaign-result': ['text', 'json'],
  /** `nograd regress run`: the suite result (`--junit <file>` writes the junit format beside it). */
  'nograd-suite-result': ['text', 'json', 'junit'],
} as const satisfies Record<string, readonly FormatName[]>;

export type RenderedKind = keyof typeof FORMATS_OF;
export type FormatOf<K extends RenderedKind> = (typeof FORMATS_OF)[K][number];
