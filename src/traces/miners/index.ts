/**
 * Every miner by name, in the order they run and appear in help and docs. A miner is one file exporting one
 * definition with its own parameter schema; adding one is its file, one line here and its test (registry.test.ts
 * checks the map).
 */
import type { z } from 'zod';
import { campaignEvasion } from './campaign-evasion.js';
import { confidenceLoss } from './confidence-loss.js';
import { escalated } from './escalated.js';
import { evasionSignals } from './evasion-signals.js';
import type { Miner } from './miner.js';
import { newTemplate } from './new-template.js';
import { overturned } from './overturned.js';
import { senderSiblings } from './sender-siblings.js';
import { uncertain } from './uncertain.js';

export const MINERS = {
  uncertain,
  escalated,
  overturned,
  'evasion-signals': evasionSignals,
  'sender-siblings': senderSiblings,
  'new-template': newTemplate,
  'confidence-loss': confidenceLoss,
  'campaign-evasion': campaignEvasion,
} as const satisfies Record<string, Miner>;

export type MinerName = keyof typeof MINERS;

export const MINER_NAMES = Object.keys(MINERS) as MinerName[];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** A miner without parameters (`z.object({})`) adds nothing to MinerParams. */
type ParamsOf<M extends Miner> = z.output<M['params']> extends Record<string, never> ? never : z.output<M['params']>;

/** Every miner's parameters in one object (what `mineTraces` takes and reports): the union of the miners' schemas. */
export type MinerParams = UnionToIntersection<{ [K in MinerName]: ParamsOf<(typeof MINERS)[K]> }[MinerName]>;

/** The miner registered under `name`, if any. */
export function getMiner(name: string): Miner | undefined {
  return Object.hasOwn(MINERS, name) ? (MINERS[name as MinerName] as Miner) : undefined;
}

/** Each miner's defaults, merged in registry order (optional parameters without a default are absent). */
export const DEFAULT_MINER_PARAMS: MinerParams = Object.assign(
  {},
  ...Object.values(MINERS).map((m: Miner) => m.params.parse({})),
) as MinerParams;

export type { Miner, MinerContext, MinerParamsSchema } from './miner.js';
export { defineMiner } from './miner.js';
export { type MinerOption, minerOptions } from './options.js';
