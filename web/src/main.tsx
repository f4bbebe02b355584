/**
 * The workbench shell: pick a model, switch views, and keep them live through the event stream. Everything from
 * the served files is rendered as text by Preact (no innerHTML anywhere), so a model file cannot inject markup.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { events, get, readOnly } from './api.js';
import { CampaignsView } from './campaigns.js';
import { FindingsView } from './findings.js';
import { ModelView } from './model.js';
import { PathsView } from './paths.js';
import { ResultsView } from './results.js';
import './style.css';

export interface Workspace {
  root: string;
  models: string[];
  campaigns: string[];
  documents: Array<{ path: string; kind: string }>;
  store: string | null;
}

const TABS = [
  ['model', 'Model'],
  ['findings', 'Findings'],
  ['paths', 'Attack paths'],
  ['campaigns', 'Campaigns'],
  ['results', 'Monitor & regress'],
] as const;
type Tab = (typeof TABS)[number][0];

function tabFromHash(): Tab {
  const h = location.hash.replace(/^#/, '');
  return (TABS.find(([id]) => id === h)?.[0] ?? 'model') as Tab;
}

function App() {
  const [ws, setWs] = useState<Workspace | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [model, setModel] = useState<string>('');
  const [tab, setTab] = useState<Tab>(tabFromHash());
  const [revision, setRevision] = useState(0);
  const [campaignEvent, setCampaignEvent] = useState<unknown>(null);

  useEffect(() => {
    get<Workspace>('/api/workspace')
      .then((w) => {
        setWs(w);
        setModel((m) => m || w.models[0] || '');
      })
      .catch((e: Error) => setError(e.message));
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    const off = events((type, data) => {
      if (type === 'files') setRevision((r) => r + 1);
      if (type === 'campaign') setCampaignEvent(data);
    });
    return () => {
      removeEventListener('hashchange', onHash);
      off();
    };
  }, []);

  if (error) return <main class="error">{error}</main>;
  if (!ws) return <main class="muted">loading…</main>;
  return (
    <div class="shell">
      <header>
        <strong>nograd</strong>
        <span class="hdr-note">{readOnly ? 'export (read-only)' : ws.root}</span>
        {ws.models.length > 1 && (
          <select aria-label="model file" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            {ws.models.map((m) => (
              <option value={m}>{m}</option>
            ))}
          </select>
        )}
        {ws.models.length === 1 && <code>{model}</code>}
        <nav>
          {TABS.map(([id, label]) => (
            <a href={`#${id}`} class={tab === id ? 'active' : ''} data-tab={id}>
              {label}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {!model && (tab === 'model' || tab === 'findings' || tab === 'paths') && (
          <p class="muted">No system model (a YAML file starting with `nograd: 1`) in this directory.</p>
        )}
        {model && tab === 'model' && <ModelView file={model} revision={revision} />}
        {model && tab === 'findings' && <FindingsView file={model} revision={revision} />}
        {model && tab === 'paths' && <PathsView file={model} revision={revision} />}
        {tab === 'campaigns' && <CampaignsView live={campaignEvent} />}
        {tab === 'results' && <ResultsView />}
      </main>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
