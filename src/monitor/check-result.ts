/**
 * The check result as a saved file (`nograd monitor check --format json`). The type stays beside the check that
 * builds it (check.ts); this schema checks the envelope and every part a reader relies on, and the document is
 * kept as written once it passes (so the JSON report embeds it unchanged).
 */
import { z } from 'zod';

import { defineDocument } from '../util/document.js';
import type { CheckResult } from './check.js';
import { SEVERITIES } from './types.js';

const def = defineDocument(
  'nograd-monitor-check',
  1,
  z.looseObject({
    baseline: z.looseObject({ createdAt: z.string(), rows: z.number() }),
    rules: z.string(),
    window: z.string(),
    windows: z.array(z.looseObject({ start: z.string(), end: z.string(), rows: z.number() })),
    alerts: z.array(
      z.looseObject({
        key: z.string(),
        ruleId: z.string(),
        severity: z.enum(SEVERITIES),
        subject: z.string(),
        window: z.looseObject({ start: z.string(), end: z.string() }),
        value: z.number(),
        threshold: z.number(),
        message: z.string(),
      }),
    ),
    warnings: z.array(z.string()),
  }),
  { what: 'monitor check result', remedy: 'write one with `nograd monitor check … --format json`', keepInput: true },
);

export const CheckResultDocument = {
  ...def,
  parse: (value: unknown, source?: string) => def.parse(value, source) as unknown as CheckResult,
  read: (path: string) => def.read(path) as unknown as CheckResult,
};
