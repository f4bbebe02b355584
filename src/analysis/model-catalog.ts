/**
 * The catalog a model sees: the built-in tactics and controls of the packs it switches on (`mail` when it names
 * none, so models written before packs keep their exact results), plus its own tactics and controls from
 * `catalog:` (src/model/catalog-schema.ts). Every command that analyses a model — analyze, explain, diff, report,
 * simulate, `catalog --model` — reads this one view, so a custom tactic is used exactly like a built-in one.
 *
 * The checks that need the built-in catalog run here (the model layer cannot see it) and report positioned
 * diagnostics through the loader: namespaced ids, references to tactics and controls (with did-you-mean and the pack
 * to switch on), ATLAS and AIDEFEND ids against the pinned releases.
 */
import { AIDEFEND_ENTRIES, AIDEFEND_VERSION } from '../catalog/aidefend.js';
import { ATLAS_MITIGATIONS, ATLAS_TECHNIQUES, ATLAS_VERSION } from '../catalog/atlas.js';
import { customTactic } from '../catalog/custom.js';
import { CONTROLS, TACTICS } from '../catalog/data.js';
import { DEFAULT_PACKS, type DomainPack } from '../catalog/packs.js';
import type { Control, Tactic } from '../catalog/types.js';
import { CUSTOM_ID_PATTERN, type CustomControlT, type CustomTacticT } from '../model/catalog-schema.js';
import { type CostSpread, defenderCostOf } from '../model/cost.js';
import type { Diagnostic } from '../model/diagnostics.js';
import type { ExtraModelCheck, LoadOptions } from '../model/loader.js';
import type { SystemModel } from '../model/schema.js';
import { didYouMean } from '../util/did-you-mean.js';
import { excerpt } from '../util/terminal-safe.js';
import type { AnalyzeOptions } from './analyze.js';

/** The pack a built-in entry belongs to (`mail` when it names none). */
export function packOf(entry: Tactic | Control): DomainPack {
  return (entry as { pack?: DomainPack }).pack ?? 'mail';
}

/** The packs a model switches on. */
export function modelPacks(model: Pick<SystemModel, 'catalog'>): readonly DomainPack[] {
  const packs = model.catalog?.packs;
  return packs && packs.length > 0 ? [...new Set(packs)] : DEFAULT_PACKS;
}

/** What the model's own entries add beside the catalog data (for `catalog --model`, explain and the simulation). */
export interface ModelCatalogExtras {
  packs: readonly DomainPack[];
  /** Ids of the model's own tactics and controls. */
  customTactics: ReadonlySet<string>;
  customControls: ReadonlySet<string>;
  /** Custom tactic id → its cost dimensions given as ranges (path search uses their means). */
  costSpread: ReadonlyMap<string, CostSpread>;
  /** Custom tactic id → where its success prior comes from. */
  successSource: ReadonlyMap<string, string>;
  /** Custom tactic id → AIDEFEND ids (built-in tactics carry none). */
  tacticAidefend: ReadonlyMap<string, readonly string[]>;
}

export type ModelCatalog = AnalyzeOptions['catalog'] & { extras: ModelCatalogExtras };

const cache = new WeakMap<object, ModelCatalog>();
const builtinByPacks = new Map<string, ModelCatalog>();

/** The catalog view of a model (cached per model `catalog:` section; the same object for models without one). */
export function modelCatalog(model: Pick<SystemModel, 'catalog'>): ModelCatalog {
  const section = model.catalog;
  const packs = modelPacks(model);
  const plain = !section || (section.tactics.length === 0 && section.controls.length === 0);
  if (plain) {
    const key = [...packs].sort().join(',');
    let hit = builtinByPacks.get(key);
    if (!hit) {
      hit = buildCatalog(packs, [], []);
      builtinByPacks.set(key, hit);
    }
    return hit;
  }
  let hit = cache.get(section);
  if (!hit) {
    hit = buildCatalog(packs, section.tactics, section.controls);
    cache.set(section, hit);
  }
  return hit;
}

function toControl(c: CustomControlT): Control {
  return {
    id: c.id,
    name: c.name,
    summary: c.summary,
    category: c.category,
    ...(c.layer ? { layer: c.layer } : {}),
    guards: c.guards,
    counters: c.counters.map((e) => (typeof e === 'string' ? e : e.tactic)),
    effectiveness: c.effectiveness,
    defenderCost: defenderCostOf(c.defenderCost),
    aidefend: (c.aidefend ?? []).map((id) => ({ id, name: aidefendName(id) ?? id })),
    atlasMitigations: (c.atlas ?? []).map((id) => ({ id, name: atlasMitigationName(id) ?? id })),
    ...(c.simple ? { simple: true } : {}),
  };
}

function aidefendName(id: string): string | undefined {
  return (AIDEFEND_ENTRIES as Record<string, string>)[id];
}

function atlasMitigationName(id: string): string | undefined {
  return (ATLAS_MITIGATIONS as Record<string, string>)[id];
}

function buildCatalog(
  packs: readonly DomainPack[],
  customTactics: readonly CustomTacticT[],
  customControls: readonly CustomControlT[],
): ModelCatalog {
  const on = new Set(packs);
  const tactics: Tactic[] = TACTICS.filter((t) => on.has(packOf(t)));
  const controls: Control[] = CONTROLS.filter((c) => on.has(packOf(c)));
  const costSpread = new Map<string, CostSpread>();
  const successSource = new Map<string, string>();
  const tacticAidefend = new Map<string, readonly string[]>();
  for (const t of customTactics) {
    const { tactic, spread } = customTactic(t);
    tactics.push(tactic);
    if (Object.keys(spread).length > 0) costSpread.set(t.id, spread);
    successSource.set(t.id, t.success.source);
    if (t.aidefend?.length) tacticAidefend.set(t.id, t.aidefend);
  }
  for (const c of customControls) controls.push(toControl(c));
  // Per-(control, tactic) figures and the tactic side's `counteredBy`, which adds the tactic to a control's
  // counters: built-in entries are frozen, so a changed one is copied.
  const effectiveness = new Map<string, Map<string, number>>();
  const set = (control: string, tactic: string, e: number | undefined) => {
    if (e === undefined) return;
    let m = effectiveness.get(control);
    if (!m) {
      m = new Map();
      effectiveness.set(control, m);
    }
    m.set(tactic, e);
  };
  for (const c of customControls)
    for (const e of c.counters) if (typeof e !== 'string') set(c.id, e.tactic, e.effectiveness);
  const index = new Map(controls.map((c, i) => [c.id, i]));
  for (const t of customTactics) {
    for (const by of t.counteredBy ?? []) {
      const i = index.get(by.control);
      if (i === undefined) continue; // reported by the checks
      const c = controls[i]!;
      if (!c.counters.includes(t.id)) controls[i] = { ...c, counters: [...c.counters, t.id] };
      set(by.control, t.id, by.effectiveness);
    }
  }
  return {
    tactics,
    controls,
    ...(effectiveness.size > 0 ? { counterEffectiveness: effectiveness } : {}),
    ...(costSpread.size > 0 ? { costSpread } : {}),
    atlasVersion: ATLAS_VERSION,
    aidefendVersion: AIDEFEND_VERSION,
    extras: {
      packs,
      customTactics: new Set(customTactics.map((t) => t.id)),
      customControls: new Set(customControls.map((c) => c.id)),
      costSpread,
      successSource,
      tacticAidefend,
    },
  };
}

const BUILTIN_TACTIC_PACK = new Map(TACTICS.map((t) => [t.id, packOf(t)]));
const BUILTIN_CONTROL_PACK = new Map(CONTROLS.map((c) => [c.id, packOf(c)]));

/**
 * The checks of the model's own knowledge and of every reference to catalog ids, with positions. Registered with
 * the loader (`extraChecks`), so `nograd validate` reports them like any other problem.
 */
export const checkModelCatalog: ExtraModelCheck = (model, positionOf, sink) => {
  const add = (path: readonly PropertyKey[], code: string, message: string, hint?: string) => {
    if (sink.full) sink.skip();
    else sink.add({ ...positionOf(path), severity: 'error', code, message, ...(hint ? { hint } : {}) } as Diagnostic);
  };
  const section = model.catalog ?? { tactics: [], controls: [] };
  const packs = modelPacks(model);
  const catalog = modelCatalog(model);
  const tacticIds = new Set(catalog.tactics.map((t) => t.id));
  const controlIds = new Set(catalog.controls.map((c) => c.id));
  const tacticList = [...tacticIds];
  const controlList = [...controlIds];

  const customId = (path: readonly PropertyKey[], id: string, noun: 'tactic' | 'control') => {
    if (CUSTOM_ID_PATTERN.test(id)) return;
    const builtin = (noun === 'tactic' ? BUILTIN_TACTIC_PACK : BUILTIN_CONTROL_PACK).has(id);
    const name = id.includes('.') ? id.slice(id.lastIndexOf('.') + 1) : id;
    add(
      path,
      'custom-id',
      builtin
        ? `'${excerpt(id)}' is a built-in ${noun}: a model's own ${noun} needs an id of its own`
        : `a model's own ${noun} id is namespaced: '${excerpt(id)}' is not`,
      builtin
        ? `call yours custom.${name} (or x-<org>.${name}); to change the built-in one's numbers for this system use ${noun === 'tactic' ? 'attackers[].costs.tactics' : 'controls[].effectiveness / effectivenessAgainst / defenderCost'}`
        : `use custom.${name} or x-<org>.${name}, so it can never collide with a built-in id`,
    );
  };
  /** A reference to a tactic or control id the model sees; the hint names the pack to switch on when it has one. */
  const ref = (path: readonly PropertyKey[], id: string, noun: 'tactic' | 'control', what: string) => {
    const known = noun === 'tactic' ? tacticIds : controlIds;
    if (known.has(id)) return;
    const pack = (noun === 'tactic' ? BUILTIN_TACTIC_PACK : BUILTIN_CONTROL_PACK).get(id);
    if (pack) {
      add(
        path,
        'pack-off',
        `${what} '${excerpt(id)}' belongs to the '${pack}' pack, which this model does not switch on`,
        `add it: catalog: { packs: [${[...packs, pack].join(', ')}] }`,
      );
      return;
    }
    add(
      path,
      'unknown-reference',
      `${what} '${excerpt(id)}' is not a known ${noun}`,
      didYouMean(id, noun === 'tactic' ? tacticList : controlList) ??
        (noun === 'tactic'
          ? 'see `nograd catalog tactics --model FILE`'
          : 'see `nograd catalog controls --model FILE`'),
    );
  };
  const frameworks = (
    path: readonly PropertyKey[],
    atlas: readonly string[] | undefined,
    aidefend: readonly string[] | undefined,
    atlasTable: Record<string, string>,
    atlasWhat: string,
  ) => {
    const atlasIds = Object.keys(atlasTable);
    (atlas ?? []).forEach((id, j) => {
      if (id in atlasTable) return;
      add(
        [...path, 'atlas', j],
        'unknown-framework-id',
        `'${excerpt(id)}' is not an ATLAS ${atlasWhat} id of release ${ATLAS_VERSION}`,
        didYouMean(id, atlasIds) ?? `known: ${atlasIds.slice(0, 8).join(', ')}, … (see docs/catalog.md)`,
      );
    });
    const aidIds = Object.keys(AIDEFEND_ENTRIES);
    (aidefend ?? []).forEach((id, j) => {
      if (id in AIDEFEND_ENTRIES) return;
      add(
        [...path, 'aidefend', j],
        'unknown-framework-id',
        `'${excerpt(id)}' is not an AIDEFEND id of release ${AIDEFEND_VERSION}`,
        didYouMean(id, aidIds) ?? `known: ${aidIds.slice(0, 8).join(', ')}, … (see docs/catalog.md)`,
      );
    });
  };

  section.tactics.forEach((t, i) => {
    const at = ['catalog', 'tactics', i] as const;
    customId([...at, 'id'], t.id, 'tactic');
    (t.counteredBy ?? []).forEach((c, j) => {
      ref([...at, 'counteredBy', j, 'control'], c.control, 'control', 'countering control');
    });
    frameworks(at, t.atlas, t.aidefend, ATLAS_TECHNIQUES, 'technique');
  });
  section.controls.forEach((c, i) => {
    const at = ['catalog', 'controls', i] as const;
    customId([...at, 'id'], c.id, 'control');
    c.counters.forEach((e, j) => {
      const id = typeof e === 'string' ? e : e.tactic;
      ref(
        typeof e === 'string' ? [...at, 'counters', j] : [...at, 'counters', j, 'tactic'],
        id,
        'tactic',
        'countered tactic',
      );
    });
    frameworks(at, c.atlas, c.aidefend, ATLAS_MITIGATIONS, 'mitigation');
  });

  model.controls.forEach((ctl, i) => {
    if (ctl.catalog !== undefined) ref(['controls', i, 'catalog'], ctl.catalog, 'control', 'catalog control');
    (ctl.counters ?? []).forEach((id, j) => {
      ref(['controls', i, 'counters', j], id, 'tactic', 'countered tactic');
    });
    const counters = new Set(
      ctl.counters ?? catalog.controls.find((c) => c.id === ctl.catalog)?.counters ?? ([] as string[]),
    );
    for (const id of Object.keys(ctl.effectivenessAgainst ?? {})) {
      if (!tacticIds.has(id)) ref(['controls', i, 'effectivenessAgainst', id], id, 'tactic', 'tactic');
      else if (!counters.has(id))
        add(
          ['controls', i, 'effectivenessAgainst', id],
          'not-countered',
          `control '${excerpt(ctl.id)}' does not counter '${excerpt(id)}', so its effectiveness against it means nothing`,
          'add the tactic to its `counters:` list (or drop this entry)',
        );
    }
  });
  model.attackers.forEach((a, i) => {
    (a.tactics ?? []).forEach((id, j) => {
      ref(['attackers', i, 'tactics', j], id, 'tactic', 'tactic');
    });
    for (const id of Object.keys(a.costs?.tactics ?? {}))
      ref(['attackers', i, 'costs', 'tactics', id], id, 'tactic', 'tactic');
  });
};

/** Loader options with the catalog checks added (what every command that loads a model for analysis uses). */
export function withCatalogChecks(opts: LoadOptions = {}): LoadOptions {
  return { ...opts, extraChecks: [...(opts.extraChecks ?? []), checkModelCatalog] };
}
