/**
 * The miners' parameters as command-line options: one per schema field, `--kebab-name`, with the miner's name
 * before its description, and the range, integer-ness and default the schema states. `nograd traces mine` adds
 * these options and the docs table lists them; neither keeps its own list.
 */
import { z } from 'zod';
import type { Miner } from './miner.js';

export interface MinerOption {
  miner: string;
  /** The parameter's key in MinerParams. */
  key: string;
  /** `--band` */
  flag: string;
  /** `<x>` (number), `<n>` (integer) or the field's `placeholder` meta. */
  placeholder: string;
  /** `uncertain: how close …` */
  description: string;
  type: 'number' | 'integer' | 'string';
  minimum?: number;
  maximum?: number;
  default?: number | string;
  /** The field's own schema: parses a value the way the miner will (an ISO time normalised, say). */
  schema: z.ZodType;
}

interface FieldSchema {
  type?: string;
  description?: string;
  placeholder?: string;
  minimum?: number;
  maximum?: number;
  default?: number | string;
}

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function minerOptions(miners: readonly Miner[]): MinerOption[] {
  return miners.flatMap((m) => {
    const json = z.toJSONSchema(m.params, { io: 'input' }) as { properties?: Record<string, FieldSchema> };
    return Object.entries(json.properties ?? {}).map(([key, f]): MinerOption => {
      const type = f.type === 'integer' || f.type === 'number' ? f.type : 'string';
      return {
        miner: m.name,
        key,
        flag: `--${kebab(key)}`,
        placeholder: f.placeholder ?? (type === 'integer' ? '<n>' : type === 'number' ? '<x>' : '<value>'),
        description: `${m.name}: ${f.description ?? key}`,
        type,
        ...(f.minimum !== undefined && Number.isSafeInteger(Math.abs(f.minimum)) ? { minimum: f.minimum } : {}),
        ...(f.maximum !== undefined && f.maximum < Number.MAX_SAFE_INTEGER ? { maximum: f.maximum } : {}),
        ...(f.default !== undefined ? { default: f.default } : {}),
        schema: m.params.shape[key] as z.ZodType,
      };
    });
  });
}
