/**
 * Model view: the funnel diagram (bands, trust boundaries, flows, components with their controls, each attacker's
 * cheapest path) and the validation diagnostics, live: the view reloads when a YAML file changes on disk. Each
 * diagnostic links to its file at the line.
 */
import { useState } from 'preact/hooks';
import { get } from './api.js';
import { useData } from './use-data.js';

interface Diag {
  file: string;
  line: number;
  col: number;
  severity: string;
  code: string;
  message: string;
  hint?: string;
}
interface NodeBox {
  id: string;
  x: number;
  y: number;
  band: string;
}
interface ModelData {
  ok: boolean;
  file: string;
  diagnostics: Diag[];
  system?: { id: string; name: string; description?: string };
  files?: string[];
  counts?: Record<string, number>;
  diagram?: {
    width: number;
    height: number;
    bands: Array<{ band: string; y: number; height: number }>;
    nodes: NodeBox[];
    edges: Array<{ from: string; to: string; kind: string; d: string }>;
    boundaries: Array<{ x: number; y: number; width: number; height: number; label?: string }>;
    highlights: Array<{ attacker: string; label: string; components: string[] }>;
  };
  components?: Array<{
    id: string;
    name: string;
    kind: string;
    layer: string | null;
    location: { file: string; line: number };
    controls: Array<{ id: string; status: string }>;
  }>;
}

const NODE_W = 184;
const NODE_H = 84;
export const PATH_COLORS = ['#d7263d', '#1b998b', '#f46036', '#2e294e', '#8d6a9f', '#3d5a80'];
const MAX_CHIPS = 2;

function FileAtLine(props: { path: string; line: number; onClose: () => void }) {
  const { data, error } = useData(() => get<{ text: string }>('/api/file', { path: props.path }), [props.path]);
  return (
    <div class="panel file-view">
      <div class="row">
        <code>
          {props.path}:{props.line}
        </code>
        <button type="button" onClick={props.onClose}>
          close
        </button>
      </div>
      {error && <p class="error">{error}</p>}
      {data && (
        <pre>
          {data.text
            .split('\n')
            .slice(Math.max(0, props.line - 6), props.line + 5)
            .map((l, i) => {
              const n = Math.max(0, props.line - 6) + i + 1;
              return (
                <div class={n === props.line ? 'hl' : ''}>
                  <span class="ln">{n}</span>
                  {l}
                </div>
              );
            })}
        </pre>
      )}
    </div>
  );
}

export function Diagnostics(props: { diagnostics: Diag[] }) {
  const [open, setOpen] = useState<{ path: string; line: number } | null>(null);
  if (props.diagnostics.length === 0)
    return (
      <p class="ok" data-testid="no-diagnostics">
        No diagnostics: the model loads cleanly.
      </p>
    );
  return (
    <div>
      <ul class="diagnostics" data-testid="diagnostics">
        {props.diagnostics.map((d) => (
          <li class={d.severity}>
            <button type="button" class="link" onClick={() => setOpen({ path: d.file, line: d.line })}>
              {d.file}:{d.line}:{d.col}
            </button>{' '}
            <strong>{d.severity}</strong> {d.message}
            {d.hint && <div class="muted">hint: {d.hint}</div>}
          </li>
        ))}
      </ul>
      {open && <FileAtLine path={open.path} line={open.line} onClose={() => setOpen(null)} />}
    </div>
  );
}

function Diagram(props: { data: NonNullable<ModelData['diagram']>; components: NonNullable<ModelData['components']> }) {
  const { data } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const byId = new Map(data.nodes.map((n) => [n.id, n]));
  const comp = new Map(props.components.map((c) => [c.id, c]));
  const sel = selected ? comp.get(selected) : undefined;
  return (
    <div class="diagram-wrap">
      <ul class="legend" aria-label="attack paths">
        {data.highlights.map((h, i) => (
          <li>
            <span class="swatch" style={{ background: PATH_COLORS[i % PATH_COLORS.length] }} />
            {h.label}: cheapest path
          </li>
        ))}
      </ul>
      <div class="scroll">
        <svg
          width={data.width}
          height={data.height}
          viewBox={`0 0 ${data.width} ${data.height}`}
          role="img"
          aria-label="system diagram"
        >
          {data.bands.map((b, i) => (
            <g>
              <rect x={0} y={b.y} width={data.width} height={b.height} class={`band band-${i % 2}`} />
              <text x={8} y={b.y + 16} class="band-label">
                {b.band}
              </text>
            </g>
          ))}
          {data.boundaries.map((b) => (
            <g>
              <rect x={b.x} y={b.y} width={b.width} height={b.height} class="boundary" />
              {b.label && (
                <text x={b.x + 6} y={b.y + 12} class="boundary-label">
                  {b.label}
                </text>
              )}
            </g>
          ))}
          {data.edges.map((e) => (
            <path d={e.d} class={`edge edge-${e.kind}`} />
          ))}
          {data.highlights.map((h, i) => {
            // Each attacker's path gets its own offset so one never hides another on shared components.
            const off = (i - (data.highlights.length - 1) / 2) * 6;
            const pts = h.components
              .map((c) => byId.get(c))
              .filter((n): n is NodeBox => n !== undefined)
              .map((n) => `${n.x + NODE_W / 2 + off},${n.y + NODE_H / 2 + off}`);
            return (
              <polyline
                points={pts.join(' ')}
                class="attack-path"
                data-attacker={h.attacker}
                style={{ stroke: PATH_COLORS[i % PATH_COLORS.length] }}
              />
            );
          })}
          {data.nodes.map((n) => {
            const c = comp.get(n.id);
            const controls = c?.controls ?? [];
            return (
              // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; it takes focus and Enter
              <g
                class={`node${selected === n.id ? ' selected' : ''}`}
                onClick={() => setSelected(n.id)}
                onKeyDown={(e) => e.key === 'Enter' && setSelected(n.id)}
                role="button"
                tabIndex={0}
                data-component={n.id}
              >
                <title>{`${c?.name ?? n.id} (${c?.kind ?? ''})\ncontrols: ${controls.map((k) => `${k.id} [${k.status}]`).join(', ') || 'none'}`}</title>
                <rect x={n.x} y={n.y} width={NODE_W} height={NODE_H} rx={6} />
                <text x={n.x + 8} y={n.y + 18} class="node-name">
                  {(c?.name ?? n.id).slice(0, 26)}
                </text>
                <text x={n.x + 8} y={n.y + 34} class="node-kind">
                  {c?.kind ?? ''}
                </text>
                {controls.slice(0, MAX_CHIPS).map((k, j) => (
                  <g>
                    <rect
                      x={n.x + 6}
                      y={n.y + 42 + j * 17}
                      width={NODE_W - 12}
                      height={14}
                      rx={3}
                      class={`chip chip-${k.status}`}
                    />
                    <text x={n.x + 10} y={n.y + 53 + j * 17} class="chip-text">
                      {k.id.length > 28 ? `${k.id.slice(0, 27)}…` : k.id}
                    </text>
                  </g>
                ))}
                {controls.length > MAX_CHIPS && (
                  <text x={n.x + NODE_W - 8} y={n.y + 18} class="chip-more" text-anchor="end">
                    +{controls.length - MAX_CHIPS}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      {sel && (
        <div class="panel" data-testid="component-detail">
          <h3>{sel.name}</h3>
          <p>
            <code>{sel.id}</code> · {sel.kind} · {sel.layer ?? 'off the live path'} ·{' '}
            <span class="muted">
              {sel.location.file}:{sel.location.line}
            </span>
          </p>
          <p>Controls: {sel.controls.length === 0 ? 'none' : ''}</p>
          <ul>
            {sel.controls.map((k) => (
              <li>
                <code>{k.id}</code> <span class={`tag tag-${k.status}`}>{k.status}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function ModelView(props: { file: string; revision: number }) {
  const { data, error } = useData(
    () => get<ModelData>('/api/model', { file: props.file }),
    [props.file, props.revision],
  );
  if (error) return <p class="error">{error}</p>;
  if (!data) return <p class="muted">analysing…</p>;
  return (
    <section data-testid="model-view">
      <h2>{data.system ? data.system.name : data.file}</h2>
      {data.system?.description && <p class="muted">{data.system.description}</p>}
      {data.counts && (
        <p class="counts">
          {Object.entries(data.counts).map(([k, v]) => (
            <span>
              {k}: <strong>{v}</strong>
            </span>
          ))}
        </p>
      )}
      <h3>Diagnostics</h3>
      <Diagnostics diagnostics={data.diagnostics} />
      {data.diagram && data.components && (
        <>
          <h3>Diagram</h3>
          <Diagram data={data.diagram} components={data.components} />
        </>
      )}
    </section>
  );
}
