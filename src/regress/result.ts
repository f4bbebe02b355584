/**
 * The suite result as a saved file (`nograd regress run --json`). The type stays beside the runner that builds it
 * (run.ts); this schema checks the envelope and every part a reader relies on, and the document is kept as written
 * once it passes (so the JSON report embeds it unchanged).
 */
import { z } from 'zod';
import { defineDocument } from '../util/document.js';
import { CASE_STATUSES, type CaseStatus, type SuiteResult } from './run.js';

const def = defineDocument(
  'nograd-suite-result',
  1,
  z.looseObject({
    suite: z.looseObject({ name: z.string().optional(), file: z.string().optional(), cases: z.number() }),
    target: z.looseObject({ kind: z.string() }),
    repeat: z.number(),
    minPasses: z.number(),
    counts: z.record(z.string(), z.number()),
    passed: z.boolean(),
    startedAt: z.string(),
    durationMs: z.number(),
    cases: z.array(
      z.looseObject({
        id: z.string(),
        status: z.enum(CASE_STATUSES as readonly CaseStatus[] as [CaseStatus, ...CaseStatus[]]),
        message: z.string(),
        knownFailure: z.string().optional(),
        miner: z.string().optional(),
        durationMs: z.number(),
      }),
    ),
  }),
  {
    what: 'regression suite result',
    remedy: 'write one with `nograd regress run <suite> --json result.json`',
    keepInput: true,
  },
);

export const SuiteResultDocument = {
  ...def,
  parse: (value: unknown, source?: string) => def.parse(value, source) as unknown as SuiteResult,
  read: (path: string) => def.read(path) as unknown as SuiteResult,
};
