/**
 * Campaigns in the workbench: runs read from the served directory's campaign store, and one campaign at a time
 * started from a campaign file in the directory, its progress streamed to the browser. The store is a DuckDB file
 * that one process may hold at a time, so it is opened only for a request (and closed after, leaving it free for
 * `nograd campaign run` in a terminal), except while a campaign started here runs: then the run's open store
 * serves the reads too. Access is serialised so two requests never open the file twice.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCatalog } from '../analysis/catalog-data.js';
import { analyzeEconomics } from '../analysis/economics/economics.js';
import { buildCalibration } from '../campaign/calibration.js';
import type { CampaignConfig } from '../campaign/file.js';
import type { CampaignResult } from '../campaign/result.js';
import { resolveSampleSet } from '../campaign/sample-sets.js';
import { loadRunResult, runCampaignFile } from '../campaign/session.js';
import { type CampaignStore, DEFAULT_STORE, openStore } from '../campaign/store.js';
import { loadModel } from '../model/loader.js';
import { UserError } from '../util/errors.js';
import type { EventHub } from './events.js';
import { confine } from './security.js';

export const MAX_PAGE = 1000;
const IDLE_CLOSE_MS = 2000;

export class CampaignService {
  private running: { file: string; runId: string | null; store: CampaignStore; abort: AbortController } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** The store kept open between requests that come in quick succession (scrolling the attempts table). */
  private idle: { store: CampaignStore; timer: NodeJS.Timeout } | undefined;

  constructor(
    readonly root: string,
    private readonly hub: EventHub,
  ) {}

  get storePath(): string {
    return join(this.root, DEFAULT_STORE);
  }

  /**
   * Run `fn` on the store: the running campaign's, else one opened for this call and closed after IDLE_CLOSE_MS
   * without requests (so a burst of page requests opens the file once, and a terminal can use it soon after).
   */
  private use<T>(fn: (store: CampaignStore) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      if (this.running) return fn(this.running.store);
      if (!this.idle && !existsSync(this.storePath))
        throw new UserError('no campaign store in this directory yet (run a campaign)');
      let store: CampaignStore;
      if (this.idle) {
        clearTimeout(this.idle.timer);
        store = this.idle.store;
        this.idle = undefined;
      } else store = await openStore(this.storePath);
      try {
        return await fn(store);
      } finally {
        const timer = setTimeout(() => this.closeIdle(), IDLE_CLOSE_MS);
        timer.unref();
        this.idle = { store, timer };
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private closeIdle(): Promise<void> {
    const idle = this.idle;
    if (!idle) return Promise.resolve();
    this.idle = undefined;
    clearTimeout(idle.timer);
    const done = this.queue.then(() => idle.store.close());
    this.queue = done.catch(() => undefined);
    return done;
  }

  status() {
    return this.running ? { running: true, file: this.running.file, runId: this.running.runId } : { running: false };
  }

  async runs() {
    if (!this.running && !existsSync(this.storePath)) return [];
    return this.use(async (s) =>
      (await s.listRuns()).map((r) => ({
        runId: r.runId,
        name: r.name,
        campaignFile: r.campaignFile,
        status: r.status,
        stopReason: r.stopReason,
        attempts: r.attempts,
        createdMs: r.createdMs,
        target: targetKind(r.config as CampaignConfig),
      })),
    );
  }

  /** One run: per-chain evasion with intervals, the outcome split, and predicted vs measured where a model is named. */
  async run(runId: string) {
    return this.use(async (s) => {
      const row = await s.getRun(runId);
      if (!row) throw new UserError(`no run '${runId}'`);
      const result = await loadRunResult(s, runId);
      const decisions = await s.decisionCounts(runId);
      return {
        runId,
        name: result.name,
        status: result.status,
        stopReason: result.stopReason,
        target: result.target,
        totals: result.totals,
        baseline: result.baseline,
        chains: result.chains.map((c) => ({
          label: c.label,
          variant: c.variant,
          phase: c.phase,
          attempts: c.attempts,
          n: c.n,
          evasion: c.evasion,
          evadedInvalid: c.evadedInvalid,
          defusedBy: c.defusedBy,
        })),
        decisions,
        attempts: row.attempts,
        calibration: this.calibration(row.config as CampaignConfig, row.baseDir, result),
        warnings: result.warnings,
      };
    });
  }

  /** Predicted (the model's economics) against measured (this run), computed by the analysis's calibration. */
  private calibration(config: CampaignConfig, baseDir: string, result: CampaignResult) {
    const system = (config as { system?: string }).system;
    if (!system) return null;
    try {
      const file = confine(this.root, join(baseDir, system));
      const loaded = loadModel(file, { includeRoot: this.root });
      const econ = analyzeEconomics(loaded.model, builtinCatalog(), {
        recommendations: false,
        calibration: { file: buildCalibration(result), apply: false },
      });
      return (econ.calibration?.rows ?? []).map((r) => ({
        tactic: r.tactic,
        name: r.name ?? r.tactic,
        n: r.n,
        predicted: r.predicted?.successProbability ?? null,
        measured: r.measured.successRate,
        ci95: r.measured.ci95,
        withinCi: r.withinCi,
      }));
    } catch {
      return null;
    }
  }

  async attempts(runId: string, offset: number, limit: number) {
    const n = Math.min(MAX_PAGE, Math.max(1, limit));
    return this.use(async (s) => {
      const row = await s.getRun(runId);
      if (!row) throw new UserError(`no run '${runId}'`);
      const rows = await s.attemptsPage(runId, offset, n);
      return {
        total: row.attempts,
        offset,
        rows: rows.map((a) => ({
          key: a.key,
          seq: a.seq,
          variant: a.variant,
          phase: a.phase,
          seedId: a.seedId,
          chain: a.chain.join(' + ') || '(none)',
          decision: a.decision,
          score: a.score,
          success: a.success,
          valid: a.valid,
          error: a.error,
        })),
      };
    });
  }

  /** One attempt: the original sample beside what was sent (kept for successful evasions). */
  async attempt(key: string) {
    return this.use(async (s) => {
      const a = await s.attempt(key);
      if (!a) throw new UserError(`no attempt '${key}'`);
      const row = await s.getRun(a.runId);
      let original: string | null = null;
      if (row) {
        const config = row.config as CampaignConfig;
        try {
          const spec = a.set === 'seeds' ? config.seeds : config.benign;
          if (spec) {
            const samples = resolveSampleSet(spec, a.set, row.seed, row.baseDir);
            const found = samples.samples.find((x) => x.id === a.seedId);
            if (found) original = typeof found.content === 'string' ? found.content : String(found.content);
          }
        } catch {
          original = null;
        }
      }
      return { ...a, original };
    });
  }

  /** Start a campaign file in the background; progress goes to the event hub. */
  async start(file: string): Promise<{ started: true }> {
    if (this.running) throw new UserError('a campaign is already running here; wait for it or stop it');
    const abs = confine(this.root, file);
    if (!existsSync(abs)) throw new UserError(`no campaign file '${file}'`);
    // Wait for reads in flight and release the idle handle before the run holds the store.
    await this.closeIdle();
    await this.queue;
    const store = await openStore(this.storePath);
    const abort = new AbortController();
    this.running = { file, runId: null, store, abort };
    const publish = (data: unknown) => this.hub.publish({ event: 'campaign', data });
    void (async () => {
      let done = 0;
      let total = 0;
      let last = 0;
      try {
        for await (const e of runCampaignFile(abs, { store, signal: abort.signal })) {
          if (e.type === 'start') {
            this.running!.runId = e.runId;
            total = e.estimatedAttempts;
            publish({ type: 'start', file, runId: e.runId, total });
          } else if (e.type === 'phase') publish({ type: 'phase', phase: e.phase, variant: e.variant, done, total });
          else if (e.type === 'attempt') {
            done++;
            const now = Date.now();
            if (now - last > 100) {
              last = now;
              publish({ type: 'progress', runId: this.running!.runId, done, total });
            }
          } else if (e.type === 'warning') publish({ type: 'warning', message: e.message });
          else if (e.type === 'stopped') publish({ type: 'stopped', status: e.status, reason: e.reason });
          else if (e.type === 'done') publish({ type: 'progress', runId: e.result.runId, done, total });
        }
        publish({ type: 'done', runId: this.running!.runId, done, total });
      } catch (e) {
        publish({ type: 'error', message: (e as Error).message });
      } finally {
        const r = this.running;
        this.running = undefined;
        await r?.store.close();
      }
    })();
    return { started: true };
  }

  stop(): void {
    this.running?.abort.abort();
  }

  async close(): Promise<void> {
    await this.closeIdle();
    if (!this.running) return;
    this.running.abort.abort();
    for (let i = 0; i < 100 && this.running; i++) await new Promise((r) => setTimeout(r, 50));
  }
}

function targetKind(config: CampaignConfig): string {
  const t = config.target as Record<string, unknown>;
  const kind = ['reference', 'http', 'command', 'module'].find((k) => t[k] !== undefined) ?? 'unknown';
  return kind;
}
