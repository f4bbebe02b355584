/** The published JSON Schema, derived from the zod schema (never written by hand, so it cannot drift). */
import { z } from 'zod';
import { SystemModelFile, SystemModelFragment } from './schema.js';

export const SCHEMA_ID = 'https://nograd.dev/schema/system-model-1.json';

export function modelJsonSchema(kind: 'model' | 'fragment' = 'model'): Record<string, unknown> {
  const schema = z.toJSONSchema(kind === 'model' ? SystemModelFile : SystemModelFragment, {
    io: 'input',
    unrepresentable: 'any',
  });
  return {
    ...schema,
    $id: kind === 'model' ? SCHEMA_ID : SCHEMA_ID.replace('system-model-1', 'system-model-fragment-1'),
    title: kind === 'model' ? 'nograd system model' : 'nograd system model fragment (included file)',
  };
}
