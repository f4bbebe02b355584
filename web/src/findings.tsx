/**
 * Findings: filters (severity, attacker, component, rule, status), grouped by rule so dozens of similar findings
 * read as a handful of groups; the explanation on click; triage actions that write the model's triage side file
 * (the server writes the format `nograd analyze` reads, then re-runs the analysis).
 */
import { useMemo, useState } from 'preact/hooks';
import { get, post, readOnly } from './api.js';
import { Diagnostics } from './model.js';
import { useData } from './use-data.js';

interface Finding {
  id: string;
  rule: string;
  title: string;
  severity: string;
  component: string | null;
  attacker: string | null;
  message: string;
  location: { file: string; line: number; col: number };
  status: string;
  suppressed: boolean;
  triage: { status: string; justification: string | null; expires: string | null; expired: boolean } | null;
}
interface FindingsData {
  ok: boolean;
  file: string;
  triageFile?: string;
  diagnostics: Array<{ file: string; line: number; col: number; severity: string; code: string; message: string }>;
  counts?: Record<string, number>;
  findings: Finding[];
}

const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
type Filters = Record<'severity' | 'attacker' | 'component' | 'rule' | 'status', string>;

function Explain(props: { file: string; id: string; revision: number }) {
  const { data, error } = useData(
    () => get<{ text: string }>('/api/explain', { file: props.file, id: props.id }),
    [props.file, props.id, props.revision],
  );
  if (error) return <p class="error">{error}</p>;
  return (
    <pre class="explain" data-testid="explain">
      {data ? data.text : 'loading…'}
    </pre>
  );
}

function TriageForm(props: { file: string; finding: Finding; onSaved: (d: FindingsData) => void }) {
  const [status, setStatus] = useState(props.finding.triage?.status ?? 'accepted');
  const [justification, setJustification] = useState(props.finding.triage?.justification ?? '');
  const [expires, setExpires] = useState(props.finding.triage?.expires ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (readOnly) return null;
  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      props.onSaved(
        await post<FindingsData>('/api/triage', {
          file: props.file,
          finding: props.finding.id,
          status,
          justification,
          expires,
        }),
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="triage" onSubmit={save} data-testid="triage-form">
      <label>
        status{' '}
        <select name="status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}>
          {['accepted', 'false-positive', 'mitigated', 'in-progress', 'open'].map((s) => (
            <option value={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        justification{' '}
        <input name="justification" value={justification} onInput={(e) => setJustification(e.currentTarget.value)} />
      </label>
      <label>
        expires <input name="expires" type="date" value={expires} onInput={(e) => setExpires(e.currentTarget.value)} />
      </label>
      <button type="submit" disabled={busy}>
        save triage
      </button>
      {error && <span class="error">{error}</span>}
    </form>
  );
}

export function FindingsView(props: { file: string; revision: number }) {
  const [saved, setSaved] = useState(0);
  const { data, error } = useData(
    () => get<FindingsData>('/api/findings', { file: props.file }),
    [props.file, props.revision, saved],
  );
  const [filters, setFilters] = useState<Filters>({ severity: '', attacker: '', component: '', rule: '', status: '' });
  const [openId, setOpenId] = useState<string | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const findings = data?.findings ?? [];
  const options = useMemo(() => {
    const uniq = (f: (x: Finding) => string | null) =>
      [...new Set(findings.map(f).filter((x): x is string => !!x))].sort();
    return {
      severity: SEVERITIES.filter((s) => findings.some((f) => f.severity === s)),
      attacker: uniq((f) => f.attacker),
      component: uniq((f) => f.component),
      rule: uniq((f) => f.rule),
      status: uniq((f) => f.status),
    };
  }, [findings]);
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">analysing…</p>;
  if (!data.ok) return <Diagnostics diagnostics={data.diagnostics} />;
  const shown = findings.filter((f) =>
    (Object.keys(filters) as Array<keyof Filters>).every((k) => !filters[k] || (f[k] ?? '') === filters[k]),
  );
  const groups = new Map<string, Finding[]>();
  for (const f of shown) groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  const ordered = [...groups.entries()].sort(
    (a, b) => SEVERITIES.indexOf(a[1][0]!.severity) - SEVERITIES.indexOf(b[1][0]!.severity) || a[0].localeCompare(b[0]),
  );
  return (
    <section data-testid="findings-view">
      <h2>
        Findings{' '}
        <span class="muted">
          ({shown.length} of {findings.length})
        </span>
      </h2>
      <p class="muted">
        Triage is written to <code>{data.triageFile}</code>, the side file <code>nograd analyze</code> reads.
      </p>
      <div class="filters">
        {(Object.keys(filters) as Array<keyof Filters>).map((k) => (
          <label>
            {k}{' '}
            <select
              name={`filter-${k}`}
              value={filters[k]}
              onChange={(e) => setFilters({ ...filters, [k]: e.currentTarget.value })}
            >
              <option value="">all</option>
              {options[k].map((o) => (
                <option value={o}>{o}</option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {ordered.map(([rule, list]) => {
        const closed = collapsed.has(rule);
        return (
          <div class="group" data-rule={rule}>
            <button
              type="button"
              class="group-head"
              onClick={() => {
                const next = new Set(collapsed);
                if (closed) next.delete(rule);
                else next.add(rule);
                setCollapsed(next);
              }}
            >
              <span class={`sev sev-${list[0]!.severity}`}>{list[0]!.severity}</span> {list[0]!.title}{' '}
              <span class="muted">
                {rule} · {list.length}
              </span>
            </button>
            {!closed && (
              <table>
                <tbody>
                  {list.map((f) => (
                    <>
                      <tr
                        class={`finding${openId === f.id ? ' open' : ''}`}
                        data-finding={f.id}
                        onClick={() => setOpenId(openId === f.id ? null : f.id)}
                      >
                        <td>{f.component ?? '—'}</td>
                        <td>{f.attacker ?? '—'}</td>
                        <td class={`status status-${f.status}`}>
                          {f.status}
                          {f.triage?.expired ? ' (expired)' : ''}
                        </td>
                        <td class="muted">
                          {f.location.file}:{f.location.line}
                        </td>
                      </tr>
                      {openId === f.id && (
                        <tr>
                          <td colSpan={4}>
                            <p>{f.message}</p>
                            <TriageForm file={props.file} finding={f} onSaved={() => setSaved((s) => s + 1)} />
                            <Explain file={props.file} id={f.id} revision={saved} />
                          </td>
                        </tr>
                      )}
                    </>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </section>
  );
}
