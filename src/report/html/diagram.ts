/**
 * The system diagram: a layered layout computed here (no Graphviz), drawn as inline SVG.
 *
 * Bands top to bottom follow the funnel an attacker meets: automation → access → activity → application, then a
 * separate band for components off the live path (review, feedback, training, logging). Inside a band components
 * are ordered by flow topology (longest-path rank over live and training flows, feedback flows ignored so loops do
 * not reorder the funnel) and placed near the columns of the components that feed them (barycenter), so most live
 * flows run straight down or to the right. Bands wrap to more rows past `maxPerRow`.
 *
 * Every string from the model goes through `esc`; nothing from the model becomes markup, an attribute name, a URL,
 * a style or an id (element ids are generated from indices).
 */
import { resolveModel } from '../../model/resolved.js';
import type { SystemModel } from '../../model/schema.js';
import { type FlowKind, LAYERS } from '../../model/vocabulary.js';
import { esc, truncate } from '../../util/escape.js';

export const OFF_PATH = 'off-path';
export type Band = (typeof LAYERS)[number] | typeof OFF_PATH;
export const BANDS: readonly Band[] = [...LAYERS, OFF_PATH];
const BAND_LABEL: Record<Band, string> = {
  automation: 'Automation',
  access: 'Access',
  activity: 'Activity',
  application: 'Application',
  'off-path': 'Off the live path',
};
const BAND_HINT: Record<Band, string> = {
  automation: 'accounts, sign-up, bots',
  access: 'identity, reputation',
  activity: 'rate, volume, behaviour',
  application: 'content, model, policy',
  'off-path': 'review, feedback, training, logs',
};

/** A path to draw highlighted (the cheapest attack path of one attacker), as the ordered components it crosses. */
export interface DiagramHighlight {
  attacker: string;
  label: string;
  components: string[];
}

export interface DiagramOptions {
  /** Paths to highlight (economics present). When empty, components with uncountered tactics are highlighted. */
  highlights?: DiagramHighlight[];
  /** Number of uncountered tactic uses per component (all attackers). */
  uncountered?: ReadonlyMap<string, number>;
  /** Components per row before a band wraps (default: 6, or more for very large models). */
  maxPerRow?: number;
}

export interface NodeBox {
  id: string;
  index: number;
  band: Band;
  row: number;
  col: number;
  x: number;
  y: number;
  rank: number;
}

export interface EdgeRoute {
  index: number;
  from: string;
  to: string;
  kind: FlowKind;
  d: string;
  /** The first highlighted path (attacker index) through this edge. */
  highlighted: number | undefined;
  /** Every highlighted path through this edge (so a shared edge shows each attacker, not just the first). */
  highlightedBy: number[];
}

export interface BandBox {
  band: Band;
  y: number;
  height: number;
  rows: number;
}

export interface BoundaryBox {
  boundary: number;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string | undefined;
}

export interface DiagramLayout {
  width: number;
  height: number;
  nodes: Map<string, NodeBox>;
  bands: BandBox[];
  edges: EdgeRoute[];
  boundaries: BoundaryBox[];
}

export const NODE_W = 184;
export const NODE_H = 84;
const GAP_X = 30;
const ROW_GAP = 58;
const BAND_PAD = 22;
const LABEL_W = 132;
const MARGIN = 16;

/** Longest-path rank over live and training flows; feedback flows and back edges (cycles) are ignored. */
export function flowRanks(model: SystemModel): Map<string, number> {
  const ids = model.components.map((c) => c.id);
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const f of model.flows) {
    if (f.kind === 'feedback' || f.from === f.to) continue;
    out.get(f.from)?.push(f.to);
  }
  // Depth-first search to drop back edges (cycle breaking), then longest path in topological order.
  const state = new Map<string, 0 | 1 | 2>();
  const topo: string[] = [];
  const dag = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const root of ids) {
    if (state.get(root)) continue;
    const stack: Array<{ id: string; i: number }> = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = out.get(top.id)?.[top.i];
      if (next === undefined) {
        state.set(top.id, 2);
        topo.push(top.id);
        stack.pop();
        continue;
      }
      top.i++;
      const s = state.get(next) ?? 0;
      if (s === 1) continue; // back edge: part of a cycle
      dag.get(top.id)?.push(next);
      if (s === 0) {
        state.set(next, 1);
        stack.push({ id: next, i: 0 });
      }
    }
  }
  topo.reverse();
  const rank = new Map<string, number>(ids.map((id) => [id, 0]));
  for (const id of topo) {
    const r = rank.get(id) ?? 0;
    for (const n of dag.get(id) ?? []) if ((rank.get(n) ?? 0) < r + 1) rank.set(n, r + 1);
  }
  return rank;
}

function bandOf(layer: string | undefined): Band {
  return layer && (LAYERS as readonly string[]).includes(layer) ? (layer as Band) : OFF_PATH;
}

/** Integer columns, strictly increasing, as close as possible to the desired ones, within [0, maxCol]. */
export function assignColumns(desired: number[], maxCol: number): number[] {
  const n = desired.length;
  const c = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    const want = Math.max(0, Math.round(desired[i] ?? 0));
    c[i] = i === 0 ? want : Math.max(want, (c[i - 1] ?? 0) + 1);
  }
  for (let i = n - 1; i >= 0; i--) {
    const cap = i === n - 1 ? maxCol : (c[i + 1] ?? maxCol) - 1;
    c[i] = Math.min(c[i] ?? 0, cap, maxCol - (n - 1 - i));
  }
  return c;
}

export function layoutDiagram(model: SystemModel, opts: DiagramOptions = {}): DiagramLayout {
  const n = model.components.length;
  const maxPerRow = Math.max(2, opts.maxPerRow ?? (n > 150 ? 14 : n > 60 ? 10 : 6));
  const rank = flowRanks(model);
  const order = new Map(model.components.map((c, i) => [c.id, i]));
  const neighbours = new Map<string, string[]>(model.components.map((c) => [c.id, []]));
  for (const f of model.flows) {
    if (f.from === f.to) continue;
    neighbours.get(f.from)?.push(f.to);
    neighbours.get(f.to)?.push(f.from);
  }
  const byBand = new Map<Band, string[]>(BANDS.map((b) => [b, []]));
  for (const c of model.components) byBand.get(bandOf(c.layer))?.push(c.id);

  const col = new Map<string, number>();
  const rowOf = new Map<string, number>(); // global row index
  const nodes = new Map<string, NodeBox>();
  const bands: BandBox[] = [];
  let globalRow = 0;
  const rowBands: Band[] = [];

  const bary = (id: string): number | undefined => {
    const placed = (neighbours.get(id) ?? []).map((m) => col.get(m)).filter((v): v is number => v !== undefined);
    return placed.length ? placed.reduce((a, b) => a + b, 0) / placed.length : undefined;
  };

  for (const band of BANDS) {
    const members = byBand.get(band) ?? [];
    if (members.length === 0) continue;
    let sorted: string[];
    if (band === OFF_PATH) {
      // First from neighbours on the live path, then from off-path neighbours placed by the first pass.
      const first = new Map(members.map((id) => [id, bary(id)]));
      const provisional = new Map<string, number>();
      for (const [id, b] of first) if (b !== undefined) provisional.set(id, b);
      for (const id of members) {
        if (provisional.has(id)) continue;
        const vals = (neighbours.get(id) ?? [])
          .map((m) => provisional.get(m))
          .filter((v): v is number => v !== undefined);
        provisional.set(id, vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : maxPerRow);
      }
      sorted = [...members].sort(
        (a, b) =>
          (provisional.get(a) ?? 0) - (provisional.get(b) ?? 0) ||
          (rank.get(a) ?? 0) - (rank.get(b) ?? 0) ||
          (order.get(a) ?? 0) - (order.get(b) ?? 0),
      );
    } else {
      sorted = [...members].sort(
        (a, b) =>
          (rank.get(a) ?? 0) - (rank.get(b) ?? 0) ||
          (bary(a) ?? Number.POSITIVE_INFINITY) - (bary(b) ?? Number.POSITIVE_INFINITY) ||
          (order.get(a) ?? 0) - (order.get(b) ?? 0),
      );
    }
    const rows = Math.ceil(sorted.length / maxPerRow);
    for (let r = 0; r < rows; r++) {
      const rowIds = sorted.slice(r * maxPerRow, (r + 1) * maxPerRow);
      const desired: number[] = [];
      let prev = -1;
      for (const id of rowIds) {
        const b = bary(id);
        const d = b === undefined ? prev + 1 : b;
        desired.push(d);
        prev = Math.max(prev + 1, Math.round(d));
      }
      const cols = rowIds.length === maxPerRow ? rowIds.map((_, i) => i) : assignColumns(desired, maxPerRow - 1);
      rowIds.forEach((id, i) => {
        col.set(id, cols[i] ?? i);
        rowOf.set(id, globalRow);
      });
      rowBands.push(band);
      globalRow++;
    }
    bands.push({ band, y: 0, height: 0, rows });
  }

  // Vertical positions: each band gets padding; rows inside a band are ROW_GAP apart.
  const rowY: number[] = [];
  let y = MARGIN + 8;
  let bi = 0;
  for (const b of bands) {
    b.y = y;
    y += BAND_PAD + 14;
    for (let r = 0; r < b.rows; r++) {
      rowY[bi + r] = y;
      y += NODE_H + (r < b.rows - 1 ? ROW_GAP : 0);
    }
    y += BAND_PAD;
    b.height = y - b.y;
    bi += b.rows;
    y += 10;
  }
  const width = MARGIN * 2 + LABEL_W + maxPerRow * NODE_W + (maxPerRow - 1) * GAP_X;
  const height = y + MARGIN;

  model.components.forEach((c, index) => {
    const r = rowOf.get(c.id) ?? 0;
    const k = col.get(c.id) ?? 0;
    nodes.set(c.id, {
      id: c.id,
      index,
      band: rowBands[r] ?? OFF_PATH,
      row: r,
      col: k,
      x: MARGIN + LABEL_W + k * (NODE_W + GAP_X),
      y: rowY[r] ?? 0,
      rank: rank.get(c.id) ?? 0,
    });
  });

  const edges = routeEdges(model, nodes, opts.highlights ?? []);
  const boundaries = boundaryBoxes(model, nodes);
  return { width, height, nodes, bands, edges, boundaries };
}

type Side = 'top' | 'bottom' | 'left' | 'right';

function routeEdges(model: SystemModel, nodes: Map<string, NodeBox>, highlights: DiagramHighlight[]): EdgeRoute[] {
  const hl = new Map<string, number[]>();
  highlights.forEach((h, i) => {
    for (let k = 0; k + 1 < h.components.length; k++) {
      const key = `${h.components[k]}\u0000${h.components[k + 1]}`;
      const list = hl.get(key) ?? [];
      if (!list.includes(i)) list.push(i);
      hl.set(key, list);
    }
  });
  interface Pending {
    index: number;
    a: NodeBox;
    b: NodeBox;
    sa: Side;
    sb: Side;
    kind: FlowKind;
    from: string;
    to: string;
  }
  const pending: Pending[] = [];
  model.flows.forEach((f, index) => {
    const a = nodes.get(f.from);
    const b = nodes.get(f.to);
    if (!a || !b || a === b) return;
    let sa: Side;
    let sb: Side;
    if (a.row === b.row) {
      if (b.col === a.col + 1) [sa, sb] = ['right', 'left'];
      else if (b.col === a.col - 1) [sa, sb] = ['left', 'right'];
      else if (b.col > a.col) [sa, sb] = ['top', 'top'];
      else [sa, sb] = ['bottom', 'bottom'];
    } else if (b.row > a.row) [sa, sb] = ['bottom', 'top'];
    else [sa, sb] = ['top', 'bottom'];
    pending.push({ index, a, b, sa, sb, kind: f.kind ?? 'live', from: f.from, to: f.to });
  });
  // Spread several edges on one side of a node along that side, ordered by where the other end is.
  const slots = new Map<string, Array<{ p: Pending; end: 'a' | 'b'; other: NodeBox }>>();
  for (const p of pending) {
    for (const [end, node, side, other] of [
      ['a', p.a, p.sa, p.b],
      ['b', p.b, p.sb, p.a],
    ] as const) {
      const key = `${node.id}\u0000${side}`;
      const list = slots.get(key) ?? [];
      list.push({ p, end, other });
      slots.set(key, list);
    }
  }
  const offset = new Map<string, number>(); // `${index}:${end}` → offset along the side
  for (const [key, list] of slots) {
    const side = key.split('\u0000')[1] as Side;
    const horizontal = side === 'top' || side === 'bottom';
    list.sort((u, v) => (horizontal ? u.other.x - v.other.x : u.other.y - v.other.y) || u.p.index - v.p.index);
    const span = horizontal ? NODE_W * 0.7 : NODE_H * 0.6;
    list.forEach((s, i) => {
      const o = list.length === 1 ? 0 : -span / 2 + (span * i) / (list.length - 1);
      offset.set(`${s.p.index}:${s.end}`, o);
    });
  }
  const port = (n: NodeBox, side: Side, o: number): [number, number] => {
    switch (side) {
      case 'top':
        return [n.x + NODE_W / 2 + o, n.y];
      case 'bottom':
        return [n.x + NODE_W / 2 + o, n.y + NODE_H];
      case 'left':
        return [n.x, n.y + NODE_H / 2 + o];
      default:
        return [n.x + NODE_W, n.y + NODE_H / 2 + o];
    }
  };
  const f = (v: number) => Math.round(v * 10) / 10;
  return pending.map((p) => {
    const [x1, y1] = port(p.a, p.sa, offset.get(`${p.index}:a`) ?? 0);
    const [x2, y2] = port(p.b, p.sb, offset.get(`${p.index}:b`) ?? 0);
    let d: string;
    if (p.sa === 'right' || p.sa === 'left') {
      d = `M${f(x1)},${f(y1)} C${f((x1 + x2) / 2)},${f(y1)} ${f((x1 + x2) / 2)},${f(y2)} ${f(x2)},${f(y2)}`;
    } else if (p.sa === p.sb) {
      const lift = 20 + 7 * Math.abs(p.b.col - p.a.col);
      const dir = p.sa === 'top' ? -1 : 1;
      d = `M${f(x1)},${f(y1)} C${f(x1)},${f(y1 + dir * lift)} ${f(x2)},${f(y2 + dir * lift)} ${f(x2)},${f(y2)}`;
    } else {
      const dy = Math.max(30, Math.abs(y2 - y1) / 2);
      const dir = p.sa === 'bottom' ? 1 : -1;
      d = `M${f(x1)},${f(y1)} C${f(x1)},${f(y1 + dir * dy)} ${f(x2)},${f(y2 - dir * dy)} ${f(x2)},${f(y2)}`;
    }
    return {
      index: p.index,
      from: p.from,
      to: p.to,
      kind: p.kind,
      d,
      highlighted: hl.get(`${p.from}\u0000${p.to}`)?.[0],
      highlightedBy: hl.get(`${p.from}\u0000${p.to}`) ?? [],
    };
  });
}

function boundaryBoxes(model: SystemModel, nodes: Map<string, NodeBox>): BoundaryBox[] {
  const out: BoundaryBox[] = [];
  const size = model.trustBoundaries.map((b) => new Set(b.components).size);
  // Per row, the nodes left to right.
  const rows = new Map<number, NodeBox[]>();
  for (const n of nodes.values()) rows.set(n.row, [...(rows.get(n.row) ?? []), n]);
  for (const list of rows.values()) list.sort((a, b) => a.col - b.col);
  model.trustBoundaries.forEach((tb, bi) => {
    const members = new Set(tb.components);
    let labelled = false;
    for (const row of [...rows.keys()].sort((a, b) => a - b)) {
      const list = rows.get(row) ?? [];
      let run: NodeBox[] = [];
      const flush = () => {
        if (run.length === 0) return;
        // Outer (larger) boundaries get more padding, so nested ones stay visible inside them.
        const nested = model.trustBoundaries.filter(
          (other, oi) =>
            oi !== bi && (size[oi] ?? 0) < (size[bi] ?? 0) && run.some((n) => other.components.includes(n.id)),
        ).length;
        const pad = 7 + 6 * nested;
        const first = run[0]!;
        const last = run[run.length - 1]!;
        out.push({
          boundary: bi,
          x: first.x - pad,
          y: first.y - pad,
          width: last.x + NODE_W - first.x + 2 * pad,
          height: NODE_H + 2 * pad,
          label: labelled ? undefined : (tb.name ?? tb.id),
        });
        labelled = true;
        run = [];
      };
      for (const n of list) {
        if (members.has(n.id)) run.push(n);
        else flush();
      }
      flush();
    }
  });
  return out;
}

const FLOW_STYLE: Record<FlowKind, { stroke: string; dash: string; width: number; label: string }> = {
  live: { stroke: '#35506b', dash: '', width: 1.6, label: 'live flow' },
  training: { stroke: '#7b3fa0', dash: '7 4', width: 1.6, label: 'training flow' },
  feedback: { stroke: '#c26a00', dash: '2 4', width: 1.8, label: 'feedback flow' },
};
export const HIGHLIGHT_COLORS = ['#d7263d', '#1b998b', '#f46036', '#2e294e', '#c5d86d', '#8d6a9f'];

/** Word-wrap into at most `maxLines` lines of the given width; the last line is truncated with an ellipsis. */
export function wrapLines(s: string, width: number, size: number, maxLines: number): string[] {
  const max = Math.max(3, Math.floor(width / (size * 0.62)));
  const words = s.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = cur ? `${cur} ${w}` : w;
    if ([...next].length <= max) {
      cur = next;
      continue;
    }
    if (cur) lines.push(cur);
    cur = w;
    if (lines.length === maxLines - 1) {
      cur = words.slice(i).join(' ');
      break;
    }
  }
  if (cur) lines.push(cur);
  return lines.slice(0, maxLines).map((l) => truncate(l, max));
}

function fitText(s: string, width: number, size: number): string {
  const max = Math.max(3, Math.floor(width / (size * 0.56)));
  return truncate(s, max);
}

/** Render the diagram of a model as a standalone `<svg>` element (inline in the report). */
export function renderDiagramSvg(
  model: SystemModel,
  opts: DiagramOptions & { title?: string } = {},
): { svg: string; layout: DiagramLayout } {
  const layout = layoutDiagram(model, opts);
  const highlights = opts.highlights ?? [];
  const onPath = new Map<string, number>();
  const pathsThrough = new Map<string, number[]>();
  highlights.forEach((h, i) => {
    for (const c of h.components) {
      if (!onPath.has(c)) onPath.set(c, i);
      const list = pathsThrough.get(c) ?? [];
      if (!list.includes(i)) list.push(i);
      pathsThrough.set(c, list);
    }
  });
  const uncountered = opts.uncountered ?? new Map<string, number>();
  const attackerIndex = new Map(model.attackers.map((a, i) => [a.id, i + 1]));
  const entries = new Map<string, number[]>();
  for (const a of model.attackers) {
    for (const acc of a.access ?? []) {
      if (acc.write.some((w) => w !== 'none')) {
        entries.set(acc.component, [...(entries.get(acc.component) ?? []), attackerIndex.get(a.id) ?? 0]);
      }
    }
  }
  // Controls on each component come from the resolved model (its `on:` lists and the components' `controls:`).
  const resolved = resolveModel(model);

  const parts: string[] = [];
  const { width, height } = layout;
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="diagram" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="dg-title dg-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`,
  );
  parts.push(`<title id="dg-title">${esc(opts.title ?? `System diagram: ${model.system.name}`)}</title>`);
  parts.push(
    `<desc id="dg-desc">${esc(`${model.components.length} components in funnel layers, ${model.flows.length} flows, ${model.trustBoundaries.length} trust boundaries, ${model.attackers.length} attackers.`)}</desc>`,
  );
  parts.push('<defs>');
  for (const [kind, s] of Object.entries(FLOW_STYLE)) {
    parts.push(
      `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${s.stroke}"/></marker>`,
    );
  }
  HIGHLIGHT_COLORS.forEach((c, i) => {
    parts.push(
      `<marker id="arrow-hl-${i}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`,
    );
  });
  parts.push('</defs>');

  // Bands.
  for (const b of layout.bands) {
    const cls = b.band === OFF_PATH ? 'band band-off' : 'band';
    parts.push(
      `<g class="${cls}"><rect x="${MARGIN}" y="${b.y}" width="${width - 2 * MARGIN}" height="${b.height}" rx="10" fill="${b.band === OFF_PATH ? '#f4f1ea' : '#eef3f8'}" stroke="${b.band === OFF_PATH ? '#d9d0bd' : '#d3deea'}"/>` +
        `<text x="${MARGIN + 12}" y="${b.y + 22}" font-size="13" font-weight="700" fill="#2b3a4a">${esc(BAND_LABEL[b.band])}</text>` +
        `<text x="${MARGIN + 12}" y="${b.y + 37}" font-size="10" fill="#5b6b7b">${esc(BAND_HINT[b.band])}</text></g>`,
    );
  }

  // Trust boundaries.
  for (const tb of layout.boundaries) {
    const boundary = model.trustBoundaries[tb.boundary];
    parts.push(
      `<g class="boundary"><title>${esc(`Trust boundary ${boundary?.name ?? ''} (${boundary?.id ?? ''})${boundary?.description ? `: ${boundary.description}` : ''}`)}</title><rect x="${tb.x}" y="${tb.y}" width="${tb.width}" height="${tb.height}" rx="14" fill="none" stroke="#6d7f91" stroke-width="1.3" stroke-dasharray="6 4"/>` +
        (tb.label !== undefined
          ? `<text x="${tb.x + 10}" y="${tb.y - 4}" font-size="10" font-style="italic" fill="#4a5968">${esc(fitText(tb.label, Math.max(120, tb.width - 20), 10))}</text>`
          : '') +
        '</g>',
    );
  }

  // Edges (normal first, highlighted on top).
  const flowById = model.flows;
  const drawEdge = (e: EdgeRoute) => {
    const flow = flowById[e.index];
    const s = FLOW_STYLE[e.kind];
    const tip = `${e.kind} flow ${e.from} → ${e.to}${flow?.data ? `: ${flow.data}` : ''}`;
    if (e.highlighted !== undefined) {
      // One stripe per attacker whose path uses this edge, widest first, so no path hides under another.
      const by = e.highlightedBy.length ? e.highlightedBy : [e.highlighted];
      const last = by[by.length - 1]! % HIGHLIGHT_COLORS.length;
      const who = by.map((i) => opts.highlights?.[i]?.attacker ?? '').join(', ');
      const stripes = by
        .map((i, k) => {
          const color = HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length];
          const w = 2.4 + 3.2 * (by.length - 1 - k);
          return `<path d="${e.d}" fill="none" stroke="${color}" stroke-width="${w}"${k === by.length - 1 ? ` marker-end="url(#arrow-hl-${last})"` : ''}/>`;
        })
        .join('');
      return `<g class="edge edge-${e.kind} edge-hl" data-attackers="${esc(who)}"><title>${esc(`${tip}\non the cheapest path of ${who}`)}</title><path d="${e.d}" fill="none" stroke="${HIGHLIGHT_COLORS[e.highlighted % HIGHLIGHT_COLORS.length]}" stroke-opacity="0.25" stroke-width="${7 + 3.2 * (by.length - 1)}"/>${stripes}</g>`;
    }
    return `<g class="edge edge-${e.kind}"><title>${esc(tip)}</title><path d="${e.d}" fill="none" stroke="${s.stroke}" stroke-width="${s.width}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} marker-end="url(#arrow-${e.kind})"/></g>`;
  };
  for (const e of layout.edges) if (e.highlighted === undefined) parts.push(drawEdge(e));
  for (const e of layout.edges) if (e.highlighted !== undefined) parts.push(drawEdge(e));

  // Nodes.
  const useUncountered = highlights.length === 0;
  for (const comp of model.components) {
    const n = layout.nodes.get(comp.id);
    if (!n) continue;
    const open = uncountered.get(comp.id) ?? 0;
    const pathIdx = onPath.get(comp.id);
    let stroke = '#8797a8';
    let strokeW = 1.2;
    let fill = '#ffffff';
    if (pathIdx !== undefined) {
      stroke = HIGHLIGHT_COLORS[pathIdx % HIGHLIGHT_COLORS.length] ?? '#d7263d';
      strokeW = 3;
      fill = '#fff6f6';
    } else if (useUncountered && open > 0) {
      stroke = '#d7263d';
      strokeW = 2.4;
      fill = '#fff4f4';
    }
    const controls = resolved.controls(comp.id);
    const entry = entries.get(comp.id) ?? [];
    const tip = [
      `${comp.name ?? comp.id} (${comp.id})`,
      `kind: ${comp.kind}${comp.layer ? ` · layer: ${comp.layer}` : ' · off the live path'}`,
      comp.description ?? '',
      controls.length
        ? `controls: ${controls.map((c) => `${c.name ?? c.id}${c.status === 'planned' ? ' (planned)' : ''}`).join('; ')}`
        : 'no controls',
      entry.length ? `attacker entry: ${entry.map((i) => model.attackers[i - 1]?.id ?? '').join(', ')}` : '',
      open ? `${open} uncountered tactic use${open === 1 ? '' : 's'}` : '',
      pathIdx !== undefined
        ? `on the cheapest path of ${(pathsThrough.get(comp.id) ?? []).map((i) => highlights[i]?.attacker ?? '').join(', ')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n');
    const cls = ['node', pathIdx !== undefined ? 'node-path' : '', useUncountered && open > 0 ? 'node-open' : '']
      .filter(Boolean)
      .join(' ');
    const g: string[] = [];
    g.push(`<g class="${cls}" data-index="${n.index}"><title>${esc(tip)}</title>`);
    // Further attackers whose paths cross this node get an outer ring each (the first colours the border).
    (pathsThrough.get(comp.id) ?? []).slice(1).forEach((i, k) => {
      const o = 3.5 * (k + 1);
      g.push(
        `<rect class="ring" x="${n.x - o}" y="${n.y - o}" width="${NODE_W + 2 * o}" height="${NODE_H + 2 * o}" rx="${8 + o}" fill="none" stroke="${HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]}" stroke-width="2"/>`,
      );
    });
    g.push(
      `<rect x="${n.x}" y="${n.y}" width="${NODE_W}" height="${NODE_H}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="${strokeW}"/>`,
    );
    const nameLines = wrapLines(comp.name ?? comp.id, NODE_W - 18 - (open && useUncountered ? 30 : 0), 12, 2);
    nameLines.forEach((line, i) => {
      g.push(
        `<text x="${n.x + 9}" y="${n.y + 17 + i * 14}" font-size="12" font-weight="600" fill="#1d2935">${esc(line)}</text>`,
      );
    });
    g.push(
      `<text x="${n.x + 9}" y="${n.y + (nameLines.length > 1 ? 46 : 33)}" font-size="9.5" fill="#5b6b7b">${esc(fitText(`${comp.kind} · ${comp.id}`, NODE_W - 18, 9.5))}</text>`,
    );
    // Control badges, one per row at full width so names stay readable (implemented solid green, planned dashed
    // amber); what does not fit is counted ("+N more"), and the node's tooltip lists every control.
    const by = n.y + NODE_H - 22;
    const rows = nameLines.length > 1 ? 1 : 2;
    const firstRow = by - (rows - 1) * 18;
    const fits = controls.length <= rows ? controls.length : rows - 1;
    const badgeW = NODE_W - 16;
    controls.slice(0, fits).forEach((c, k) => {
      const y = firstRow + k * 18;
      const planned = c.status === 'planned';
      const label = fitText(`${c.name ?? c.id}${planned ? ' (planned)' : ''}`, badgeW - 14, 9);
      g.push(
        `<g class="badge ${planned ? 'badge-planned' : 'badge-implemented'}"><title>${esc(`${planned ? 'Planned' : 'Implemented'} control: ${c.name ?? c.id} (${c.id})${c.effectiveness !== undefined ? `, effectiveness ${c.effectiveness}` : ''}`)}</title><rect x="${n.x + 8}" y="${y}" width="${badgeW}" height="15" rx="7.5" fill="${planned ? '#fff8e6' : '#e3f4e8'}" stroke="${planned ? '#c98a00' : '#2f8f4e'}"${planned ? ' stroke-dasharray="3 2"' : ''}/><text x="${n.x + 14}" y="${y + 11}" font-size="9" fill="${planned ? '#7a5300' : '#1c5e31'}"${planned ? ' font-style="italic"' : ''}>${esc(label)}</text></g>`,
      );
    });
    if (controls.length > fits) {
      g.push(
        `<text class="badge-more" x="${n.x + 12}" y="${firstRow + fits * 18 + 11}" font-size="9" fill="#5b6b7b">+${controls.length - fits} more control${controls.length - fits === 1 ? '' : 's'} (hover for all)</text>`,
      );
    }
    if (controls.length === 0) {
      g.push(`<text x="${n.x + 9}" y="${by + 11}" font-size="9" fill="#9aa6b2" font-style="italic">no control</text>`);
    }
    if (useUncountered && open > 0) {
      g.push(
        `<g class="open-count"><rect x="${n.x + NODE_W - 32}" y="${n.y + 6}" width="26" height="15" rx="7.5" fill="#d7263d"/><text x="${n.x + NODE_W - 19}" y="${n.y + 17}" font-size="9.5" font-weight="700" fill="#fff" text-anchor="middle">${open}</text></g>`,
      );
    }
    // Attacker entry points: numbered red markers on the left edge.
    entry.forEach((ai, k) => {
      const cx = n.x - 2 + k * 13;
      const cy = n.y - 2;
      g.push(
        `<g class="entry"><circle cx="${cx}" cy="${cy}" r="7" fill="#b3001b" stroke="#fff" stroke-width="1.5"/><text x="${cx}" y="${cy + 3.3}" font-size="9" font-weight="700" fill="#fff" text-anchor="middle">${ai}</text></g>`,
      );
    });
    g.push('</g>');
    parts.push(g.join(''));
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), layout };
}

/** The legend for the diagram (HTML, placed under it). */
export function renderDiagramLegend(model: SystemModel, highlights: DiagramHighlight[]): string {
  const items: string[] = [];
  const line = (kind: FlowKind) => {
    const s = FLOW_STYLE[kind];
    return `<span class="lg"><svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" stroke="${s.stroke}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/></svg>${esc(s.label)}</span>`;
  };
  items.push(line('live'), line('training'), line('feedback'));
  items.push(
    '<span class="lg"><svg width="34" height="14" aria-hidden="true"><rect x="1" y="1" width="32" height="12" rx="5" fill="none" stroke="#6d7f91" stroke-dasharray="4 3"/></svg>trust boundary</span>',
    '<span class="lg"><svg width="26" height="14" aria-hidden="true"><rect x="1" y="1" width="24" height="12" rx="6" fill="#e3f4e8" stroke="#2f8f4e"/></svg>control</span>',
    '<span class="lg"><svg width="26" height="14" aria-hidden="true"><rect x="1" y="1" width="24" height="12" rx="6" fill="#fff8e6" stroke="#c98a00" stroke-dasharray="3 2"/></svg>planned control</span>',
  );
  if (highlights.length === 0) {
    items.push(
      '<span class="lg"><svg width="26" height="14" aria-hidden="true"><rect x="1" y="1" width="24" height="12" rx="6" fill="#d7263d"/></svg>uncountered tactic uses (red outline)</span>',
    );
  } else {
    highlights.forEach((h, i) => {
      items.push(
        `<span class="lg"><svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" stroke="${HIGHLIGHT_COLORS[i % HIGHLIGHT_COLORS.length]}" stroke-width="3"/></svg>${esc(h.label)}</span>`,
      );
    });
  }
  model.attackers.forEach((a, i) => {
    items.push(
      `<span class="lg"><svg width="16" height="16" aria-hidden="true"><circle cx="8" cy="8" r="7" fill="#b3001b"/><text x="8" y="11.3" font-size="9" font-weight="700" fill="#fff" text-anchor="middle">${i + 1}</text></svg>entry of ${esc(a.name ?? a.id)}</span>`,
    );
  });
  return `<div class="legend">${items.join('')}</div>`;
}
