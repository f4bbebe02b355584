/**
 * One campaign, end to end: load and check the file, resolve its tactics and samples, open the target, run the
 * waves into the store (or resume a run), then measure, run the contrast baselines and write the result document.
 * This is the library entry point the CLI shells over (`nograd campaign run`).
 */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { customTacticEntry } from '../catalog/custom.js';
import { TACTICS as CATALOG_TACTICS, getTactic } from '../catalog/index.js';
import type { InputContext, TargetInput, TargetVerdict } from '../contracts/target.js';
import type { CustomTacticT } from '../model/catalog-schema.js';
import { loadModel } from '../model/loader.js';
import { YamlSource } from '../model/yaml-source.js';
import { exposesOf, openTarget } from '../targets/registry.js';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { DAY_MS } from '../util/time.js';
import { VERSION } from '../util/version.js';
import { BASE_VARIANT } from './attempt.js';
import { runBaselines } from './baselines/index.js';
import { buildResult } from './build-result.js';
import { evades } from './evasion.js';
import {
  type CampaignConfig,
  type CampaignOverrides,
  campaignHash,
  type LoadedCampaign,
  loadCampaign,
} from './file.js';
import { RedirectRegistry } from './oracles/redirect-registry.js';
import type { CampaignResult } from './result.js';
import { type CampaignEvent, type FinishContext, type RunnerInput, runCampaign } from './runner.js';
import { type ResolvedSamples, resolveSampleSet } from './sample-sets.js';
import { type CampaignStore, DEFAULT_STORE, openStore } from './store.js';
import { loadTacticModules } from './tactic-modules.js';
import { resolveTactics, TacticSet } from './tactic-set.js';
import { createExecutableTactics, tacticLookup } from './tactics/index.js';
import type { ExecutableTactic } from './tactics/types.js';
import { mailValidityOracle, type ValidityOracle } from './validity.js';

/** A campaign file loaded and resolved: everything a run needs except the target and the store. */
export interface PreparedCampaign {
  loaded: LoadedCampaign;
  tactics: TacticSet;
  seeds: ResolvedSamples;
  benign: ResolvedSamples | null;
  oracle: ValidityOracle;
}

/**
 * Load a campaign file and resolve it. Problems in the file come back as one CampaignFileError listing every
 * `file:line:col`; a `system:` model is loaded to check the `components:` ids against it.
 */
export async function prepareCampaign(
  file: string,
  overrides: CampaignOverrides = {},
  text?: string,
): Promise<PreparedCampaign> {
  // Each campaign gets its own registry of simulated redirects and look-alike hosts: runs never see each other's.
  const registry = new RedirectRegistry();
  const executables = createExecutableTactics({ registry });
  const builtin = tacticLookup(executables);
  const path = resolve(file);
  if (text === undefined && !existsSync(path)) throw new UserError(`cannot read campaign file '${file}': no such file`);
  const fileText = text ?? readFileSync(path, 'utf8');
  // The user's own tactic modules first: their ids are part of what the file is checked against.
  const modules = await loadTacticModules(path, fileText);
  const fromModules = new Map([...modules.byIndex.values()].map((m) => [m.tactic.id, m.tactic as ExecutableTactic]));
  const lookup = (id: string) => fromModules.get(id) ?? builtin(id);
  const vocabulary = {
    tacticIds: executables.map((t) => t.id),
    catalogIds: CATALOG_TACTICS.map((t) => t.id),
    modules,
  };
  // The system model first (when the file names one): its components and its own tactics are part of the vocabulary.
  let custom: readonly CustomTacticT[] = [];
  let componentIds: string[] | undefined;
  const system = rawSystemPath(path, fileText);
  if (system !== undefined) {
    const model = loadModel(resolve(dirname(path), system)).model;
    componentIds = model.components.map((c) => c.id);
    custom = model.catalog?.tactics ?? [];
  }
  const loaded = loadCampaign(
    file,
    {
      ...vocabulary,
      ...(componentIds ? { componentIds } : {}),
      catalogIds: [...vocabulary.catalogIds, ...custom.map((t) => t.id)],
    },
    overrides,
    fileText,
  );
  const config = loaded.config;
  // Catalog entries: built-in, else the system model's own tactic (predicted cost and odds for calibration).
  const catalogTactic = (id: string) => {
    const own = custom.find((t) => t.id === id);
    return getTactic(id) ?? (own ? customTacticEntry(own) : undefined);
  };
  const tactics = new TacticSet(resolveTactics(config.tactics, lookup, catalogTactic));
  const seeds = resolveSampleSet(config.seeds, 'seeds', config.seed, loaded.baseDir);
  const benign = config.benign ? resolveSampleSet(config.benign, 'benign', config.seed, loaded.baseDir) : null;
  return { loaded, tactics, seeds, benign, oracle: await mailValidityOracle(registry, lookup) };
}

/**
 * A campaign resolved from a stored, already validated config (a distributed run's workers: they read the run's
 * config from the store; sample files resolve from `baseDir`, which must exist on their machine too).
 */
export async function preparedFromConfig(
  config: CampaignConfig,
  file: string,
  baseDir: string,
): Promise<PreparedCampaign> {
  const registry = new RedirectRegistry();
  const lookup = tacticLookup(createExecutableTactics({ registry }));
  const tactics = new TacticSet(resolveTactics(config.tactics, lookup, (id) => getTactic(id)));
  const seeds = resolveSampleSet(config.seeds, 'seeds', config.seed, baseDir);
  const benign = config.benign ? resolveSampleSet(config.benign, 'benign', config.seed, baseDir) : null;
  return {
    loaded: { file, baseDir, config, hash: campaignHash(config) },
    tactics,
    seeds,
    benign,
    oracle: await mailValidityOracle(registry),
  };
}

export interface RunCampaignOptions extends CampaignOverrides {
  /** The campaign store (a DuckDB path, default `.nograd/campaigns.duckdb`, a `postgres://` URL, or an open store the caller closes). */
  store?: string | CampaignStore;
  /** Resume this run; `true` resumes the newest unfinished run of the same campaign. */
  resume?: string | true;
  /** Use and fill the answer cache (default true). */
  cache?: boolean;
  signal?: AbortSignal;
  /** Environment for `${VAR}` in HTTP headers and for command targets (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Campaign file text (instead of reading `file`). */
  text?: string;
}

/**
 * Run (or resume) a campaign file. Streams events as attempts complete; the last event is `done` with the result
 * (or `stopped` then `done` when a budget or an interruption ended it early: the result covers what ran).
 */
export async function* runCampaignFile(file: string, options: RunCampaignOptions = {}): AsyncGenerator<CampaignEvent> {
  const overrides: CampaignOverrides = {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  };
  const prepared = await prepareCampaign(file, overrides, options.text);
  const ownStore = typeof options.store !== 'object';
  const store = typeof options.store === 'object' ? options.store : await openStore(options.store ?? DEFAULT_STORE);
  try {
    const resumeRunId = await resolveResume(store, prepared.loaded, options.resume);
    yield* runPrepared(prepared, store, {
      ...options,
      ...(resumeRunId ? { resume: resumeRunId } : { resume: undefined }),
    });
  } finally {
    if (ownStore) await store.close();
  }
}

async function resolveResume(
  store: CampaignStore,
  loaded: LoadedCampaign,
  resume: string | true | undefined,
): Promise<string | undefined> {
  if (resume === undefined) return undefined;
  if (typeof resume === 'string') {
    const row = await store.getRun(resume);
    if (!row) throw new UserError(`no run '${resume}' in ${store.path} (see \`nograd campaign list\`)`);
    if (row.status === 'completed')
      throw new UserError(`run ${resume} already completed; nothing to resume (start a new run without --resume)`);
    if (row.hash !== loaded.hash) {
      throw new UserError(
        `run ${resume} was started with a different campaign configuration (the file or --seed changed); start a new run instead`,
      );
    }
    return resume;
  }
  const runs = (await store.listRuns()).filter((r) => r.hash === loaded.hash && r.status !== 'completed');
  runs.sort((a, b) => b.createdMs - a.createdMs);
  const newest = runs[0];
  if (!newest) {
    throw new UserError(
      `no unfinished run of campaign '${loaded.config.name}' with this configuration in ${store.path}; start one without --resume`,
    );
  }
  return newest.runId;
}

/** Run a prepared campaign on an open store (the caller closes the store). */
export function runPrepared(
  prepared: PreparedCampaign,
  store: CampaignStore,
  options: Omit<RunCampaignOptions, 'resume' | 'store'> & {
    resume?: string;
    /** A distributed run's plan step (src/campaign/queue/plan-step.ts). */
    step?: Pick<RunnerInput, 'runId' | 'dispatcher' | 'keepErrored' | 'startedAt' | 'now' | 'extraResilience'>;
    /** Open the target another way (a worker reuses the handles it keeps open across steps). */
    openTarget?: RunnerInput['openTarget'];
  },
): AsyncIterable<CampaignEvent> {
  const { loaded, tactics, seeds, benign, oracle } = prepared;
  const config = loaded.config;
  const warnings: string[] = [];
  let system: (() => Promise<import('../reference/system.js').ReferenceSystem>) | undefined;
  const events = runCampaign({
    loaded,
    tactics,
    seeds,
    benign,
    oracle,
    store,
    ...(options.resume ? { resumeRunId: options.resume } : {}),
    cache: options.cache ?? true,
    ...(options.signal ? { signal: options.signal } : {}),
    ...options.step,
    nogradVersion: VERSION,
    async openTarget(hardening) {
      const handle = options.openTarget
        ? await options.openTarget(hardening)
        : await openTarget(config.target, {
            baseDir: loaded.baseDir,
            hardening,
            ...(options.env ? { env: options.env } : {}),
          });
      if (hardening.length === 0 && handle.system) system = handle.system;
      return handle;
    },
    async finish(ctx: FinishContext): Promise<CampaignResult> {
      const run = await store.getRun(ctx.runId);
      let baselines = null;
      if (ctx.status === 'completed' && (config.baselines.goodWord || config.baselines.gradient)) {
        const base = await baselineInputs(store, ctx.runId, seeds);
        baselines = await runBaselines({
          config,
          target: ctx.baseTarget.target,
          blockedSeeds: base.blocked,
          baselineScores: base.scores,
          benign: benign?.samples ?? [],
          evades: (v) => evades(config.evasion, v),
          contextFor: (seedId, tag) => baselineContext(config, seedId, tag),
          oracle,
          ...(system ? { system } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        });
      }
      const originals = new Map([...seeds.samples].map((s) => [s.id, s.content]));
      return buildResult({
        store,
        runId: ctx.runId,
        config,
        campaignFile: loaded.file,
        campaignHash: loaded.hash,
        tactics,
        target: ctx.baseTarget.target.info,
        status: ctx.status,
        stopReason: ctx.stopReason,
        createdMs: run?.createdMs ?? Date.now(),
        seeds: { count: seeds.samples.length, source: seeds.source },
        benign: benign ? { count: benign.samples.length, source: benign.source } : null,
        beam: ctx.beam,
        resilience: ctx.resilience,
        spent: ctx.spent,
        precision: ctx.precision,
        baselines,
        nogradVersion: VERSION,
        warnings,
        originalOf: (id) => originals.get(id),
      });
    },
  });
  return collectWarnings(events, warnings);
}

async function* collectWarnings(events: AsyncIterable<CampaignEvent>, into: string[]): AsyncGenerator<CampaignEvent> {
  for await (const e of events) {
    if (e.type === 'warning') into.push(e.message);
    yield e;
  }
}

/** Seeds the configured target blocked untouched on every repeat, and their untouched scores. */
async function baselineInputs(
  store: CampaignStore,
  runId: string,
  seeds: ResolvedSamples,
): Promise<{ blocked: TargetInput[]; scores: Map<string, number> }> {
  const passed = new Set<string>();
  const stopped = new Set<string>();
  const scores = new Map<string, number>();
  for await (const a of store.attempts(runId)) {
    if (a.variant !== BASE_VARIANT || a.set !== 'seeds' || a.chain.length) continue;
    if (a.error || a.evaded) passed.add(a.seedId);
    else stopped.add(a.seedId);
    if (a.repeat === 0 && a.score !== null) scores.set(a.seedId, a.score);
  }
  return { blocked: seeds.samples.filter((s) => stopped.has(s.id) && !passed.has(s.id)), scores };
}

/** Baseline probes come, like content attempts, from their own established account at their own simulated time. */
function baselineContext(config: CampaignConfig, seedId: string, tag: string): InputContext {
  const s = config.sender;
  const h = sha256Hex(`baseline|${seedId}|${tag}`);
  const offset = (Number.parseInt(h.slice(0, 12), 16) / 0xffffffffffff) * s.spreadDays * DAY_MS;
  return {
    accountId: `sender-${h.slice(0, 12)}`,
    accountAgeDays: s.accountAgeDays,
    timestamp: Math.floor(Date.parse(s.startTime) + offset),
  };
}

/** The executable tactics a campaign file may name (for `--help` and tooling). */
/** The campaign file's `system:` path as written, read before the file is checked (undefined when absent). */
function rawSystemPath(path: string, text: string): string | undefined {
  const source = new YamlSource(path, text);
  if (source.yamlDiagnostics.length > 0) return undefined;
  try {
    const system = (source.toJS() as { system?: unknown } | null)?.system;
    return typeof system === 'string' && system !== '' ? system : undefined;
  } catch {
    return undefined;
  }
}

/** What a stored run's module tactic looks like when its result is measured without running it again. */
function storedModuleTactic(id: string): ExecutableTactic {
  return {
    kind: 'content',
    id,
    summary: `${id} (a tactic module)`,
    defaults: {},
    defusedBy: [],
    apply: () => null,
  };
}

export function executableTactics(): readonly ExecutableTactic[] {
  return createExecutableTactics();
}

/**
 * The result document of a stored run: the one saved when it finished, else (a run that was killed or is still
 * going) one measured now from the attempts stored so far.
 */
export async function loadRunResult(store: CampaignStore, runId: string): Promise<CampaignResult> {
  const row = await store.getRun(runId);
  if (!row) throw new UserError(`no run '${runId}' in ${store.path} (see \`nograd campaign list\`)`);
  const saved = (await store.getResult(runId)) as CampaignResult | undefined;
  if (saved && row.status !== 'running') return saved;
  const config = row.config as CampaignConfig;
  const executables = createExecutableTactics();
  const builtin = tacticLookup(executables);
  // A module tactic's code is not re-imported to read stored attempts: a stand-in carries its id and kind.
  const lookup = (id: string) => builtin(id) ?? storedModuleTactic(id);
  const tactics = new TacticSet(resolveTactics(config.tactics, lookup, (id) => getTactic(id)));
  const seedIds = new Set<string>();
  const benignIds = new Set<string>();
  for await (const a of store.attempts(runId)) (a.set === 'seeds' ? seedIds : benignIds).add(a.seedId);
  const kind =
    (['reference', 'http', 'command', 'module'] as const).find((k) => config.target[k] !== undefined) ?? 'reference';
  return buildResult({
    store,
    runId,
    config,
    campaignFile: row.campaignFile,
    campaignHash: row.hash,
    tactics,
    target: { kind, fingerprint: row.targetFingerprint, exposes: exposesOf(config.target) },
    status: row.status,
    stopReason:
      row.stopReason ??
      (row.status === 'running' ? 'the run is still going, or its process was killed (resume it)' : null),
    createdMs: row.createdMs,
    seeds: { count: seedIds.size, source: 'seeds with stored attempts' },
    benign: benignIds.size ? { count: benignIds.size, source: 'benign messages with stored attempts' } : null,
    beam: null,
    resilience: {},
    spent: { queries: 0, money: 0, accounts: 0, wallSeconds: 0 },
    baselines: null,
    nogradVersion: row.nogradVersion,
    warnings: ['measured from the attempts stored so far: the run did not finish'],
  });
}
