/**
 * Seeded generator of large system models, for benchmarks and property tests. A model is a set of funnel-shaped
 * pipelines (input → sign-up → accounts → activity monitors → preprocessing → features → models →
 * post-processing → policy, with review, logging, feedback and training off the live path), optionally joined by
 * one shared identity service the way one company's products share accounts. Controls are catalog controls on a
 * share of components, attackers evade, abuse or poison one pipeline each. The same options give the same model.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { KIND_INFO } from '../../catalog/data.js';
import type {
  AttackerT,
  ComponentAccessT,
  ComponentT,
  ControlT,
  DependencyT,
  FlowT,
  SystemModel,
} from '../../model/schema.js';
import type { ComponentKind, Goal, Layer, Modality } from '../../model/vocabulary.js';
import type { CatalogData } from '../applicability.js';

export interface GenerateOptions {
  components: number;
  attackers: number;
  seed?: number;
  /** Components per pipeline (default 100). */
  pipelineSize?: number;
  /** Share of components carrying a catalog control (default 0.15). */
  controlShare?: number;
  /** Join the pipelines through one shared identity component (default true). */
  sharedIdentity?: boolean;
  catalog: CatalogData;
}

class Dice {
  constructor(private readonly rng: RandomGenerator) {}
  next(): number {
    return (this.rng.next() >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.min(n - 1, Math.floor(this.next() * n));
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const MODALITIES: readonly Modality[] = ['email', 'html', 'text', 'url', 'image'];
/** Share of a pipeline's flexible components per role. */
const ROLE_SHARES: ReadonlyArray<[string, ComponentKind, Layer, number]> = [
  ['acct', 'account-identity', 'access', 0.08],
  ['act', 'activity-monitor', 'activity', 0.14],
  ['pre', 'preprocessing', 'application', 0.3],
  ['feat', 'feature-extraction', 'application', 0.2],
  ['model', 'model', 'application', 0.18],
  ['post', 'post-processing', 'application', 0.1],
];
/** Fixed components per pipeline: input, sign-up, policy, review, logging, feedback, two training sets. */
const FIXED_PER_PIPELINE = 8;
const MIN_PIPELINE = FIXED_PER_PIPELINE + ROLE_SHARES.length;

export function generateModel(opts: GenerateOptions): SystemModel {
  const dice = new Dice(xoroshiro128plus(opts.seed ?? 1));
  const pipelineSize = Math.max(MIN_PIPELINE, opts.pipelineSize ?? 100);
  const shared = opts.sharedIdentity ?? true;
  const total = Math.max(MIN_PIPELINE + (shared ? 1 : 0), opts.components);
  const pipelines = Math.max(1, Math.floor((total - (shared ? 1 : 0)) / pipelineSize));
  const components: ComponentT[] = [];
  const flows: FlowT[] = [];
  const deps: DependencyT[] = [];
  const kindControls = new Map<ComponentKind, string[]>();
  for (const c of opts.catalog.controls) {
    for (const k of c.guards) kindControls.set(k, [...(kindControls.get(k) ?? []), c.id]);
  }
  const live = (from: string, to: string) => flows.push({ from, to, kind: 'live' });
  const comp = (id: string, kind: ComponentKind, layer: Layer | undefined, extra: Partial<ComponentT> = {}) => {
    const c: ComponentT = { id, kind, ...(layer ? { layer } : {}), ...extra };
    const typical = KIND_INFO[kind].typicalAssumptions;
    if (typical.length > 0 && dice.chance(0.4)) c.assumptions = [{ id: 'a1', text: dice.pick(typical) }];
    components.push(c);
    return id;
  };
  const sharedId = shared
    ? comp('shared-identity', 'account-identity', 'access', { paradigm: 'heuristic' })
    : undefined;

  const budgetLeft = total - (shared ? 1 : 0);
  const pipes: Array<{
    input: string;
    signup: string;
    ranks: string[][];
    policy: string;
    models: string[];
    p: number;
  }> = [];
  for (let p = 0; p < pipelines; p++) {
    const size = p === pipelines - 1 ? budgetLeft - pipelineSize * (pipelines - 1) : pipelineSize;
    const flexible = size - FIXED_PER_PIPELINE;
    const modality = dice.pick(MODALITIES);
    const pre = `p${p}-`;
    const input = comp(`${pre}input`, 'input-source', 'automation', { modality: 'other' });
    const signup = comp(`${pre}signup`, 'account-identity', 'automation', { paradigm: 'heuristic' });
    const counts = ROLE_SHARES.map(([, , , share]) => Math.max(1, Math.floor(flexible * share)));
    counts[2]! += flexible - counts.reduce((a, b) => a + b, 0); // the rest goes to preprocessing
    const ranks: string[][] = [[input], [signup]];
    const models: string[] = [];
    ROLE_SHARES.forEach(([role, kind, layer], r) => {
      const ids: string[] = [];
      for (let i = 0; i < counts[r]!; i++) {
        const appl = layer === 'application' && kind !== 'post-processing';
        ids.push(
          comp(`${pre}${role}${i}`, kind, layer, {
            ...(appl ? { modality } : {}),
            ...(kind === 'model' ? { paradigm: dice.pick(['shallow', 'deep'] as const) } : {}),
          }),
        );
        if (kind === 'model') models.push(ids[ids.length - 1]!);
      }
      // Split each role into ranks of up to 4 so the funnel has depth as well as width.
      for (let i = 0; i < ids.length; i += 4) ranks.push(ids.slice(i, i + 4));
    });
    const policy = comp(`${pre}policy`, 'policy', 'application', {
      paradigm: 'heuristic',
      properties: { threshold: 0.5, reviewLow: 0.3 },
    });
    ranks.push([policy]);
    for (let r = 0; r + 1 < ranks.length; r++) {
      const from = ranks[r]!;
      const to = ranks[r + 1]!;
      const fed = new Set<string>();
      for (const a of from) {
        const k = 1 + dice.int(Math.min(2, to.length));
        for (let j = 0; j < k; j++) {
          const b = dice.pick(to);
          if (fed.has(`${a}>${b}`)) continue;
          fed.add(`${a}>${b}`);
          fed.add(b);
          live(a, b);
        }
      }
      for (const b of to) if (!fed.has(b)) live(dice.pick(from), b);
    }
    if (sharedId) {
      live(signup, sharedId);
      live(sharedId, ranks[2]![0]!);
    }
    const review = comp(`${pre}review`, 'human-review', undefined, { properties: { capacityPerDay: 200 } });
    const log = comp(`${pre}log`, 'logging', undefined);
    const feedback = comp(`${pre}feedback`, 'feedback', undefined);
    const train = comp(`${pre}train`, 'training-data', undefined);
    const corpus = comp(`${pre}corpus`, 'training-data', undefined);
    live(policy, review);
    live(policy, log);
    live(policy, feedback);
    flows.push({ from: feedback, to: train, kind: 'feedback' });
    flows.push({ from: feedback, to: ranks[2]![0]!, kind: 'feedback' });
    flows.push({ from: corpus, to: train, kind: 'training' });
    for (const m of models) flows.push({ from: train, to: m, kind: 'training' });
    deps.push({
      id: `${pre}lib`,
      name: `${pre}parser`,
      type: 'library',
      pinned: dice.chance(0.7),
      usedBy: [ranks.find((r) => r[0]?.includes('-pre'))?.[0] ?? policy],
    });
    deps.push({ id: `${pre}data`, name: `${pre}dataset`, type: 'dataset', pinned: dice.chance(0.5), usedBy: [corpus] });
    pipes.push({ input, signup, ranks, policy, models, p });
  }

  const controls: ControlT[] = [];
  const share = opts.controlShare ?? 0.15;
  for (const c of components) {
    const candidates = kindControls.get(c.kind);
    if (!candidates || !dice.chance(share)) continue;
    controls.push({
      id: `ctl-${c.id}`,
      catalog: dice.pick(candidates),
      on: [c.id],
      status: dice.chance(0.8) ? 'implemented' : 'planned',
    });
  }

  const attackers: AttackerT[] = [];
  for (let j = 0; j < opts.attackers; j++) {
    const pipe = pipes[j % pipes.length]!;
    const roll = dice.next();
    const goal: Goal = roll < 0.6 ? 'evade' : roll < 0.8 ? 'abuse' : 'poison';
    const first = (prefix: string) => pipe.ranks.flat().find((id) => id.startsWith(`p${pipe.p}-${prefix}`))!;
    const access: ComponentAccessT[] = [
      { component: first('acct'), knowledge: 'limited', read: ['delayed-outcome'], write: ['account'] },
      { component: pipe.policy, knowledge: 'zero', read: ['delayed-outcome'], write: ['none'] },
    ];
    if (goal === 'poison') {
      access.push(
        { component: `p${pipe.p}-feedback`, knowledge: 'perfect', read: ['none'], write: ['feedback'] },
        { component: `p${pipe.p}-train`, knowledge: 'limited', read: ['none'], write: ['training-data'] },
      );
    } else {
      access.push(
        { component: pipe.input, knowledge: 'perfect', read: ['decision'], write: ['live-input'] },
        { component: pipe.signup, knowledge: 'perfect', read: ['decision'], write: ['account'] },
        { component: first('act'), knowledge: 'limited', read: ['decision'], write: ['live-input'] },
        {
          component: first('pre'),
          knowledge: dice.pick(['perfect', 'limited'] as const),
          read: ['none'],
          write: ['live-input'],
        },
      );
    }
    attackers.push({
      id: `attacker-${j}`,
      goal,
      target: goal === 'poison' ? pipe.models[0]! : pipe.policy,
      resources: 'economically-rational',
      gainPerSuccess: 1 + dice.int(100),
      budget: { money: 100 + dice.int(5000), humanHours: 10 + dice.int(200), timeHours: 100 + dice.int(1000) },
      access,
    });
  }

  return {
    nograd: 1,
    system: { id: 'generated', name: `Generated model (${components.length} components)` },
    components,
    flows,
    trustBoundaries: [],
    controls,
    attackers,
    dependencies: deps,
    triage: [],
    metadata: { generator: { ...opts, catalog: undefined } },
  };
}
