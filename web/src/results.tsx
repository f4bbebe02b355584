/**
 * Monitor and regress: alerts with their evidence from monitor result documents, and suite results with the
 * target each ran against (so a deliberately regressed target's failures are never mistaken for the real one's).
 */
import { get } from './api.js';
import { useData } from './use-data.js';

interface Results {
  suites: Array<{
    path: string;
    name: string;
    target: { kind: string; fingerprint: string };
    counts: Record<string, number>;
    passed: boolean;
    startedAt: string;
    cases: Array<{ id: string; status: string; message: string }>;
  }>;
  monitors: Array<{ path: string; window: string; alerts: Array<Record<string, unknown>>; warnings: string[] }>;
}

export function ResultsView() {
  const { data, error } = useData(() => get<Results>('/api/results'), []);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">loading…</p>;
  return (
    <section data-testid="results-view">
      <h2>Monitor alerts</h2>
      {data.monitors.length === 0 && (
        <p class="muted">No monitor result documents (`nograd monitor check -o …`) here.</p>
      )}
      {data.monitors.map((m) => (
        <div class="panel">
          <h3>
            <code>{m.path}</code> <span class="muted">window {m.window}</span>
          </h3>
          {m.alerts.length === 0 && <p class="ok">No alerts.</p>}
          <ul>
            {m.alerts.map((a) => (
              <li>
                <strong>{String(a.severity ?? '')}</strong> {String(a.rule ?? a.ruleId ?? '')}:{' '}
                {String(a.message ?? '')}
                {a.evidence !== undefined && <pre class="small">{JSON.stringify(a.evidence, null, 2)}</pre>}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <h2>Regression suites</h2>
      {data.suites.length === 0 && <p class="muted">No suite result documents (`nograd regress run -o …`) here.</p>}
      {data.suites.map((s) => (
        <div class="panel" data-suite={s.path}>
          <h3>
            {s.name} <span class={s.passed ? 'ok' : 'error'}>{s.passed ? 'passed' : 'failed'}</span>
          </h3>
          <p>
            Ran against target <code>{s.target.kind}</code> <span class="muted">{s.target.fingerprint}</span> on{' '}
            {s.startedAt}.{' '}
            {Object.entries(s.counts)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </p>
          <ul>
            {s.cases
              .filter((c) => c.status !== 'pass')
              .slice(0, 50)
              .map((c) => (
                <li>
                  <code>{c.id}</code> {c.status}: {c.message}
                </li>
              ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
