/**
 * Run the miners over an ingested trace store and bring back a bounded set of candidates. Each miner's SQL runs
 * inside DuckDB and its matched rows are kept as narrow rows (row number, informativeness, cluster, reason). The
 * deduplication (one candidate per input hash, keeping the most informative row), the per-cluster cap and the
 * per-miner cap look only at the top of each miner's ranking; then one scan of the source reads every row of the
 * kept inputs, for their trace ids, times and labels. Only the kept candidates reach JavaScript, so memory does not
 * grow with the logs, and a miner costs little more than its own query.
 */
import { UserError } from '../util/errors.js';
import { type BaselineChoice, chooseBaselineUntil } from './baseline-window.js';
import type { Candidate } from './candidate.js';
import { ISO_FORMAT } from './ingest.js';
import { DEFAULT_MINER_PARAMS, getMiner, MINER_NAMES, MINERS, type Miner, type MinerParams } from './miners/index.js';
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
  /**
   * How many of each miner's best rows the first capping round reads (default 20,000). A round that yields too few
   * cases reads 8 times more; the result is the same whatever the window, only the work differs.
   */
  rankingWindow?: number;
  /** View of good decision rows (default `decisions`). */
  decisionsView?: string;
  /** View of good campaign attempts, when campaign results were ingested. */
  campaignAttemptsView?: string;
  /** Before each miner (index < total), and once more (index = total) before the kept cases are read. */
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
  /** The baseline window of the miners that compare with one (new-template): its end, and how it was chosen. */
  baseline?: BaselineChoice;
  candidates: Candidate[];
  params: MinerParams;
}

export function selectMiners(names: readonly string[] | undefined): Miner[] {
  if (!names || names.length === 0) return Object.values(MINERS).filter((m: Miner) => m.byDefault !== false);
  return names.map((n) => {
    const m = getMiner(n);
    if (!m) throw new UserError(`unknown miner '${n}' (choose from: ${MINER_NAMES.join(', ')})`);
    return m;
  });
}

/**
 * The parameters: every miner's defaults overridden by `given` (the whole object is what the result reports), and
 * each running miner's own slice, parsed by its schema. A value its schema refuses is the caller's mistake.
 */
function minerParams(
  miners: readonly Miner[],
  given: Partial<MinerParams> | undefined,
): { params: MinerParams; byMiner: Map<Miner, Record<string, unknown>> } {
  const params: Record<string, unknown> = { ...DEFAULT_MINER_PARAMS, ...given };
  const byMiner = new Map<Miner, Record<string, unknown>>();
  for (const miner of miners) {
    const parsed = miner.params.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(
        `miner '${miner.name}': parameter '${issue?.path.join('.')}' ${issue?.message ?? 'is invalid'}, not ${JSON.stringify(params[String(issue?.path[0])])}`,
      );
    }
    byMiner.set(miner, parsed.data);
    // The parsed value (an ISO time normalised, say) is what ran, so it is what the result reports.
    for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) params[k] = v;
  }
  return { params: params as MinerParams, byMiner };
}

interface Caps {
  maxPerMiner: number;
  maxPerCluster: number;
  maxTraceIds: number;
  rankingWindow: number;
}

/** One miner's matched rows (`_mined_<i>`), from one source view. */
interface MinedSet {
  index: number;
  name: string;
  table: string;
  source: string;
  fromDecisions: boolean;
  matched: number;
}

export async function mineTraces(store: TraceStore, opts: MineOptions = {}): Promise<MiningResult> {
  const explicit = Boolean(opts.miners && opts.miners.length > 0);
  const miners = selectMiners(opts.miners);
  const decisions = opts.decisionsView ?? 'decisions';
  // A baseline window chosen from the data (before the first anomaly) when the miners need one and none was given.
  let baseline: BaselineChoice | undefined;
  const given = opts.params?.baselineUntil;
  if (miners.some((m) => 'baselineUntil' in m.params.shape)) {
    if (given) baseline = { until: new Date(given).toISOString(), why: 'given with --baseline-until', source: 'given' };
    else baseline = await chooseBaselineUntil(store, decisions);
  }
  const { params, byMiner } = minerParams(miners, {
    ...opts.params,
    ...(baseline && !given ? { baselineUntil: baseline.until } : {}),
  });
  const caps: Caps = {
    maxPerMiner: Math.max(0, Math.floor(opts.maxPerMiner ?? 50)),
    maxPerCluster: Math.max(1, Math.floor(opts.maxPerCluster ?? 3)),
    maxTraceIds: Math.max(1, Math.floor(opts.maxTraceIds ?? 10)),
    rankingWindow: Math.max(1, Math.floor(opts.rankingWindow ?? 20_000)),
  };
  const reports: MinerReport[] = [];
  const sets: MinedSet[] = [];
  await store.run(`CREATE OR REPLACE TEMP TABLE _kept (
    _set INTEGER, _key VARCHAR, _row BIGINT, _info DOUBLE, _reason VARCHAR, _ckey VARCHAR, id VARCHAR,
    ts TIMESTAMPTZ, inputHash VARCHAR, templateHash VARCHAR)`);
  try {
    for (const [index, miner] of miners.entries()) {
      opts.onProgress?.({ miner: miner.name, index, total: miners.length });
      if (miner.source === 'campaign-attempts' && !opts.campaignAttemptsView) {
        if (explicit)
          throw new UserError(`miner '${miner.name}' needs campaign results: pass --campaign-results <attempts.jsonl>`);
        reports.push({ name: miner.name, matched: 0, kept: 0, skipped: 'no campaign results given' });
        continue;
      }
      const fromDecisions = miner.source === 'decisions';
      const set: MinedSet = {
        index,
        name: miner.name,
        table: `_mined_${index}`,
        source: fromDecisions ? decisions : (opts.campaignAttemptsView as string),
        fromDecisions,
        matched: 0,
      };
      const sql = miner.sql({
        decisions,
        ...(opts.campaignAttemptsView ? { campaignAttempts: opts.campaignAttemptsView } : {}),
        params: byMiner.get(miner) as Record<string, unknown>,
        rowsOf: (wanted) => store.rowsOf(decisions, wanted),
      });
      // Only the narrow columns of the matched rows are kept; the wide ones (the input) are read for the kept few.
      sets.push(set);
      await store.run(
        `CREATE OR REPLACE TEMP TABLE ${set.table} AS
         SELECT _row, coalesce(_info::DOUBLE, 0) AS _info, _cluster::VARCHAR AS _cluster,
           ${miner.rowwise ? 'NULL::VARCHAR' : '_reason::VARCHAR'} AS _reason
         FROM (${sql})`,
      );
      const { matched } = await store.one<{ matched: number }>(`SELECT count(*)::DOUBLE AS matched FROM ${set.table}`);
      set.matched = matched;
      reports.push({ name: miner.name, matched, kept: 0 });
    }
    opts.onProgress?.({ miner: 'cases', index: miners.length, total: miners.length });
    const kept = await keepBest(store, sets, caps);
    for (const r of reports) r.kept = kept.get(r.name) ?? 0;
    for (const set of sets) {
      const miner = miners[set.index] as Miner;
      if (miner.rowwise && (kept.get(set.name) ?? 0) > 0) {
        await writeReasons(store, set, miner, byMiner.get(miner) as Record<string, unknown>);
      }
    }
    const bySet = new Map<number, CandidateRow[]>();
    const withCases = sets.filter((s) => (kept.get(s.name) ?? 0) > 0);
    for (const source of new Set(withCases.map((s) => s.source))) {
      const group = withCases.filter((s) => s.source === source);
      for (const r of await candidateRows(store, group, caps)) {
        const list = bySet.get(r._set) ?? [];
        list.push(r);
        bySet.set(r._set, list);
      }
    }
    const candidates = sets.flatMap((set) => (bySet.get(set.index) ?? []).map((r) => toCandidate(set.name, r)));
    return { miners: reports, candidates, params, ...(baseline ? { baseline } : {}) };
  } finally {
    for (const set of sets) await store.run(`DROP TABLE IF EXISTS ${set.table}`);
    await store.run('DROP TABLE IF EXISTS _kept');
    await store.run('DROP TABLE IF EXISTS _pre');
    await store.run('DROP TABLE IF EXISTS _pre_rows');
    await store.run('DROP TABLE IF EXISTS _key_row_ids');
    await store.run('DROP TABLE IF EXISTS _key_rows');
  }
}

/**
 * The dedupe key of a row: its input hash, or `id:<trace id>` without one. When every row of the view has a hash,
 * the id is not read.
 */
function inputKey(store: TraceStore, view: string, alias = ''): string {
  return store.completeColumns(view).has('inputHash')
    ? `${alias}inputHash`
    : `coalesce(${alias}inputHash, 'id:' || ${alias}id)`;
}

/**
 * Dedupe each miner's rows by input (keeping each input's most informative row) and cap them per cluster and per
 * miner, into `_kept`. Only the top of each ranking is read: the rows whose informativeness reaches the K-th best,
 * ties included. Each input in that prefix has its best row there and outranks every input outside it, so when
 * the prefix yields a miner's full share of cases they are exactly the cases the whole set would yield; when it
 * does not, K grows and that miner's step runs again. The prefixes of all miners share one read of the source for
 * their keys, times and templates (rows spread over a file cost about as much to read as the whole column).
 * Returns the cases kept per miner.
 */
async function keepBest(store: TraceStore, all: MinedSet[], caps: Caps): Promise<Map<string, number>> {
  const kept = new Map<string, number>();
  const k = new Map(all.map((s) => [s.index, caps.rankingWindow]));
  let pending = all.filter((s) => s.matched > 0);
  while (pending.length > 0) {
    const prefixes: string[] = [];
    const cuts = new Map<number, number | undefined>();
    for (const set of pending) {
      const limit = k.get(set.index) as number;
      const cut =
        set.matched > limit
          ? (
              await store.one<{ c: number }>(
                `SELECT _info AS c FROM ${set.table} ORDER BY _info DESC LIMIT 1 OFFSET ${limit - 1}`,
              )
            ).c
          : undefined;
      cuts.set(set.index, cut);
      prefixes.push(
        `SELECT ${set.index} AS _set, * FROM ${set.table}${cut === undefined ? '' : ` WHERE _info >= ${sqlNumber(cut)}`}`,
      );
    }
    await store.run(`CREATE OR REPLACE TEMP TABLE _pre_rows AS ${prefixes.join('\nUNION ALL ')}`);
    const bySource = [...new Set(pending.map((s) => s.source))].map((source) => {
      const sets = pending.filter((s) => s.source === source);
      const wanted = `SELECT _row FROM _pre_rows WHERE _set IN (${sets.map((s) => s.index).join(', ')})`;
      const template = sets[0]?.fromDecisions ? 's.templateHash' : 'NULL::VARCHAR';
      return `SELECT m.*, s.id, s.ts, s.inputHash, ${template} AS templateHash, ${inputKey(store, source, 's.')} AS _key
        FROM _pre_rows m JOIN (${store.rowsOf(source, wanted)}) s ON s._row = m._row
        WHERE m._set IN (${sets.map((s) => s.index).join(', ')})`;
    });
    await store.run(`CREATE OR REPLACE TEMP TABLE _pre AS ${bySource.join('\nUNION ALL ')}`);
    const ids = pending.map((s) => s.index).join(', ');
    await store.run(`DELETE FROM _kept WHERE _set IN (${ids})`);
    await store.run(`INSERT INTO _kept
      WITH best AS (
        SELECT * FROM _pre
        QUALIFY row_number() OVER (PARTITION BY _set, _key ORDER BY _info DESC, ts DESC NULLS LAST, _row) = 1
      ),
      capped AS (
        SELECT *, coalesce(_cluster, templateHash, _key) AS _ckey FROM best
        QUALIFY row_number() OVER (PARTITION BY _set, _ckey ORDER BY _info DESC, _key) <= ${caps.maxPerCluster}
      )
      SELECT _set, _key, _row, _info, _reason, _ckey, id, ts, inputHash, templateHash FROM capped
      QUALIFY row_number() OVER (PARTITION BY _set ORDER BY _info DESC, _key) <= ${caps.maxPerMiner}`);
    const counts = new Map(
      (
        await store.rows<{ s: number; n: number }>(
          `SELECT _set AS s, count(*)::DOUBLE AS n FROM _kept WHERE _set IN (${ids}) GROUP BY _set`,
        )
      ).map((r) => [r.s, r.n]),
    );
    const again: MinedSet[] = [];
    for (const set of pending) {
      const n = counts.get(set.index) ?? 0;
      kept.set(set.name, n);
      if (n < caps.maxPerMiner && cuts.get(set.index) !== undefined) {
        k.set(set.index, (k.get(set.index) as number) * 8);
        again.push(set);
      }
    }
    pending = again;
  }
  return kept;
}

/** A row-wise miner's reasons for its kept rows: its query again, over a view of just those rows. */
async function writeReasons(
  store: TraceStore,
  set: MinedSet,
  miner: Miner,
  params: Record<string, unknown>,
): Promise<void> {
  await store.run(
    `CREATE OR REPLACE TEMP VIEW _kept_source AS ${store.rowsOf(set.source, `SELECT _row FROM _kept WHERE _set = ${set.index}`)}`,
  );
  const sql = miner.sql({ decisions: '_kept_source', campaignAttempts: '_kept_source', params });
  await store.run(`UPDATE _kept SET _reason = r._reason FROM (SELECT _row, _reason FROM (${sql})) r
    WHERE _kept._set = ${set.index} AND _kept._row = r._row`);
  await store.run('DROP VIEW _kept_source');
}

function sqlNumber(x: number): string {
  if (Number.isNaN(x)) return "'nan'::DOUBLE";
  if (!Number.isFinite(x)) return x > 0 ? "'inf'::DOUBLE" : "'-inf'::DOUBLE";
  return `${x}::DOUBLE`;
}

/**
 * The kept cases of the miners that read one source, with occurrences, trace ids and times (from every matched
 * row of the kept inputs) and, for decision logs, every label known for each kept input across all its rows. The
 * source is scanned once for the rows of all kept inputs; everything after works on those few rows.
 */
async function candidateRows(
  store: TraceStore,
  sets: MinedSet[],
  caps: Caps,
): Promise<Array<CandidateRow & { _set: number }>> {
  const first = sets[0] as MinedSet;
  const src = sqlIdent(first.source);
  const ids = sets.map((s) => s.index).join(', ');
  const n = caps.maxTraceIds;
  const labelCols = first.fromDecisions
    ? ['reviewerOutcome', 'userReport', 'truth', 'decision', 'score', 'threshold', 'modelVersion', 'decidedBy']
    : [];
  // Two steps: the row numbers of the kept inputs' rows (reading the keys alone), then their labels. The input and
  // context are read for the kept rows alone, below: reading them for every row of the kept inputs costs more.
  const key = inputKey(store, first.source);
  await store.run(`CREATE OR REPLACE TEMP TABLE _key_row_ids AS
    SELECT _row, ${key} AS _key FROM ${src} WHERE ${key} IN (SELECT _key FROM _kept WHERE _set IN (${ids}))`);
  await store.run(`CREATE OR REPLACE TEMP TABLE _key_rows AS
    SELECT k._row, k._key, s.id, s.ts${labelCols.map((c) => `, s.${c}`).join('')} FROM _key_row_ids k
    JOIN (${store.rowsOf(first.source, 'SELECT _row FROM _key_row_ids')}) s ON s._row = k._row`);
  await store.run('DROP TABLE _key_row_ids');
  const order = 'ts DESC NULLS LAST, _row DESC';
  const labels = first.fromDecisions
    ? `, labels AS (
      SELECT _key,
        first(reviewerOutcome ORDER BY ${order}) FILTER (WHERE reviewerOutcome IS NOT NULL) AS _reviewer,
        first(userReport ORDER BY ${order}) FILTER (WHERE userReport IS NOT NULL) AS _user_report,
        first(truth ORDER BY ${order}) FILTER (WHERE truth IS NOT NULL) AS _truth,
        first(decision ORDER BY ${order}) AS _latest_decision,
        first(score ORDER BY ${order}) AS _latest_score,
        first(threshold ORDER BY ${order}) AS _latest_threshold,
        first(modelVersion ORDER BY ${order}) AS _latest_version,
        first(decidedBy ORDER BY ${order}) AS _latest_decided_by
      FROM _key_rows GROUP BY _key)`
    : '';
  const contextCols = first.fromDecisions
    ? `src.account AS _account, src.accountAgeDays AS _account_age, src.sourceIp AS _source_ip, k.templateHash AS _template_hash, labels.* EXCLUDE (_key)`
    : `src.context AS _context, NULL::VARCHAR AS _template_hash, src.decision AS _latest_decision, src.score AS _latest_score,
       NULL::DOUBLE AS _latest_threshold, NULL::VARCHAR AS _latest_version, NULL::VARCHAR AS _latest_decided_by, TRUE AS _attack`;
  // Occurrences, trace ids and times: the matched rows of each kept input, per miner.
  const matched = sets
    .map((s) => `SELECT ${s.index} AS _set, r._key, r._row, r.id, r.ts FROM _key_rows r JOIN ${s.table} m USING (_row)`)
    .join('\n    UNION ALL ');
  return store.rows<CandidateRow & { _set: number }>(`
    WITH matched AS (${matched}),
    per_key AS (
      SELECT m._set, m._key, count(*)::INTEGER AS _occurrences,
        list(m.id ORDER BY m.ts NULLS LAST, m._row)[1:${n}] AS _trace_ids,
        list(strftime(m.ts, '${ISO_FORMAT}') ORDER BY m.ts NULLS LAST, m._row)[1:${n}] AS _times
      FROM matched m SEMI JOIN _kept k ON k._set = m._set AND k._key = m._key
      GROUP BY m._set, m._key
    )
    ${labels}
    SELECT k._set, k._key, k._info, k._reason, k._ckey, k.id, src.input, src.inputRef, k.inputHash,
      epoch_ms(k.ts)::DOUBLE AS _epoch_ms, p._occurrences, p._trace_ids,
      list_transform(p._times, x -> coalesce(x, '')) AS _times, ${contextCols}
    FROM _kept k JOIN per_key p ON p._set = k._set AND p._key = k._key
      JOIN (${store.rowsOf(first.source, `SELECT _row FROM _kept WHERE _set IN (${ids})`)}) src ON src._row = k._row
      ${first.fromDecisions ? 'LEFT JOIN labels ON labels._key = k._key' : ''}
    WHERE k._set IN (${ids})
    ORDER BY k._set, k._info DESC, k._key`);
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
