/**
 * The campaign file (`campaign.yaml`, `nograd-campaign: 1`): which target to attack, with which seeds and tactics,
 * how to search, within which budgets, and which hardening switches to compare. Parsed with positions; every
 * problem comes back as `file:line:col` with a "did you mean" where one fits, all at once.
 *
 * The zod schema below is the single source of truth for the file's shape; `docs/campaigns.md` documents it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { type Diagnostic, formatDiagnostic, type Position, sortDiagnostics } from '../model/diagnostics.js';
import { issueToDiagnostic } from '../model/loader.js';
import { YamlSource } from '../model/yaml-source.js';
import { HARDENING_SWITCHES, type HardeningSwitch } from '../reference/hardening.js';
import { exposesOf, TargetSpecSchema } from '../targets/registry.js';
import {
  type ResponseMapping,
  regexGroups,
  scoreScaleOfMapping,
  thresholdProblems,
} from '../targets/response-mapping.js';
import { didYouMean } from '../util/did-you-mean.js';
import { EXIT, UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { stableStringify } from '../util/stable-stringify.js';
import { EVASION_CONDITIONS } from './evasion.js';
import type { TacticModules } from './tactic-modules.js';

const PositiveInt = z.int().positive();
const NonNegative = z.number().nonnegative();

/** An `exclude:` entry: a message id, a sha256 of a message's bytes, or a file listing ids and hashes. */
const ExcludeEntrySchema = z.union([
  z.string().min(1),
  z.strictObject({
    /** A text file (relative to the campaign file): one id or sha256 per line; blank lines and `#` comments skipped. */
    file: z.string().min(1),
  }),
]);

const FILES_ONLY = ['format', 'mbox', 'exclude', 'sample'] as const;

const SampleSetSchema = z
  .strictObject({
    /** Take messages from the reference corpus (SpamAssassin): `spam` for seeds, `ham` for the benign set. */
    corpus: z.enum(['spam', 'ham']).optional(),
    /** Which part of the corpus: the reference model's held-out test split (default), its training split, or all. */
    split: z.enum(['test', 'train', 'all']).default('test'),
    count: PositiveInt.optional(),
    /** Seed of the sample drawn (defaults to the campaign seed). */
    seed: z.int().optional(),
    /**
     * The user's mail (relative to the campaign file): .eml files, directories of them, mbox files, Maildir folders,
     * read as exact bytes. See samples/mail-folders.ts for ids, strata and format detection.
     */
    files: z.array(z.string().min(1)).min(1).optional(),
    /** How `files:` are read: detected per path (auto), or declared for every file. */
    format: z.enum(['auto', 'eml', 'mbox', 'maildir']).optional(),
    /** The mbox quoting variant: mboxrd (default, reversible) or mboxo. */
    mbox: z.enum(['mboxrd', 'mboxo']).optional(),
    /** Messages never to use: ids, sha256 hashes, or `{file: ...}` lists of them (e.g. the target's training set). */
    exclude: z.array(ExcludeEntrySchema).optional(),
    /** With `count:`: the first by id (default), a seeded random pick, or seeded and proportional per source. */
    sample: z.enum(['first', 'random', 'stratified']).optional(),
  })
  .superRefine((s, ctx) => {
    if ((s.corpus === undefined) === (s.files === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a sample set takes exactly one of `corpus:` or `files:`' });
    }
    if (s.corpus !== undefined) {
      for (const key of FILES_ONLY) {
        if (s[key] !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `\`${key}:\` applies to \`files:\`, not to \`corpus:\``,
          });
        }
      }
    }
    if (s.sample !== undefined && s.sample !== 'first' && s.count === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sample'], message: `\`sample: ${s.sample}\` needs \`count:\`` });
    }
  });

const TacticEntrySchema = z
  .strictObject({
    /** An executable tactic id (the catalog id it implements), e.g. input.confusable-characters. */
    id: z.string().min(1).optional(),
    /** A JavaScript module of the user's exporting one tactic definition (relative to the campaign file). */
    module: z.string().min(1).optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string())])).default({}),
    /** A name for this configured tactic, to use the same tactic twice with different parameters. */
    as: z.string().min(1).optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.id === undefined) === (t.module === undefined))
      ctx.addIssue({ code: 'custom', message: 'a tactic entry takes exactly one of `id:` or `module:`' });
  });

const TacticItem = z.preprocess((v) => (typeof v === 'string' ? { id: v } : v), TacticEntrySchema);

const SearchSchema = z.strictObject({
  /** Run every tactic alone. */
  single: z.boolean().default(true),
  /** Every combination of tactics up to `depth` (in the order the file lists them), at most `max` chains. */
  compositions: z
    .union([z.literal(false), z.strictObject({ depth: z.int().min(2).max(4).default(2), max: PositiveInt.optional() })])
    .default(false),
  /** Budgeted beam search over tactic chains: keep the `width` best chains per level, up to `depth` tactics. */
  beam: z
    .strictObject({
      width: PositiveInt.default(3),
      depth: z.int().min(2).max(6).default(3),
      /** Queries the beam may spend (beyond the single-tactic level it starts from). */
      budget: PositiveInt.default(2_000),
    })
    .optional(),
});

const BudgetsSchema = z.strictObject({
  queries: PositiveInt.optional(),
  wallSeconds: z.number().positive().optional(),
  money: NonNegative.optional(),
  accounts: PositiveInt.optional(),
});

const EvasionSchema = z.strictObject({
  /**
   * allowed: delivered unmarked; delivered: allowed or tagged; not-blocked: allowed, tagged or sent to review;
   * score-below / score-above: the score is past a threshold in the target's own units (see evasion.ts).
   */
  when: z.enum(EVASION_CONDITIONS).default('allowed'),
  scoreBelow: z.number().optional(),
  scoreAbove: z.number().optional(),
});

/**
 * The sender context of content attempts. Each content attempt models an independent message: its own established
 * account, at its own simulated time spread over `spreadDays`, so one attempt's activity-layer state (rate limits,
 * near-duplicate counts, reputation) never decides another's.
 */
const SenderSchema = z.strictObject({
  /** Age of the sending account (days) for content attempts. */
  accountAgeDays: NonNegative.default(365),
  /** Simulated start time of the campaign (ISO 8601); stream tactics start their plans here. */
  startTime: z.iso.datetime().default('2024-01-01T00:00:00Z'),
  /** Content attempts are spread over this many simulated days after startTime. */
  spreadDays: z.number().positive().default(365),
  /** After a stream tactic files feedback, each message is sent again this many simulated hours later (a probe). */
  probeAfterHours: z.number().positive().default(192),
});

const BaselinesSchema = z.strictObject({
  /** Lowd & Meek's good-word attack: needs a target that exposes a score. */
  goodWord: z
    .union([
      z.literal(false),
      z.strictObject({
        /** Candidate words tried (most ham-typical first). */
        candidates: PositiveInt.default(200),
        /** Most words added to one message. */
        maxWords: PositiveInt.default(100),
        /** Seeds attacked (the first N blocked ones). */
        seeds: PositiveInt.default(10),
      }),
    ])
    .default(false),
  /** Feature-space gradient attack on the reference logistic regression (perfect knowledge). */
  gradient: z
    .union([
      z.literal(false),
      z.strictObject({
        /** Most feature flips per message. */
        maxFlips: PositiveInt.default(200),
        seeds: PositiveInt.default(20),
      }),
    ])
    .default(false),
});

export const CampaignFileSchema = z.strictObject({
  'nograd-campaign': z.literal(1),
  name: z.string().min(1),
  description: z.string().optional(),
  target: TargetSpecSchema,
  evasion: EvasionSchema.default({ when: 'allowed' }),
  seeds: SampleSetSchema,
  benign: SampleSetSchema.optional(),
  sender: SenderSchema.default({
    accountAgeDays: 365,
    startTime: '2024-01-01T00:00:00Z',
    spreadDays: 365,
    probeAfterHours: 192,
  }),
  tactics: z.array(TacticItem).min(1),
  search: SearchSchema.default({ single: true, compositions: false }),
  budgets: BudgetsSchema.default({}),
  repeats: PositiveInt.default(1),
  /** How precise each chain's rate should be, and whether to stop a chain once its answer is clear. */
  precision: z
    .strictObject({
      /** Wanted half-width of a chain's 95% interval (0.10 = ±10 points). */
      halfWidth: z.number().gt(0).max(0.5).default(0.1),
      /** Stop a chain early once its interval decides the question (off: every planned attempt runs). */
      stopEarly: z.boolean().default(false),
      /** The question: does the chain get through more often than this? */
      decisionRate: z.number().gt(0).lt(1).default(0.05),
    })
    .default({ halfWidth: 0.1, stopEarly: false, decisionRate: 0.05 }),
  seed: z.int().default(1),
  concurrency: PositiveInt.default(4),
  /** Requests per second across the whole campaign. */
  rateLimit: z.number().positive().optional(),
  /**
   * The longest one throttled attempt is deferred in total (429 or Retry-After answers, waited out per attempt while
   * the others go on). Beyond it the attempt is left unanswered and the run ends `incomplete`, for `--resume`.
   */
  maxRetryAfterMs: PositiveInt.default(120_000),
  /** System-model component ids this campaign tests (checked against `system:` when given). */
  components: z.array(z.string().min(1)).default([]),
  /** A system model to check `components` against (relative to the campaign file). */
  system: z.string().optional(),
  /** Hardening switches to re-run the successful chains with, one at a time (the defender side). */
  hardening: z.array(z.enum(HARDENING_SWITCHES as unknown as [HardeningSwitch, ...HardeningSwitch[]])).default([]),
  /** How many original-vs-transformed examples of successful evasions the result keeps. */
  examples: z.int().min(0).default(5),
  /** Model-level attacks run for contrast after the campaign (off by default). */
  baselines: BaselinesSchema.default({ goodWord: false, gradient: false }),
});

/** A configured tactic; a `module:` entry carries the id its module exports and the module's hash. */
export type TacticEntry = Omit<z.output<typeof TacticEntrySchema>, 'id'> & { id: string; moduleSha256?: string };

export type CampaignConfig = Omit<z.output<typeof CampaignFileSchema>, 'tactics'> & { tactics: TacticEntry[] };

export type SampleSetSpec = z.output<typeof SampleSetSchema>;
export type BaselinesSpec = z.output<typeof BaselinesSchema>;

/** A loaded campaign: the validated config, where relative paths resolve from, and its identity for resume. */
export interface LoadedCampaign {
  file: string;
  baseDir: string;
  config: CampaignConfig;
  /** sha256 of the config that decides attempts and results (not concurrency): a resumed run must match it. */
  hash: string;
}

/** Facts the loader checks names against; passed in so the file module stays free of heavy imports. */
export interface CampaignVocabulary {
  /** Executable tactic ids. */
  tacticIds: readonly string[];
  /**
   * Catalog tactic ids (built-in, every pack, and the `system:` model's own): one of these without an executable
   * version is "not executable (catalog only)", not an unknown tactic.
   */
  catalogIds?: readonly string[];
  /** The file's `module:` entries, loaded (tactic-modules.ts); their problems are reported with the file's. */
  modules?: TacticModules;
  /** Component ids of the system model, when known. */
  componentIds?: readonly string[];
}

export class CampaignFileError extends UserError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = sortDiagnostics(diagnostics.filter((d) => d.severity === 'error'));
    super(
      `${errors.map((d) => formatDiagnostic(d)).join('\n')}\n${errors.length} problem${errors.length === 1 ? '' : 's'} found`,
      EXIT.invalid,
      true,
    );
    this.name = 'CampaignFileError';
  }
}

export interface CampaignOverrides {
  seed?: number;
  concurrency?: number;
}

export function loadCampaign(
  file: string,
  vocabulary: CampaignVocabulary,
  overrides: CampaignOverrides = {},
  text?: string,
): LoadedCampaign {
  const path = resolve(file);
  if (text === undefined && !existsSync(path)) throw new UserError(`cannot read campaign file '${file}': no such file`);
  const source = new YamlSource(path, text ?? readFileSync(path, 'utf8'));
  if (source.yamlDiagnostics.length) throw new CampaignFileError(source.yamlDiagnostics);
  const data = source.toJS();
  const parsed = CampaignFileSchema.safeParse(data);
  const moduleProblems = vocabulary.modules?.diagnostics ?? [];
  if (!parsed.success) {
    // Report unknown tactic ids too: they are independent of the shape errors, and a user fixes all at once.
    throw new CampaignFileError([
      ...parsed.error.issues.map((i) => issueToDiagnostic(source, CampaignFileSchema, i)),
      ...rawTacticIdChecks(source, data, vocabulary),
      ...moduleProblems,
    ]);
  }
  const config: CampaignConfig = {
    ...parsed.data,
    tactics: parsed.data.tactics.map((t, i) => {
      if (t.module === undefined) return t as TacticEntry;
      const loaded = vocabulary.modules?.byIndex.get(i);
      return {
        ...t,
        id: loaded?.tactic.id ?? `module:${t.module}`,
        ...(loaded ? { moduleSha256: loaded.sha256 } : {}),
      };
    }),
  };
  if (overrides.seed !== undefined) config.seed = overrides.seed;
  if (overrides.concurrency !== undefined) config.concurrency = overrides.concurrency;
  const diagnostics = [...moduleProblems, ...semanticChecks(source, config, vocabulary)];
  if (diagnostics.length) throw new CampaignFileError(diagnostics);
  return { file: path, baseDir: dirname(path), config, hash: campaignHash(config) };
}

/** The configured name of a tactic entry (its `as`, else its id). */
export function tacticName(t: TacticEntry): string {
  return t.as ?? t.id;
}

/** The fields that change which attempts run and what they return. Concurrency and rate limits do not. */
export function campaignHash(config: CampaignConfig): string {
  const { concurrency: _c, rateLimit: _r, maxRetryAfterMs: _m, description: _d, examples: _e, ...rest } = config;
  const target = structuredClone(rest.target) as Record<string, Record<string, unknown>>;
  for (const spec of Object.values(target)) {
    if (spec && typeof spec === 'object') {
      delete spec.concurrency;
      delete spec.ratePerSecond;
      delete spec.retries;
      delete spec.timeoutMs;
    }
  }
  return sha256Hex(stableStringify({ ...rest, target }));
}

/** Unknown tactic ids, read from the unvalidated data (for files that also have shape errors). */
function rawTacticIdChecks(source: YamlSource, data: unknown, vocab: CampaignVocabulary): Diagnostic[] {
  const tactics = (data as { tactics?: unknown } | null)?.tactics;
  if (!Array.isArray(tactics)) return [];
  const out: Diagnostic[] = [];
  tactics.forEach((t, i) => {
    const id = typeof t === 'string' ? t : (t as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || vocab.tacticIds.includes(id)) return;
    out.push({
      ...source.positionOf(typeof t === 'string' ? ['tactics', i] : ['tactics', i, 'id']),
      severity: 'error',
      ...tacticIdProblem(id, vocab),
    });
  });
  return out;
}

/** Why an id is no executable tactic: a catalog tactic without executable version, or unknown (did-you-mean). */
function tacticIdProblem(id: string, vocab: CampaignVocabulary): { code: string; message: string; hint: string } {
  if (vocab.catalogIds?.includes(id))
    return {
      code: 'not-executable',
      message: `tactic '${id}' is not executable (catalog only)`,
      hint: 'nograd has no executable version of it; write one as a module and list it as `- module: ./my-tactic.mjs` (docs/catalog.md)',
    };
  const near = didYouMean(id, vocab.tacticIds) ?? (vocab.catalogIds ? didYouMean(id, vocab.catalogIds) : undefined);
  return {
    code: 'unknown-tactic',
    message: `unknown tactic '${id}'`,
    hint: near ?? `executable tactics: ${vocab.tacticIds.join(', ')}`,
  };
}

function semanticChecks(source: YamlSource, c: CampaignConfig, vocab: CampaignVocabulary): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (pos: Position, code: string, message: string, hint?: string) =>
    out.push({ ...pos, severity: 'error', code, message, ...(hint ? { hint } : {}) });

  const names = new Map<string, number>();
  c.tactics.forEach((t, i) => {
    const isScalar = typeof source.scalarAt(['tactics', i]) === 'string';
    const idPath = isScalar ? ['tactics', i] : ['tactics', i, 'id'];
    if (t.module === undefined && !vocab.tacticIds.includes(t.id)) {
      const p = tacticIdProblem(t.id, vocab);
      err(source.positionOf(idPath), p.code, p.message, p.hint);
    }
    if (t.module !== undefined && vocab.modules?.byIndex.has(i) && vocab.tacticIds.includes(t.id)) {
      err(
        source.positionOf(['tactics', i, 'module']),
        'tactic-module',
        `tactic module '${t.module}' exports id '${t.id}', the id of a built-in executable tactic`,
        `give your version an id of its own (custom.${t.id.slice(t.id.indexOf('.') + 1)} or x-<org>.…)`,
      );
    }
    const name = tacticName(t);
    const prev = names.get(name);
    if (prev !== undefined) {
      err(
        source.positionOf(isScalar ? idPath : ['tactics', i, t.as ? 'as' : 'id']),
        'duplicate-tactic',
        `tactic '${name}' is listed twice (first at tactics[${prev}])`,
        'give one of them a different `as:` name to run the same tactic with other parameters',
      );
    } else names.set(name, i);
  });

  if (vocab.componentIds) {
    c.components.forEach((id, i) => {
      if (!vocab.componentIds!.includes(id)) {
        err(
          source.positionOf(['components', i]),
          'unknown-reference',
          `unknown component '${id}'`,
          didYouMean(id, vocab.componentIds!) ?? `components: ${vocab.componentIds!.join(', ')}`,
        );
      }
    });
  }

  const exposes = exposesOf(c.target);
  if (c.evasion.when === 'score-below' || c.evasion.when === 'score-above') {
    const key = c.evasion.when === 'score-below' ? 'scoreBelow' : 'scoreAbove';
    const threshold = c.evasion[key];
    if (threshold === undefined) {
      err(source.positionOf(['evasion', 'when']), 'missing-field', `\`when: ${c.evasion.when}\` needs \`${key}:\``);
    }
    const mapping = c.target.http?.response ?? c.target.command?.response;
    const scale = scoreScaleOfMapping(mapping);
    const wanted = scale.direction === 'higher-is-malicious' ? 'score-below' : 'score-above';
    if (c.evasion.when !== wanted) {
      err(
        source.positionOf(['evasion', 'when']),
        'type',
        `the target's scores are ${scale.direction}: an evasion moves the score ${wanted === 'score-below' ? 'down' : 'up'}`,
        `use \`when: ${wanted}\`, or declare the scale in the response mapping (\`scoreScale: {direction: …}\`)`,
      );
    }
    if (threshold !== undefined && scale.unit === 'probability' && (threshold < 0 || threshold > 1)) {
      err(
        source.positionOf(['evasion', key]),
        'type',
        `${key}: ${threshold} is not a probability`,
        'for scores on another scale declare it in the response mapping, e.g. `scoreScale: {unit: points}`',
      );
    }
    if (!exposes.includes('score')) {
      err(
        source.positionOf(['evasion', 'when']),
        'type',
        'evasion by score needs a target that exposes a score',
        'map a score in the target response (`response: {score: ...}`) or use `when: allowed`',
      );
    }
  }
  if (c.hardening.length && !c.target.reference) {
    err(
      source.positionOf(['hardening']),
      'type',
      'a hardening comparison needs the reference target (only it has hardening switches to turn on)',
    );
  }
  if (c.target.reference) {
    c.hardening.forEach((h, i) => {
      if (c.target.reference!.hardening.includes(h)) {
        err(
          source.positionOf(['hardening', i]),
          'type',
          `'${h}' is already on in the target; comparing with it on again measures nothing`,
        );
      }
    });
  }
  if (c.baselines.gradient && !c.target.reference) {
    err(
      source.positionOf(['baselines', 'gradient']),
      'type',
      'the gradient baseline needs the reference target (it reads the model weights: perfect knowledge)',
    );
  }
  if (c.baselines.goodWord && !exposes.includes('score')) {
    err(
      source.positionOf(['baselines', 'goodWord']),
      'type',
      'the good-word baseline needs a target that exposes a score',
      "Lowd & Meek's active attack ranks words by how much they lower the score",
    );
  }
  if (c.target.http?.response) checkMapping(source, ['target', 'http', 'response'], c.target.http.response, err);
  // With exitCodes the exit code decides, and the response only adds a score; a regex is checked by its schema.
  if (c.target.command?.response && !c.target.command.exitCodes)
    checkMapping(source, ['target', 'command', 'response'], c.target.command.response, err);
  return out;
}

function checkMapping(
  source: YamlSource,
  path: string[],
  m: ResponseMapping,
  err: (pos: Position, code: string, message: string, hint?: string) => void,
): void {
  const groups = m.regex !== undefined ? regexGroups(m.regex) : [];
  const scored = m.score !== undefined || groups.includes('score');
  if (!m.decision && !m.label && !groups.includes('decision') && !(scored && m.blockAtScore !== undefined)) {
    err(
      source.positionOf(path),
      'type',
      'the response mapping cannot tell a decision: give `decision:`, `label:` with `labels:`, `score:` with ' +
        '`blockAtScore:`, or a `regex:` with a (?<decision>…) group (or exitCodes:, for a command)',
    );
  }
  for (const p of thresholdProblems(m)) err(source.positionOf([...path, p.key]), 'type', p.message);
  if (m.label && !m.labels) {
    err(
      source.positionOf([...path, 'label']),
      'missing-field',
      '`label:` needs a `labels:` map (label → allow/tag/review/block)',
    );
  }
}
