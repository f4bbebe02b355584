/** Small model queries shared by several rules. */
import type { ComponentT, ControlT } from '../../model/schema.js';
import type { Layer } from '../../model/vocabulary.js';
import type { RuleContext } from '../rule.js';

/** Implemented model controls that instantiate any of the given catalog controls. */
export function implementedControlsOf(ctx: RuleContext, catalogIds: readonly string[]): ControlT[] {
  return ctx.model.controls.filter(
    (c) => c.status === 'implemented' && c.catalog !== undefined && catalogIds.includes(c.catalog),
  );
}

export function controlsAtLayer(
  ctx: RuleContext,
  layer: Layer,
  status: 'implemented' | 'planned' = 'implemented',
): ControlT[] {
  const ids = new Set(ctx.model.components.filter((c) => c.layer === layer).map((c) => c.id));
  return ctx.model.controls.filter((c) => c.status === status && c.on.some((id) => ids.has(id)));
}

/** Text-like models: the ones that tokenizer tricks, confusables and hidden text fool. */
export function isTextModel(c: ComponentT): boolean {
  return c.kind === 'model' && (c.modality === undefined || ['text', 'html', 'email'].includes(c.modality));
}

export function hasBudget(budget: Record<string, number | undefined> | undefined): boolean {
  return Boolean(budget && Object.values(budget).some((v) => typeof v === 'number'));
}

export function numberProp(c: ComponentT, key: string): number | undefined {
  const v = c.properties?.[key];
  return typeof v === 'number' ? v : undefined;
}
