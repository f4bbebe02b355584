/**
 * Score a mined suite against planted ground truth (`nograd traces evaluate`).
 *
 * The suite's case order is the review order: an analyst reads cases top down. A case is a *find* when its input is
 * a real evasion: spam by ground truth that got past the system (allowed, or held for review and not confirmed
 * spam) on at least one of its logged rows. Ground truth comes from the decision logs' `truth` and `campaign`
 * columns (simulated traffic) and from `events.json` (every planted message's id and input hash), so a log without
 * truth columns is still scored on the planted campaigns.
 *
 * Reported: the near-miss curve (finds against reviewed cases), reviews per find, the first-find rank of every
 * planted campaign, and each miner's precision (finds among the cases it filed, and among every case it found).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ingestTraces } from '../traces/ingest.js';
import { BOUNDARY_DISTANCE } from '../traces/miners/miner.js';
import type { StoreOptions } from '../traces/store.js';
import { defineDocument } from '../util/document.js';
import { UserError } from '../util/errors.js';
import type { Suite } from './suite.js';

const PlantedSchema = z.looseObject({
  id: z.string(),
  inputHash: z.string().optional(),
  decision: z.string().optional(),
});
const EventsSchema = z.looseObject({
  events: z.array(
    z.looseObject({
      kind: z.string(),
      campaign: z.string().optional(),
      tactic: z.string().optional(),
      planted: z.array(PlantedSchema).optional(),
    }),
  ),
  campaigns: z.array(z.looseObject({ name: z.string() })).optional(),
});

export interface PlantedCampaign {
  name: string;
  /** Tactic family (evasive campaigns) or the injected event kind / `adaptive`. */
  tactic: string;
  /** Planted messages (rows in the logs). */
  messages: number;
  /** Distinct planted inputs that were real evasions. */
  evasions: number;
  /** Cases in the ranking that are evasions of this campaign. */
  finds: number;
  /** 1-based rank of its first find, if any. */
  firstFindRank: number | null;
  /** firstFindRank as a share of the ranking. */
  firstFindShare: number | null;
}

export interface MinerPrecision {
  miner: string;
  /** Cases filed under this miner. */
  cases: number;
  finds: number;
  precision: number;
  /** Cases this miner found at all (filed under it or listed in `also`), and the finds among them. */
  found: number;
  foundFinds: number;
}

export interface EvaluationResult {
  suite: string;
  /** Cases ranked (the suite's length). */
  ranked: number;
  logs: {
    rows: number;
    /** Distinct inputs scored within `band` of a decision boundary on some row: the paper's "uncertain" items. */
    uncertainInputs: number;
    band: number;
    /** Distinct inputs that were real evasions (the most finds there can be). */
    evasionInputs: number;
    truthColumn: boolean;
  };
  finds: number;
  reviewsPerFind: number | null;
  /** [reviewed, finds] after each find (the curve's steps), starting at [0, 0]. */
  curve: Array<[number, number]>;
  /** Finds after k reviewed, at fixed checkpoints. */
  checkpoints: Array<{ reviewed: number; finds: number }>;
  /** Reviewed cases needed for the first 100 finds (null: fewer finds in the ranking). */
  reviewsForFirst100: number | null;
  campaigns: PlantedCampaign[];
  miners: MinerPrecision[];
  goals: {
    first100Within460: boolean;
    volumeAtLeast9000: boolean;
    everyCampaignWithin5Percent: boolean;
  };
}

export const EvaluationDocument = defineDocument(
  'nograd-traces-evaluation',
  1,
  z.looseObject({
    suite: z.string(),
    ranked: z.number(),
    finds: z.number(),
    curve: z.array(z.tuple([z.number(), z.number()])),
  }),
  { what: 'traces evaluation', remedy: 'write one with `nograd traces evaluate … --format json`', keepInput: true },
);

export interface EvaluateOptions {
  /** Decision logs the suite was mined from (ground truth columns, uncertain counts). */
  logs: readonly string[];
  /** events.json of the reference traffic run. */
  events?: string;
  /** The uncertain band for the volume figure (default 0.05, as the uncertain miner). */
  band?: number;
  store?: StoreOptions;
  suiteName?: string;
}

interface InputTruth {
  spam: boolean;
  evasion: boolean;
  campaign: string | null;
}

function readEvents(path: string): z.infer<typeof EventsSchema> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read events '${path}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UserError(`events '${path}' is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = EventsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(
      `events '${path}' is not a reference-traffic events.json: ${issue?.message} at '${issue?.path.join('.')}'`,
    );
  }
  return parsed.data;
}

export async function evaluateSuite(suite: Suite, opts: EvaluateOptions): Promise<EvaluationResult> {
  if (opts.logs.length === 0) throw new UserError('traces evaluate needs the decision logs the suite was mined from');
  const band = opts.band ?? 0.05;
  const events = opts.events ? readEvents(opts.events) : undefined;

  // Campaign of each planted input, and the planted campaigns' names and tactics.
  const plantedCampaign = new Map<string, string>();
  const tacticOf = new Map<string, string>();
  for (const e of events?.events ?? []) {
    if (!e.campaign) continue;
    tacticOf.set(e.campaign, e.tactic ?? e.kind);
    for (const p of e.planted ?? []) if (p.inputHash) plantedCampaign.set(p.inputHash, e.campaign);
  }
  for (const c of events?.campaigns ?? []) if (!tacticOf.has(c.name)) tacticOf.set(c.name, 'adaptive');

  const { store, summary } = await ingestTraces(opts.logs, { ...(opts.store ? { store: opts.store } : {}) });
  const truth = new Map<string, InputTruth>();
  let uncertainInputs = 0;
  let truthColumn = false;
  const campaignMessages = new Map<string, number>();
  try {
    const { n } = await store.one<{ n: number }>(`SELECT count(*)::DOUBLE AS n FROM decisions WHERE truth IS NOT NULL`);
    truthColumn = n > 0;
    const delivered = `(decision = 'allow' OR (decision = 'review' AND coalesce(reviewerOutcome, '') <> 'spam'))`;
    const rows = await store.rows<{
      h: string;
      spam: boolean;
      delivered: boolean;
      uncertain: boolean;
      campaign: string | null;
      messages: number;
    }>(`SELECT inputHash AS h, coalesce(bool_or(truth = 'spam'), false) AS spam,
          coalesce(bool_or(${delivered}), false) AS delivered,
          coalesce(bool_or(score IS NOT NULL AND ${BOUNDARY_DISTANCE} <= ${band}::DOUBLE), false) AS uncertain,
          any_value(campaign) FILTER (WHERE campaign IS NOT NULL) AS campaign, count(*)::DOUBLE AS messages
        FROM decisions WHERE inputHash IS NOT NULL GROUP BY inputHash`);
    for (const r of rows) {
      if (r.uncertain) uncertainInputs++;
      const campaign = plantedCampaign.get(r.h) ?? r.campaign ?? null;
      const spam = r.spam || plantedCampaign.has(r.h);
      if (campaign) campaignMessages.set(campaign, (campaignMessages.get(campaign) ?? 0) + r.messages);
      if (spam || campaign) truth.set(r.h, { spam, evasion: spam && r.delivered, campaign });
    }
  } finally {
    await store.close();
  }

  const cases = suite.cases;
  const isFind = cases.map((c) => {
    const h = c.provenance?.inputHash;
    return h !== undefined && truth.get(h)?.evasion === true;
  });
  const curve: Array<[number, number]> = [[0, 0]];
  let finds = 0;
  let reviewsForFirst100: number | null = null;
  isFind.forEach((f, i) => {
    if (!f) return;
    finds++;
    curve.push([i + 1, finds]);
    if (finds === 100) reviewsForFirst100 = i + 1;
  });
  const checkpoints = [10, 25, 50, 100, 200, 460, 1000, 2000, 5000]
    .filter((k) => k <= cases.length)
    .concat(cases.length)
    .filter((k, i, all) => all.indexOf(k) === i)
    .map((reviewed) => ({ reviewed, finds: isFind.slice(0, reviewed).filter(Boolean).length }));

  // Planted campaigns: every campaign named in events.json, plus campaigns tagged in the logs.
  const names = new Set<string>([...tacticOf.keys(), ...campaignMessages.keys()]);
  const campaigns: PlantedCampaign[] = [...names].sort().map((name) => {
    let evasions = 0;
    for (const t of truth.values()) if (t.campaign === name && t.evasion) evasions++;
    let first: number | null = null;
    let found = 0;
    cases.forEach((c, i) => {
      const t = c.provenance?.inputHash ? truth.get(c.provenance.inputHash) : undefined;
      if (t?.campaign === name && t.evasion) {
        found++;
        if (first === null) first = i + 1;
      }
    });
    return {
      name,
      tactic: tacticOf.get(name) ?? 'logged',
      messages: campaignMessages.get(name) ?? 0,
      evasions,
      finds: found,
      firstFindRank: first,
      firstFindShare: first === null || cases.length === 0 ? null : (first as number) / cases.length,
    };
  });

  const byMiner = new Map<string, MinerPrecision>();
  const minerRow = (m: string) => {
    let row = byMiner.get(m);
    if (!row) {
      row = { miner: m, cases: 0, finds: 0, precision: 0, found: 0, foundFinds: 0 };
      byMiner.set(m, row);
    }
    return row;
  };
  cases.forEach((c, i) => {
    const primary = c.provenance?.miner ?? 'manual';
    const row = minerRow(primary);
    row.cases++;
    if (isFind[i]) row.finds++;
    for (const m of new Set([primary, ...(c.provenance?.also ?? []).map((a) => a.miner)])) {
      const r = minerRow(m);
      r.found++;
      if (isFind[i]) r.foundFinds++;
    }
  });
  for (const r of byMiner.values()) r.precision = r.cases ? r.finds / r.cases : 0;

  const withEvasions = campaigns.filter((c) => c.evasions > 0);
  return {
    suite: opts.suiteName ?? suite.name ?? 'suite',
    ranked: cases.length,
    logs: {
      rows: summary.validRows,
      uncertainInputs,
      band,
      evasionInputs: [...truth.values()].filter((t) => t.evasion).length,
      truthColumn,
    },
    finds,
    reviewsPerFind: finds ? cases.length / finds : null,
    curve,
    checkpoints,
    reviewsForFirst100,
    campaigns,
    miners: [...byMiner.values()].sort((a, b) => b.precision - a.precision || a.miner.localeCompare(b.miner)),
    goals: {
      first100Within460: reviewsForFirst100 !== null && reviewsForFirst100 <= 460,
      volumeAtLeast9000: uncertainInputs >= 9000,
      everyCampaignWithin5Percent:
        withEvasions.length > 0 && withEvasions.every((c) => c.firstFindShare !== null && c.firstFindShare <= 0.05),
    },
  };
}
