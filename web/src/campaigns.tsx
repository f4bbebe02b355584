/**
 * Campaigns: the runs in the directory's store, a campaign file started from here with its progress streamed
 * live, and one run in detail: per-chain evasion with 95% intervals, the outcome split, predicted vs measured by
 * tactic, and every attempt in a virtualised table (pages fetched from the server as they scroll into view, only
 * visible rows rendered) with the original and attacked input side by side.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, post, readOnly } from './api.js';
import { num, pct, rateText } from './format.js';
import { useData } from './use-data.js';

interface Run {
  runId: string;
  name: string;
  campaignFile: string;
  status: string;
  attempts: number;
  createdMs: number;
  target: string;
}
interface Rate {
  k: number;
  n: number;
  rate: number;
  ci95: { low: number; high: number };
}
interface RunDetail {
  runId: string;
  name: string;
  status: string;
  stopReason: string | null;
  target: { kind: string; fingerprint: string };
  baseline: Rate;
  chains: Array<{ label: string; variant: string; phase: string; n: number; evasion: Rate; defusedBy: string[] }>;
  decisions: Record<string, number>;
  attempts: number;
  calibration: Array<{
    tactic: string;
    name: string;
    n: number;
    predicted: number | null;
    measured: number;
    ci95: [number, number];
    withinCi: boolean | null;
  }> | null;
}
interface AttemptRow {
  key: string;
  seq: number;
  variant: string;
  phase: string;
  seedId: string;
  chain: string;
  decision: string | null;
  score: number | null;
  success: boolean;
  error: string | null;
}
interface Live {
  type: string;
  runId?: string;
  done?: number;
  total?: number;
  file?: string;
  message?: string;
  phase?: string;
}

const ROW_H = 26;
const VIEW_H = 390;
const PAGE = 200;

function AttemptsTable(props: { runId: string; total: number; onPick: (key: string) => void }) {
  const [top, setTop] = useState(0);
  const pages = useRef(new Map<number, AttemptRow[] | 'loading'>());
  const [, setTick] = useState(0);
  const first = Math.floor(top / ROW_H);
  const count = Math.ceil(VIEW_H / ROW_H) + 4;
  const rows: Array<AttemptRow | null> = [];
  for (let i = first; i < Math.min(props.total, first + count); i++) {
    const page = Math.floor(i / PAGE);
    const got = pages.current.get(page);
    if (got === undefined) {
      pages.current.set(page, 'loading');
      get<{ rows: AttemptRow[] }>('/api/campaigns/attempts', { id: props.runId, offset: page * PAGE, limit: PAGE })
        .then((r) => {
          pages.current.set(page, r.rows);
          setTick((t) => t + 1);
        })
        .catch(() => pages.current.delete(page));
    }
    rows.push(got && got !== 'loading' ? (got[i - page * PAGE] ?? null) : null);
  }
  return (
    <div
      class="vtable"
      style={{ height: `${VIEW_H}px` }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      data-testid="attempts"
      data-total={props.total}
    >
      <div style={{ height: `${props.total * ROW_H}px`, position: 'relative' }}>
        {rows.map((r, j) => (
          <button
            type="button"
            class={`vrow${r?.success ? ' success' : ''}`}
            style={{ top: `${(first + j) * ROW_H}px`, height: `${ROW_H}px` }}
            onClick={() => r && props.onPick(r.key)}
            data-seq={r?.seq}
          >
            {r ? (
              <>
                <span class="c-seq">{r.seq}</span>
                <span class="c-phase">{r.phase}</span>
                <span class="c-seed">{r.seedId}</span>
                <span class="c-chain">{r.chain}</span>
                <span class="c-dec">{r.error ? 'error' : (r.decision ?? 'n/a')}</span>
                <span class="c-score">{r.score === null ? '' : r.score.toFixed(3)}</span>
                <span class="c-ok">{r.success ? 'evaded' : ''}</span>
              </>
            ) : (
              <span class="muted">…</span>
            )}
          </button>
        ))}
      </div>
    </div>
  );
}

function AttemptDetail(props: { attemptKey: string; onClose: () => void }) {
  const { data, error } = useData(
    () =>
      get<{
        original: string | null;
        transformed: string | null;
        chain: string[];
        decision: string | null;
        notes: string[];
      }>('/api/campaigns/attempt', { key: props.attemptKey }),
    [props.attemptKey],
  );
  return (
    <div class="panel" data-testid="attempt-detail">
      <div class="row">
        <code>{props.attemptKey}</code>
        <button type="button" onClick={props.onClose}>
          close
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {data && (
        <>
          <p>
            {data.chain.join(' + ') || 'untouched'} → {data.decision ?? 'no decision'}
            {data.notes.length > 0 && <span class="muted"> · {data.notes.join('; ')}</span>}
          </p>
          <div class="side-by-side">
            <div>
              <h4>original</h4>
              <pre>{data.original ?? '(not available)'}</pre>
            </div>
            <div>
              <h4>attacked</h4>
              <pre>{data.transformed ?? '(kept for successful evasions only)'}</pre>
            </div>
          </div>
        </>
      )}
    </div>
  );
}

function RunView(props: { runId: string; revision: number }) {
  const { data, error } = useData(
    () => get<RunDetail>('/api/campaigns/run', { id: props.runId }),
    [props.runId, props.revision],
  );
  const [pick, setPick] = useState<string | null>(null);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">loading run…</p>;
  const totalDecisions = Object.values(data.decisions).reduce((s, v) => s + v, 0) || 1;
  return (
    <div data-testid="run-detail">
      <h3>
        {data.name} <span class="muted">{data.runId}</span>
      </h3>
      <p>
        Status <strong>{data.status}</strong>
        {data.stopReason ? ` (${data.stopReason})` : ''} · target <code>{data.target.kind}</code>{' '}
        <span class="muted">{data.target.fingerprint}</span> · untouched seeds evade: {rateText(data.baseline)}
      </p>
      <h4>Outcome split ({data.attempts} attempts)</h4>
      <div class="split" data-testid="outcomes">
        {Object.entries(data.decisions)
          .sort()
          .map(([d, n]) => (
            <span class={`seg seg-${d}`} style={{ flexGrow: n / totalDecisions }} title={`${d}: ${n}`}>
              {d} {n}
            </span>
          ))}
      </div>
      <h4>Evasion per chain (successful evasions, 95% Wilson interval)</h4>
      <table data-testid="chains">
        <thead>
          <tr>
            <th>chain</th>
            <th>variant</th>
            <th>phase</th>
            <th>evasion</th>
            <th>defused by</th>
          </tr>
        </thead>
        <tbody>
          {data.chains.map((c) => (
            <tr>
              <td>{c.label}</td>
              <td>{c.variant}</td>
              <td>{c.phase}</td>
              <td>
                {c.n > 0 && (
                  <span class="bar">
                    <span
                      class="ci"
                      style={{
                        left: `${c.evasion.ci95.low * 100}%`,
                        width: `${(c.evasion.ci95.high - c.evasion.ci95.low) * 100}%`,
                      }}
                    />
                    <span class="pt" style={{ left: `${c.evasion.rate * 100}%` }} />
                  </span>
                )}{' '}
                {rateText(c.evasion)}
              </td>
              <td>{c.defusedBy.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.calibration && data.calibration.length > 0 && (
        <>
          <h4>Predicted vs measured success, by tactic</h4>
          <table data-testid="calibration">
            <thead>
              <tr>
                <th>tactic</th>
                <th>predicted</th>
                <th>measured [95%]</th>
                <th>n</th>
                <th>agrees</th>
              </tr>
            </thead>
            <tbody>
              {data.calibration.map((r) => (
                <tr>
                  <td>{r.name}</td>
                  <td>{pct(r.predicted)}</td>
                  <td>{r.n === 0 ? 'no attempts' : `${pct(r.measured)} [${pct(r.ci95[0])}–${pct(r.ci95[1])}]`}</td>
                  <td>{r.n}</td>
                  <td>{r.withinCi === null ? '—' : r.withinCi ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h4>Attempts</h4>
      <div class="vhead">
        <span class="c-seq">#</span>
        <span class="c-phase">phase</span>
        <span class="c-seed">seed</span>
        <span class="c-chain">chain</span>
        <span class="c-dec">decision</span>
        <span class="c-score">score</span>
        <span class="c-ok" />
      </div>
      <AttemptsTable runId={data.runId} total={data.attempts} onPick={setPick} />
      {pick && <AttemptDetail attemptKey={pick} onClose={() => setPick(null)} />}
    </div>
  );
}

export function CampaignsView(props: { live: unknown }) {
  const [revision, setRevision] = useState(0);
  const { data, error } = useData(
    () => get<{ status: { running: boolean }; files: string[]; runs: Run[] }>('/api/campaigns'),
    [revision],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const [startError, setStartError] = useState<string | null>(null);
  const live = props.live as Live | null;
  useEffect(() => {
    if (live && (live.type === 'start' || live.type === 'done' || live.type === 'error')) setRevision((r) => r + 1);
    if (live?.type === 'done' && live.runId) setSelected(live.runId);
  }, [live]);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">loading…</p>;
  const running = live && live.type !== 'done' && live.type !== 'error' && live.type !== 'stopped';
  return (
    <section data-testid="campaigns-view">
      <h2>Campaigns</h2>
      {!readOnly && (
        <div class="panel">
          {data.files.length === 0 && <p class="muted">No campaign file (`nograd-campaign: 1`) in this directory.</p>}
          {data.files.map((f) => (
            <div class="row">
              <code>{f}</code>
              <button
                type="button"
                data-start={f}
                disabled={!!running}
                onClick={() => {
                  setStartError(null);
                  post('/api/campaigns/start', { file: f }).catch((e: Error) => setStartError(e.message));
                }}
              >
                start
              </button>
            </div>
          ))}
          {startError && <p class="error">{startError}</p>}
          {live && (
            <div data-testid="progress" data-state={live.type}>
              {live.type === 'error' ? (
                <p class="error">{live.message}</p>
              ) : (
                <>
                  <progress max={live.total || 1} value={live.done ?? 0} />{' '}
                  <span>
                    {live.type === 'done' ? 'finished' : live.type === 'stopped' ? 'stopped' : 'running'}{' '}
                    {live.runId ?? ''}: {live.done ?? 0} / ~{live.total ?? '?'} attempts
                    {live.phase ? ` (${live.phase})` : ''}
                  </span>
                  {running && (
                    <button type="button" onClick={() => post('/api/campaigns/stop', {})}>
                      stop
                    </button>
                  )}
                </>
              )}
            </div>
          )}
        </div>
      )}
      {data.runs.length === 0 ? (
        <p class="muted">No runs in the store yet.</p>
      ) : (
        <table data-testid="runs">
          <thead>
            <tr>
              <th>run</th>
              <th>campaign</th>
              <th>target</th>
              <th>status</th>
              <th>attempts</th>
              <th>started</th>
            </tr>
          </thead>
          <tbody>
            {data.runs.map((r) => (
              <tr class={selected === r.runId ? 'open' : ''} onClick={() => setSelected(r.runId)} data-run={r.runId}>
                <td>
                  <code>{r.runId}</code>
                </td>
                <td>{r.name}</td>
                <td>{r.target}</td>
                <td>{r.status}</td>
                <td>{num(r.attempts)}</td>
                <td>{new Date(r.createdMs).toISOString().slice(0, 16).replace('T', ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <RunView runId={selected} revision={revision} />}
    </section>
  );
}
