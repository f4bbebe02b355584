/**
 * Checks that need the whole merged model: unique ids, references that resolve, flows that make sense, and
 * attacker profiles whose access is spelled out instead of described with box colours.
 */
import { didYouMean } from '../util/did-you-mean.js';
import { excerpt } from '../util/terminal-safe.js';
import type { Diagnostic, Position } from './diagnostics.js';
import { propertyProblems } from './properties.js';
import type { SystemModel } from './schema.js';
import { type ComponentKind, VAGUE_BOX_WORDING, VAGUE_COMPONENT_NAME } from './vocabulary.js';

type PositionOf = (path: readonly PropertyKey[]) => Position;

/** Where a training flow may end: somewhere that learns from or keeps data. */
const TRAINING_SINKS: readonly ComponentKind[] = [
  'model',
  'training-data',
  'storage',
  'feature-extraction',
  'preprocessing',
  'dependency',
];

/**
 * `known` holds the ids written in the files, including items that failed the schema, so that a component with a
 * typo in one field is not also reported as missing wherever it is referenced.
 */
export function semanticChecks(
  model: SystemModel,
  positionOf: PositionOf,
  known?: { components: Set<string>; controls: Set<string> },
  /**
   * When given, problems go there instead of the returned list; once it is full they are only counted (a position
   * is the expensive part of a diagnostic).
   */
  sink?: { readonly full: boolean; skip(n?: number): void; add(d: Diagnostic): void },
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (d: () => Diagnostic) => {
    if (!sink) out.push(d());
    else if (sink.full) sink.skip();
    else sink.add(d());
  };
  const err = (path: readonly PropertyKey[], code: string, message: string, hint?: string) =>
    add(() => ({ ...positionOf(path), severity: 'error', code, message, ...(hint ? { hint } : {}) }));
  const warn = (path: readonly PropertyKey[], code: string, message: string, hint?: string) =>
    add(() => ({ ...positionOf(path), severity: 'warning', code, message, ...(hint ? { hint } : {}) }));

  // Unique ids per list are checked by the loader on the raw items (so an invalid first definition still counts).

  const componentIds = model.components.map((c) => c.id);
  const componentSet = new Set([...componentIds, ...(known?.components ?? [])]);
  const kindOf = new Map(model.components.map((c) => [c.id, c.kind]));
  const controlIds = model.controls.map((c) => c.id);
  const controlSet = new Set([...controlIds, ...(known?.controls ?? [])]);

  const refComponent = (path: readonly PropertyKey[], id: string, what: string) => {
    if (!componentSet.has(id)) {
      err(
        path,
        'unknown-reference',
        `${what} '${id}' is not a component of this model`,
        didYouMean(id, componentIds) ?? 'define it under `components:` (or in an included file)',
      );
    }
  };

  model.components.forEach((c, i) => {
    // "A black box" says nothing an analysis can use: what it takes, what it decides, what an outsider sees.
    const vague = (['name', 'description'] as const)
      .map((f) => ({
        f,
        m: (c[f] ?? '').match(VAGUE_BOX_WORDING) ?? (f === 'name' ? (c[f] ?? '').match(VAGUE_COMPONENT_NAME) : null),
      }))
      .find((x) => x.m);
    if (vague?.m) {
      warn(
        ['components', i, vague.f],
        'vague-component',
        `component '${excerpt(c.id)}' is described as "${excerpt(vague.m[0])}"`,
        'say what it is and what an outsider can observe: kind, paradigm, outputs (label, score, delay) and assumptions; access belongs on attackers',
      );
    }
    if (c.properties) {
      for (const p of propertyProblems(c.properties))
        warn(['components', i, 'properties', p.key], 'property', excerpt(p.message, 300), p.hint);
    }
    (c.controls ?? []).forEach((ctl, j) => {
      if (!controlSet.has(ctl)) {
        err(
          ['components', i, 'controls', j],
          'unknown-reference',
          `control '${ctl}' is not defined`,
          didYouMean(ctl, controlIds) ?? 'define it under `controls:`',
        );
      }
    });
    const seenAssumptions = new Set<string>();
    (c.assumptions ?? []).forEach((a, j) => {
      if (seenAssumptions.has(a.id))
        err(
          ['components', i, 'assumptions', j, 'id'],
          'duplicate-id',
          `duplicate assumption id '${a.id}' in component '${c.id}'`,
        );
      seenAssumptions.add(a.id);
    });
  });

  model.flows.forEach((f, i) => {
    refComponent(['flows', i, 'from'], f.from, 'flow source');
    refComponent(['flows', i, 'to'], f.to, 'flow destination');
    if (f.from === f.to)
      err(['flows', i], 'flow', `flow from '${f.from}' to itself`, 'a flow connects two different components');
    const toKind = kindOf.get(f.to);
    const fromKind = kindOf.get(f.from);
    if (f.kind === 'training' && toKind === 'input-source') {
      err(
        ['flows', i, 'kind'],
        'flow',
        `a training flow cannot feed the input source '${f.to}'`,
        'training flows end where the system learns or keeps data (model, training-data, storage)',
      );
    } else if (f.kind === 'training' && toKind && !TRAINING_SINKS.includes(toKind)) {
      err(
        ['flows', i, 'kind'],
        'flow',
        `a training flow into '${f.to}' (a ${toKind}) makes no sense`,
        `training flows end at one of: ${TRAINING_SINKS.join(', ')}`,
      );
    }
    if (f.kind === 'feedback' && fromKind === 'training-data') {
      err(
        ['flows', i, 'kind'],
        'flow',
        `a feedback flow cannot start at training data '${f.from}'`,
        'feedback comes from users, reviewers or outcomes; use kind: training for data moving into training',
      );
    }
    if (f.kind === 'live' && toKind === 'training-data' && fromKind === 'feedback') {
      err(
        ['flows', i, 'kind'],
        'flow',
        `feedback '${f.from}' reaching training data '${f.to}' is a feedback flow, not live`,
        'set kind: feedback so analysis sees the feedback loop',
      );
    }
  });

  model.trustBoundaries.forEach((b, i) => {
    b.components.forEach((c, j) => {
      refComponent(['trustBoundaries', i, 'components', j], c, 'trust boundary member');
    });
  });

  model.controls.forEach((c, i) => {
    c.on.forEach((id, j) => {
      refComponent(['controls', i, 'on', j], id, 'guarded component');
    });
  });

  model.dependencies.forEach((d, i) => {
    (d.usedBy ?? []).forEach((id, j) => {
      refComponent(['dependencies', i, 'usedBy', j], id, 'user of dependency');
    });
  });

  model.attackers.forEach((a, i) => {
    refComponent(['attackers', i, 'target'], a.target, 'attacker target');
    const seen = new Set<string>();
    (a.access ?? []).forEach((acc, j) => {
      refComponent(['attackers', i, 'access', j, 'component'], acc.component, 'access entry for');
      if (seen.has(acc.component))
        err(
          ['attackers', i, 'access', j, 'component'],
          'duplicate-id',
          `attacker '${a.id}' has two access entries for '${acc.component}'`,
          'merge them into one entry',
        );
      seen.add(acc.component);
      const contradictory =
        (acc.read.includes('none') && acc.read.length > 1) || (acc.write.includes('none') && acc.write.length > 1);
      if (contradictory)
        err(
          ['attackers', i, 'access', j],
          'type',
          `access to '${acc.component}' lists 'none' together with other access`,
          "use ['none'] alone, or list only what they can do",
        );
    });
    const vagueField = (['name', 'description', 'strategy'] as const).find((f) => VAGUE_BOX_WORDING.test(a[f] ?? ''));
    if (vagueField && (a.access ?? []).length === 0) {
      const word = (a[vagueField] ?? '').match(VAGUE_BOX_WORDING)?.[0] ?? 'box';
      err(
        ['attackers', i, vagueField],
        'vague-access',
        `attacker '${a.id}' is described as "${word}" but its access is not spelled out`,
        'box colours mean different things to different readers (Apruzzese et al. 2023); add `access:` with, per component, knowledge (perfect|limited|zero), read [decision|label|score|delayed-outcome|none] and write [live-input|training-data|feedback|account|preprocessing|none]',
      );
    }
  });

  return out;
}
