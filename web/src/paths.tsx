/**
 * Attack paths per attacker: the cheapest path (steps, full cost vector, simulated spread) and the Pareto set.
 * What-if: switch planned controls on, or add recommended ones; the server re-runs the library's economics on the
 * changed model and this view shows each attacker's cheapest path and the defender cost before and after.
 */
import { useState } from 'preact/hooks';
import { get, post, readOnly } from './api.js';
import { num, pct } from './format.js';
import { Diagnostics } from './model.js';
import { useData } from './use-data.js';

type Cost = Record<string, number>;
interface PathV {
  key: string;
  cost: Cost;
  weightedCost: number;
  successProbability: number;
  expectedAttempts: number;
  steps: Array<{
    stage: string;
    kind: string;
    tacticName: string | null;
    component: string | null;
    successProbability: number;
    counters: string[];
  }>;
}
interface Dist {
  p10: number;
  median: number;
  p90: number;
}
interface Sim {
  trials: number;
  money: Dist;
  timeHours: Dist;
  attempts: Dist;
  humanHours: Dist;
  pDetectedAtLeastOnce: number;
}
interface PathsData {
  ok: boolean;
  diagnostics: Array<{ file: string; line: number; col: number; severity: string; code: string; message: string }>;
  weights: Cost;
  defender: { today: { totalScalar: number }; planned: { totalScalar: number } };
  attackers: Array<{
    attacker: string;
    name: string;
    goal: string;
    target: string;
    today: {
      blocked: { stage: string; reason: string } | null;
      cheapest: PathV | null;
      pareto: PathV[];
      paretoSize: number;
    };
    uncertainty: Sim | null;
  }>;
  toggles: {
    planned: Array<{ id: string; name: string }>;
    recommended: Array<{ id: string; name: string; on: string[]; defenderCost: number }>;
  };
}
interface WhatIf {
  defender: { before: { totalScalar: number }; after: { totalScalar: number } };
  attackers: Array<{
    attacker: string;
    name: string;
    before: PathV | null;
    after: PathV | null;
    changed: boolean;
    blocked: { stage: string } | null;
  }>;
}

const DIMS = ['money', 'timeHours', 'humanHours', 'queries', 'implementationHours', 'detectionRisk'];

function CostTable(props: { cost: Cost }) {
  return (
    <table class="cost">
      <tbody>
        <tr>
          {DIMS.map((d) => (
            <th>{d}</th>
          ))}
        </tr>
        <tr>
          {DIMS.map((d) => (
            <td>{d === 'detectionRisk' ? pct(props.cost[d]) : num(props.cost[d])}</td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

function Steps(props: { path: PathV }) {
  return (
    <ol class="steps">
      {props.path.steps.map((s) => (
        <li>
          <strong>{s.stage}</strong>: {s.kind === 'open' ? 'open (nothing stops it)' : (s.tacticName ?? s.kind)}
          {s.component && <span class="muted"> @ {s.component}</span>} · p={pct(s.successProbability)}
          {s.counters.length > 0 && <span class="muted"> · meets {s.counters.join(', ')}</span>}
        </li>
      ))}
    </ol>
  );
}

function WhatIfPanel(props: { file: string; data: PathsData }) {
  const [implement, setImplement] = useState<string[]>([]);
  const [add, setAdd] = useState<string[]>([]);
  const [result, setResult] = useState<WhatIf | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (readOnly) return null;
  const run = async (nextImplement: string[], nextAdd: string[]) => {
    setImplement(nextImplement);
    setAdd(nextAdd);
    setBusy(true);
    setError(null);
    try {
      setResult(
        nextImplement.length + nextAdd.length === 0
          ? null
          : await post<WhatIf>('/api/what-if', { file: props.file, implement: nextImplement, add: nextAdd }),
      );
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (list: string[], id: string) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  return (
    <div class="panel whatif" data-testid="what-if">
      <h3>What-if</h3>
      <div class="cols">
        <fieldset>
          <legend>Planned controls (implement)</legend>
          {props.data.toggles.planned.length === 0 && <p class="muted">none planned</p>}
          {props.data.toggles.planned.map((c) => (
            <label class="check">
              <input
                type="checkbox"
                data-control={c.id}
                checked={implement.includes(c.id)}
                disabled={busy}
                onChange={() => run(toggle(implement, c.id), add)}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Recommended controls (add)</legend>
          {props.data.toggles.recommended.map((c) => (
            <label class="check">
              <input
                type="checkbox"
                data-control={c.id}
                checked={add.includes(c.id)}
                disabled={busy}
                onChange={() => run(implement, toggle(add, c.id))}
              />{' '}
              {c.name} <span class="muted">on {c.on.join(', ')}</span>
            </label>
          ))}
        </fieldset>
      </div>
      {busy && <p class="muted">recomputing…</p>}
      {error && <p class="error">{error}</p>}
      {result && (
        <div data-testid="what-if-result">
          <p>
            Defender cost (USD-equivalent / month): {num(result.defender.before.totalScalar)} →{' '}
            <strong>{num(result.defender.after.totalScalar)}</strong>
          </p>
          <table>
            <thead>
              <tr>
                <th>attacker</th>
                <th>cheapest before</th>
                <th>cheapest after</th>
                <th>path</th>
              </tr>
            </thead>
            <tbody>
              {result.attackers.map((a) => (
                <tr data-attacker={a.attacker} class={a.changed ? 'changed' : ''}>
                  <td>{a.name}</td>
                  <td>{a.before ? num(a.before.weightedCost) : 'blocked'}</td>
                  <td data-testid="after-cost">
                    {a.after ? num(a.after.weightedCost) : `blocked at ${a.blocked?.stage ?? '?'}`}
                  </td>
                  <td class="muted">{a.changed ? (a.after?.key ?? 'no path') : 'unchanged'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function PathsView(props: { file: string; revision: number }) {
  const { data, error } = useData(
    () => get<PathsData>('/api/paths', { file: props.file }),
    [props.file, props.revision],
  );
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">computing attack paths…</p>;
  if (!data.ok) return <Diagnostics diagnostics={data.diagnostics} />;
  return (
    <section data-testid="paths-view">
      <h2>Attack paths</h2>
      <p class="muted">
        Cheapest = lowest weighted cost with weights{' '}
        {Object.entries(data.weights)
          .map(([k, v]) => `${k}×${v}`)
          .join(', ')}
        . Defender cost today {num(data.defender.today.totalScalar)}, with the plan{' '}
        {num(data.defender.planned.totalScalar)} (USD-equivalent / month).
      </p>
      <WhatIfPanel file={props.file} data={data} />
      {data.attackers.map((a) => (
        <div class="panel attacker" data-attacker={a.attacker}>
          <h3>
            {a.name}{' '}
            <span class="muted">
              goal {a.goal} → {a.target}
            </span>
          </h3>
          {a.today.cheapest ? (
            <>
              <p>
                Cheapest path: weighted cost <strong>{num(a.today.cheapest.weightedCost)}</strong>, success per pass{' '}
                {pct(a.today.cheapest.successProbability)}, ~{num(a.today.cheapest.expectedAttempts)} attempts
              </p>
              <Steps path={a.today.cheapest} />
              <CostTable cost={a.today.cheapest.cost} />
              {a.uncertainty && (
                <p class="muted">
                  Simulated ({a.uncertainty.trials} trials), p10 / median / p90: money {num(a.uncertainty.money.p10)} /{' '}
                  {num(a.uncertainty.money.median)} / {num(a.uncertainty.money.p90)}; hours{' '}
                  {num(a.uncertainty.timeHours.p10)} / {num(a.uncertainty.timeHours.median)} /{' '}
                  {num(a.uncertainty.timeHours.p90)}; attempts {num(a.uncertainty.attempts.p10)} /{' '}
                  {num(a.uncertainty.attempts.median)} / {num(a.uncertainty.attempts.p90)}; detected at least once{' '}
                  {pct(a.uncertainty.pDetectedAtLeastOnce)}
                </p>
              )}
            </>
          ) : (
            <p>
              Blocked at <strong>{a.today.blocked?.stage}</strong>: {a.today.blocked?.reason}
            </p>
          )}
          {a.today.pareto.length > 1 && (
            <details>
              <summary>
                Pareto set: {a.today.paretoSize} paths no other beats on every dimension
                {a.today.paretoSize > a.today.pareto.length ? ` (${a.today.pareto.length} shown)` : ''}
              </summary>
              <table>
                <thead>
                  <tr>
                    <th>weighted</th>
                    <th>money</th>
                    <th>hours</th>
                    <th>detection</th>
                    <th>success</th>
                    <th>path</th>
                  </tr>
                </thead>
                <tbody>
                  {a.today.pareto.map((p) => (
                    <tr>
                      <td>{num(p.weightedCost)}</td>
                      <td>{num(p.cost.money)}</td>
                      <td>{num(p.cost.timeHours)}</td>
                      <td>{pct(p.cost.detectionRisk)}</td>
                      <td>{pct(p.successProbability)}</td>
                      <td class="muted small">{p.key}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          )}
        </div>
      ))}
    </section>
  );
}
