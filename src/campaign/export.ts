/**
 * `campaign export`: a run's evasive variants (or all its answered attempts) as a dataset a team can feed to its
 * own training or rules — mbox (the exact bytes, mboxrd-quoted) or JSONL (one record per attempt with provenance
 * and the content as base64 of the exact bytes).
 *
 * Content comes from the store (it keeps the content of every evasive variant) or, where the store kept none (an
 * attempt that did not evade, an untouched seed, a store from an older nograd), is re-derived: the run's seeds are
 * read again and its chain re-applied, which is deterministic — and only used when the result hashes to the
 * attempt's stored input hash, i.e. when it is byte for byte what the target received. Anything that cannot be
 * reproduced (seed files changed or gone, stream chains whose sends were built per group) is left out and counted.
 *
 * mbox: message bytes are never changed, except that a message without a final line end gets one (mbox cannot
 * carry that; counted and reported; the JSONL keeps the exact bytes). Provenance headers (`X-Nograd-*`) are added
 * only on request (`headers: true`), at the top of each message, and the export then says so.
 */
import { z } from 'zod';
import { getTactic } from '../catalog/index.js';
import { contentBytes } from '../contracts/input-bytes.js';
import type { TargetInput } from '../contracts/target.js';
import { defineDocument } from '../util/document.js';
import { UserError } from '../util/errors.js';
import { sha256Hex } from '../util/hash.js';
import { VERSION } from '../util/version.js';
import type { AttemptRecord } from './attempt.js';
import type { CampaignConfig } from './file.js';
import { RedirectRegistry } from './oracles/redirect-registry.js';
import { applyChain, contentContext, inputHashOf } from './run/attempt-builder.js';
import { resolveSampleSet } from './sample-sets.js';
import { mboxEntry } from './samples/mbox.js';
import type { CampaignStore, RunRow } from './store.js';
import { resolveTactics, TacticSet } from './tactic-set.js';
import { createExecutableTactics, tacticLookup } from './tactics/index.js';

export type ExportFormat = 'mbox' | 'jsonl';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['mbox', 'jsonl'];

export interface ExportOptions {
  /** A run id, or undefined / "latest" for the newest run. */
  runId?: string;
  format: ExportFormat;
  /** Every answered attempt, not only the evasive variants. */
  all?: boolean;
  /** mbox only: add X-Nograd-* provenance headers at the top of each message (changes its bytes, knowingly). */
  headers?: boolean;
}

export interface ExportSummary {
  runId: string;
  selection: 'evaded' | 'all';
  written: number;
  /** Written with content re-derived from the seeds (the store kept none), verified against the input hash. */
  rederived: number;
  /** Selected but left out: content neither stored nor reproducible byte for byte. */
  notReproduced: number;
  /** Why the first left-out attempt could not be reproduced. */
  notReproducedReason?: string;
  /** Attempts never answered (not applicable, failed): not part of any selection. */
  unanswered: number;
  /** mbox: messages without a final line end, given one (the JSONL keeps the exact bytes). */
  lineEndsAdded: number;
}

const ChainStepSchema = z.strictObject({ name: z.string(), id: z.string(), params: z.record(z.string(), z.unknown()) });

/** One JSONL record: one attempt, its provenance and its exact bytes. */
export const ExportRecordSchema = z.strictObject({
  runId: z.string(),
  attemptId: z.string(),
  seq: z.number(),
  variant: z.string(),
  phase: z.string(),
  set: z.enum(['seeds', 'benign']),
  seed: z.strictObject({ id: z.string(), sha256: z.string() }),
  chain: z.array(ChainStepSchema),
  repeat: z.number(),
  target: z.strictObject({ fingerprint: z.string(), variant: z.string() }),
  decision: z.string().nullable(),
  score: z.number().nullable(),
  decidedBy: z.string().nullable(),
  evaded: z.boolean(),
  valid: z.boolean().nullable(),
  success: z.boolean(),
  cached: z.boolean(),
  content: z.strictObject({
    encoding: z.enum(['utf8', 'binary']),
    sha256: z.string(),
    base64: z.string(),
    source: z.enum(['stored', 're-derived']),
  }),
  time: z.string(),
});
export type ExportRecord = z.output<typeof ExportRecordSchema>;

/** The JSONL's first line: what the records are (envelope `nograd-campaign-export`). */
export const ExportHeaderDocument = defineDocument(
  'nograd-campaign-export',
  1,
  z.strictObject({
    runId: z.string(),
    campaign: z.string(),
    selection: z.enum(['evaded', 'all']),
    evasionCondition: z.record(z.string(), z.unknown()),
    targetFingerprint: z.string(),
    nogradVersion: z.string(),
    createdAt: z.string(),
  }),
  { what: 'campaign export header', remedy: 'run `nograd campaign export --format jsonl`' },
);

/** Read a JSONL export back: the header line and every record, validated. */
export function parseExportJsonl(text: string, source = 'export'): { header: unknown; records: ExportRecord[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new UserError(`${source}: empty export`);
  const header = ExportHeaderDocument.parse(JSON.parse(lines[0]!), `${source}:1`);
  const records = lines.slice(1).map((l, i) => {
    const r = ExportRecordSchema.safeParse(JSON.parse(l));
    if (!r.success) throw new UserError(`${source}:${i + 2}: not an export record: ${r.error.issues[0]?.message}`);
    return r.data;
  });
  return { header, records };
}

/** The bytes of a record's content. */
export function recordBytes(r: ExportRecord): Buffer {
  return Buffer.from(r.content.base64, 'base64');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** asctime(3) in UTC, as mbox `From ` lines carry it. */
function asctime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Re-derives content the store did not keep; verified against the attempt's input hash. */
class Rederiver {
  private state?: { samples: Map<string, TargetInput>; tactics: TacticSet; config: CampaignConfig } | { error: string };

  constructor(private readonly run: RunRow) {}

  private init() {
    if (this.state) return this.state;
    try {
      const config = this.run.config as CampaignConfig;
      const executables = createExecutableTactics({ registry: new RedirectRegistry() });
      const tactics = new TacticSet(resolveTactics(config.tactics, tacticLookup(executables), (id) => getTactic(id)));
      const samples = new Map<string, TargetInput>();
      const seeds = resolveSampleSet(config.seeds, 'seeds', config.seed, this.run.baseDir);
      for (const s of seeds.samples) samples.set(`seeds\u0000${s.id}`, s);
      if (config.benign) {
        for (const s of resolveSampleSet(config.benign, 'benign', config.seed, this.run.baseDir).samples) {
          samples.set(`benign\u0000${s.id}`, s);
        }
      }
      this.state = { samples, tactics, config };
    } catch (e) {
      this.state = { error: `cannot read the run's seeds again: ${(e as Error).message.split('\n')[0]}` };
    }
    return this.state;
  }

  derive(a: AttemptRecord): { content: string; encoding: AttemptRecord['encoding'] } | { error: string } {
    const st = this.init();
    if ('error' in st) return st;
    const sample = st.samples.get(`${a.set}\u0000${a.seedId}`);
    if (!sample) return { error: `seed ${a.seedId} is no longer among the run's seeds` };
    const applied = applyChain(sample, a.chain, a.repeat, st.tactics, st.config.seed);
    const sent: TargetInput = {
      id: sample.id,
      content: applied.content,
      encoding: applied.encoding,
      context: contentContext(st.config.sender, sample.id, a.chain, a.repeat),
    };
    if (!applied.applicable || inputHashOf(sent) !== a.inputHash) {
      return { error: `attempt ${a.key} does not reproduce byte for byte (seed changed, or a stream chain)` };
    }
    return { content: applied.content, encoding: applied.encoding };
  }
}

/** Resolve `runId` ("latest" or undefined: the newest run). */
export async function findRun(store: CampaignStore, runId: string | undefined): Promise<RunRow> {
  if (runId === undefined || runId === 'latest') {
    const newest = (await store.listRuns())[0];
    if (!newest) throw new UserError(`no runs in ${store.path} yet (start one with \`nograd campaign run <file>\`)`);
    return newest;
  }
  const run = await store.getRun(runId);
  if (!run) {
    const ids = (await store.listRuns()).map((r) => r.runId);
    throw new UserError(
      `no run '${runId}' in ${store.path}${ids.length ? ` (runs: ${ids.slice(0, 5).join(', ')})` : ''}`,
    );
  }
  return run;
}

/**
 * Write a run's export through `write` (chunks in order). Selection: evasive variants (a tactic changed the seed
 * and the decision met the evasion condition), or with `all` every answered attempt, untouched seeds included.
 */
export async function exportRun(
  store: CampaignStore,
  options: ExportOptions,
  write: (chunk: Buffer | string) => void,
): Promise<ExportSummary> {
  const run = await findRun(store, options.runId);
  const config = run.config as CampaignConfig;
  const steps = new Map(
    config.tactics.map((t) => [
      t.as ?? t.id,
      { name: t.as ?? t.id, id: t.id, params: t.params as Record<string, unknown> },
    ]),
  );
  const summary: ExportSummary = {
    runId: run.runId,
    selection: options.all ? 'all' : 'evaded',
    written: 0,
    rederived: 0,
    notReproduced: 0,
    unanswered: 0,
    lineEndsAdded: 0,
  };
  if (options.format === 'jsonl') {
    const header = {
      ...ExportHeaderDocument.envelope(),
      runId: run.runId,
      campaign: run.name,
      selection: summary.selection,
      evasionCondition: config.evasion as Record<string, unknown>,
      targetFingerprint: run.targetFingerprint,
      nogradVersion: VERSION,
      createdAt: new Date().toISOString(),
    };
    write(`${JSON.stringify(header)}\n`);
  }
  const rederiver = new Rederiver(run);
  for await (const a of store.attempts(run.runId, { withContent: true })) {
    if (!a.applicable || a.error !== null || a.decision === null) {
      summary.unanswered++;
      continue;
    }
    if (!options.all && !(a.evaded && a.chain.length > 0)) continue;
    let content: { content: string; encoding: AttemptRecord['encoding'] };
    let source: 'stored' | 're-derived' = 'stored';
    if (a.transformed !== null) content = { content: a.transformed, encoding: a.encoding };
    else {
      const d = rederiver.derive(a);
      if ('error' in d) {
        summary.notReproduced++;
        summary.notReproducedReason ??= d.error;
        continue;
      }
      content = d;
      source = 're-derived';
      summary.rederived++;
    }
    const bytes = contentBytes(content.content, content.encoding);
    if (options.format === 'jsonl') {
      const record: ExportRecord = {
        runId: a.runId,
        attemptId: a.key,
        seq: a.seq,
        variant: a.variant,
        phase: a.phase,
        set: a.set,
        seed: { id: a.seedId, sha256: a.originalHash },
        chain: a.chain.map((n) => steps.get(n) ?? { name: n, id: n, params: {} }),
        repeat: a.repeat,
        target: { fingerprint: run.targetFingerprint, variant: a.variant },
        decision: a.decision,
        score: a.score,
        decidedBy: a.decidedBy,
        evaded: a.evaded,
        valid: a.valid,
        success: a.success,
        cached: a.cached,
        content: { encoding: content.encoding, sha256: sha256Hex(bytes), base64: bytes.toString('base64'), source },
        time: new Date(a.createdMs).toISOString(),
      };
      write(`${JSON.stringify(record)}\n`);
    } else {
      if (bytes.length === 0 || bytes[bytes.length - 1] !== 0x0a) summary.lineEndsAdded++;
      const message = options.headers ? withProvenance(bytes, a, run, sha256Hex(bytes)) : bytes;
      write(mboxEntry(`From nograd@localhost ${asctime(a.createdMs)}`, message));
    }
    summary.written++;
  }
  return summary;
}

/** X-Nograd-* header fields on top of the message (values on one line, ASCII-safe). */
function withProvenance(bytes: Buffer, a: AttemptRecord, run: RunRow, contentSha: string): Buffer {
  const eol = bytes.includes('\r\n') ? '\r\n' : '\n';
  const clean = (v: string) => v.replace(/[^\x20-\x7e]/g, '?');
  const fields: Array<[string, string]> = [
    ['X-Nograd-Run', run.runId],
    ['X-Nograd-Attempt', a.key],
    ['X-Nograd-Seed', a.seedId],
    ['X-Nograd-Seed-Sha256', a.originalHash],
    ['X-Nograd-Chain', a.chain.join(' + ') || '(none)'],
    ['X-Nograd-Decision', `${a.decision}${a.score !== null ? `; score=${a.score}` : ''}`],
    ['X-Nograd-Content-Sha256', contentSha],
  ];
  const head = fields.map(([k, v]) => `${k}: ${clean(v)}${eol}`).join('');
  return Buffer.concat([Buffer.from(head, 'latin1'), bytes]);
}
