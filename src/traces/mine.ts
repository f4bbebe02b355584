/**
 * Run the miners over an ingested trace store and bring back a bounded set of candidates. Each miner's SQL runs
 * inside DuckDB; so do the deduplication (one candidate per input hash, keeping the most informative row and
 * collecting the trace ids of all), the per-cluster cap and the per-miner cap. Only the kept candidates reach
 * JavaScript, so memory does not grow with the logs.
 */
import { UserError } from '../util/errors.js';
import type { Candidate } from './candidate.js';
import { ISO_FORMAT } from './ingest.js';
import { DEFAULT_MINER_PARAMS, MINER_NAMES, MINERS, type Miner, type MinerParams } from './miners/index.js';
import { sqlIdent } from './sql.js';
import type { TraceStore } from './store.js';

export interface MineOptions {
  /** Miner names to run (default: all that have data: campaign-evasion needs campaign attempts). */
  miners?: readonly string[];
  params?: Partial<MinerParams>;
  /** Most cases one miner contributes (default 50). */
  maxPerMiner?: number;
  /** Most cases per cluster within one miner (default 3). */
  maxPerCluster?: number;
  /** Most trace ids and times kept per case (default 10). */
  maxTraceIds?: number;
  /** View of good decision rows (default `decisions`). */
  decisionsView?: string;
  /** View of good campaign attempts, when campaign results were ingested. */
  campaignAttemptsView?: string;
  onProgress?: (event: { miner: string; index: number; total: number }) => void;
}

export interface MinerReport {
  name: string;
  /** Rows the miner matched before deduplication and capping. */
  matched: number;
  /** Candidates kept. */
  kept: number;
  /** Why it did not run. */
  skipped?: string;
}

export interface MiningResult {
  miners: MinerReport[];
  candidates: Candidate[];
  params: MinerParams;
}

export function selectMiners(names: readonly string[] | undefined): Miner[] {
  if (!names || names.length === 0) return [...MINERS];
  return names.map((n) => {
    const m = MINERS.find((x) => x.name === n);
    if (!m) throw new UserError(`unknown miner '${n}' (choose from: ${MINER_NAMES.join(', ')})`);
    return m;
  });
}

export async function mineTraces(store: TraceStore, opts: MineOptions = {}): Promise<MiningResult> {
  const params: MinerParams = { ...DEFAULT_MINER_PARAMS, ...opts.params };
  const explicit = Boolean(opts.miners && opts.miners.length > 0);
  const miners = selectMiners(opts.miners);
  const decisions = opts.decisionsView ?? 'decisions';
  const reports: MinerReport[] = [];
  const candidates: Candidate[] = [];
  for (const [index, miner] of miners.entries()) {
    opts.onProgress?.({ miner: miner.name, index, total: miners.length });
    if (miner.source === 'campaign-attempts' && !opts.campaignAttemptsView) {
      if (explicit)
        throw new UserError(`miner '${miner.name}' needs campaign results: pass --campaign-results <attempts.jsonl>`);
      reports.push({ name: miner.name, matched: 0, kept: 0, skipped: 'no campaign results given' });
      continue;
    }
    const sql = miner.sql({
      decisions,
      ...(opts.campaignAttemptsView ? { campaignAttempts: opts.campaignAttemptsView } : {}),
      params,
    });
    // Keep only the narrow columns of the matched rows: wide ones (the input) are fetched for the kept few.
    const narrow = miner.source === 'decisions' ? 'templateHash' : 'NULL::VARCHAR AS templateHash';
    await store.run(
      `CREATE OR REPLACE TEMP TABLE _mined AS SELECT _row, id, ts, inputHash, ${narrow}, _info, _reason, _cluster FROM (${sql})`,
    );
    const { matched } = await store.one<{ matched: number }>('SELECT count(*)::INTEGER AS matched FROM _mined');
    const rows =
      matched === 0
        ? []
        : await store.rows<CandidateRow>(
            capSql(
              miner.source === 'decisions' ? decisions : undefined,
              miner.source === 'decisions' ? decisions : (opts.campaignAttemptsView as string),
              {
                maxPerMiner: opts.maxPerMiner ?? 50,
                maxPerCluster: opts.maxPerCluster ?? 3,
                maxTraceIds: opts.maxTraceIds ?? 10,
              },
            ),
          );
    await store.run('DROP TABLE _mined');
    const found = rows.map((r) => toCandidate(miner.name, r));
    reports.push({ name: miner.name, matched, kept: found.length });
    candidates.push(...found);
  }
  return { miners: reports, candidates, params };
}

interface Caps {
  maxPerMiner: number;
  maxPerCluster: number;
  maxTraceIds: number;
}

/**
 * Dedupe the mined rows by input, cap per cluster and per miner, and (for decision logs) gather every label known
 * for each kept input across all its rows, not only the matched ones.
 */
function capSql(decisionsView: string | undefined, sourceView: string, caps: Caps): string {
  const n = Math.max(1, Math.floor(caps.maxTraceIds));
  const order = 'ts DESC NULLS LAST, _row DESC';
  const labels = decisionsView
    ? `, labels AS (
      SELECT coalesce(inputHash, 'id:' || id) AS _key,
        first(reviewerOutcome ORDER BY ${order}) FILTER (WHERE reviewerOutcome IS NOT NULL) AS _reviewer,
        first(userReport ORDER BY ${order}) FILTER (WHERE userReport IS NOT NULL) AS _user_report,
        first(truth ORDER BY ${order}) FILTER (WHERE truth IS NOT NULL) AS _truth,
        first(decision ORDER BY ${order}) AS _latest_decision,
        first(score ORDER BY ${order}) AS _latest_score,
        first(threshold ORDER BY ${order}) AS _latest_threshold,
        first(modelVersion ORDER BY ${order}) AS _latest_version,
        first(decidedBy ORDER BY ${order}) AS _latest_decided_by
      FROM ${sqlIdent(decisionsView)}
      WHERE coalesce(inputHash, 'id:' || id) IN (SELECT _key FROM top)
      GROUP BY 1)`
    : '';
  const contextCols = decisionsView
    ? `src.account AS _account, src.accountAgeDays AS _account_age, src.sourceIp AS _source_ip, top.templateHash AS _template_hash, labels.* EXCLUDE (_key)`
    : `src.context AS _context, NULL::VARCHAR AS _template_hash, src.decision AS _latest_decision, src.score AS _latest_score,
       NULL::DOUBLE AS _latest_threshold, NULL::VARCHAR AS _latest_version, NULL::VARCHAR AS _latest_decided_by, TRUE AS _attack`;
  const clusterKey = decisionsView ? 'coalesce(_cluster, templateHash, _key)' : 'coalesce(_cluster, _key)';
  return `
    WITH keyed AS MATERIALIZED (SELECT *, coalesce(inputHash, 'id:' || id) AS _key FROM _mined),
    best AS (
      SELECT * FROM keyed QUALIFY row_number() OVER (PARTITION BY _key ORDER BY _info DESC, ts DESC NULLS LAST, _row) = 1
    ),
    capped AS (
      SELECT best.*, ${clusterKey} AS _ckey FROM best
      QUALIFY row_number() OVER (PARTITION BY ${clusterKey} ORDER BY _info DESC, _key) <= ${Math.max(1, Math.floor(caps.maxPerCluster))}
    ),
    kept AS MATERIALIZED (SELECT * FROM capped ORDER BY _info DESC, _key LIMIT ${Math.max(0, Math.floor(caps.maxPerMiner))}),
    -- Occurrences, trace ids and times only for the kept inputs: the aggregation stays small however many rows matched.
    per_key AS (
      SELECT _key, count(*)::INTEGER AS _occurrences,
        list(id ORDER BY ts NULLS LAST, _row)[1:${n}] AS _trace_ids,
        list(strftime(ts, '${ISO_FORMAT}') ORDER BY ts NULLS LAST, _row)[1:${n}] AS _times
      FROM keyed WHERE _key IN (SELECT _key FROM kept) GROUP BY _key
    ),
    top AS MATERIALIZED (SELECT kept.*, per_key._occurrences, per_key._trace_ids, per_key._times FROM kept JOIN per_key USING (_key))
    ${labels}
    SELECT top._key, top._info::DOUBLE AS _info, top._reason, top._ckey, top.id, src.input, src.inputRef, top.inputHash,
      epoch_ms(top.ts)::DOUBLE AS _epoch_ms, top._occurrences, top._trace_ids,
      list_transform(top._times, x -> coalesce(x, '')) AS _times, ${contextCols}
    FROM top JOIN ${sqlIdent(sourceView)} src ON src._row = top._row ${decisionsView ? 'LEFT JOIN labels ON labels._key = top._key' : ''}
    ORDER BY top._info DESC, top._key`;
}

interface CandidateRow {
  _key: string;
  _info: number;
  _reason: string;
  _ckey: string;
  id: string;
  input: string | null;
  inputRef: string | null;
  inputHash: string | null;
  _epoch_ms: number | null;
  _occurrences: number;
  _trace_ids: string[];
  _times: string[];
  _account?: string | null;
  _account_age?: number | null;
  _source_ip?: string | null;
  _template_hash?: string | null;
  _context?: string | null;
  _reviewer?: 'spam' | 'ham' | null;
  _user_report?: 'spam' | 'not-spam' | null;
  _truth?: 'spam' | 'ham' | null;
  _attack?: boolean;
  _latest_decision?: Candidate['observed']['decision'] | null;
  _latest_score?: number | null;
  _latest_threshold?: number | null;
  _latest_version?: string | null;
  _latest_decided_by?: string | null;
}

function toCandidate(miner: string, r: CandidateRow): Candidate {
  const context: Candidate['context'] = r._context ? parseContext(r._context) : {};
  if (r._account) context.accountId = r._account;
  if (r._account_age !== null && r._account_age !== undefined) context.accountAgeDays = r._account_age;
  if (r._epoch_ms !== null && r._epoch_ms !== undefined && !('timestamp' in context)) context.timestamp = r._epoch_ms;
  if (r._source_ip) context.sourceIp = r._source_ip;
  const c: Candidate = {
    miner,
    reason: r._reason,
    informativeness: r._info,
    cluster: r._ckey,
    key: r._key,
    occurrences: r._occurrences,
    traceIds: r._trace_ids,
    times: r._times.filter((t) => t !== ''),
    context,
    observed: {},
    labels: {},
  };
  if (r.input !== null) c.input = r.input;
  if (r.inputRef !== null) c.inputRef = r.inputRef;
  if (r.inputHash !== null) c.inputHash = r.inputHash;
  if (r._template_hash) c.templateHash = r._template_hash;
  if (r._latest_decision) c.observed.decision = r._latest_decision;
  if (typeof r._latest_score === 'number') c.observed.score = r._latest_score;
  if (typeof r._latest_threshold === 'number') c.observed.threshold = r._latest_threshold;
  if (r._latest_version) c.observed.modelVersion = r._latest_version;
  if (r._latest_decided_by) c.observed.decidedBy = r._latest_decided_by;
  if (r._reviewer) c.labels.reviewer = r._reviewer;
  if (r._user_report) c.labels.userReport = r._user_report;
  if (r._truth) c.labels.truth = r._truth;
  if (r._attack) c.labels.attack = true;
  return c;
}

function parseContext(json: string): Candidate['context'] {
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Candidate['context']) : {};
  } catch {
    return {};
  }
}
