/** `nograd traces evaluate`: score a mined suite against planted ground truth (src/regress/evaluate.ts). */
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { EvaluationResult } from '../../regress/evaluate.js';
import { UserError } from '../../util/errors.js';
import { color, out, table } from '../output.js';

export interface EvaluateCliOptions {
  events?: string;
  logs: string[];
  band: number;
  format: string;
  json?: string;
  threads?: number;
  memoryLimit: string;
}

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)} %`);

export async function evaluateCommand(suitePath: string, opts: EvaluateCliOptions): Promise<void> {
  if (opts.format !== 'text' && opts.format !== 'json')
    throw new UserError(`unknown format '${opts.format}' (choose one of: text, json)`);
  const [{ loadSuite }, { evaluateSuite, EvaluationDocument }] = await Promise.all([
    import('../../regress/suite.js'),
    import('../../regress/evaluate.js'),
  ]);
  const { suite } = loadSuite(suitePath);
  const sources = Array.isArray(suite.generated?.sources) ? (suite.generated.sources as unknown[]) : [];
  const logs = opts.logs.length ? opts.logs : sources.filter((s): s is string => typeof s === 'string');
  if (logs.length === 0)
    throw new UserError('the suite names no source logs: pass them with --logs <paths> (the logs it was mined from)');
  for (const l of logs)
    if (!opts.logs.length && !existsSync(l))
      throw new UserError(`the suite's source log '${l}' is gone: pass the logs with --logs <paths>`);
  const events = opts.events ?? join(dirname(logs[0] as string), 'events.json');
  if (!existsSync(events))
    throw new UserError(`no ground truth: '${events}' does not exist (pass --events <events.json>)`);
  const result = await evaluateSuite(suite, {
    logs,
    events,
    band: opts.band,
    suiteName: suitePath,
    store: { memoryLimit: opts.memoryLimit, ...(opts.threads ? { threads: opts.threads } : {}) },
  });
  const doc = { ...EvaluationDocument.envelope(), ...result };
  if (opts.json) writeFileSync(opts.json, `${JSON.stringify(doc, null, 2)}\n`);
  if (opts.format === 'json') {
    out(JSON.stringify(doc, null, 2));
    return;
  }
  out(formatEvaluation(result));
}

export function formatEvaluation(r: EvaluationResult): string {
  const lines: string[] = [];
  const yes = (ok: boolean) => (ok ? color.green('met') : color.yellow('not met'));
  lines.push(
    `${color.bold(r.suite)}: ${r.ranked} ranked cases · ${r.finds} finds (real evasions: spam that got past the system)` +
      ` · ${r.reviewsPerFind === null ? 'no finds' : `${r.reviewsPerFind.toFixed(1)} reviews per find`}`,
  );
  lines.push(
    `logs: ${r.logs.rows.toLocaleString('en-US')} rows · ${r.logs.uncertainInputs.toLocaleString('en-US')} uncertain inputs (within ${r.logs.band} of a boundary) · ${r.logs.evasionInputs.toLocaleString('en-US')} evasion inputs in all${r.logs.truthColumn ? '' : ' (no truth column: planted messages only)'}`,
  );
  lines.push('', color.bold('near-miss curve (finds after k reviewed cases)'));
  lines.push(
    table(
      ['reviewed', 'finds', 'reviews/find', 'share of all evasions'],
      r.checkpoints.map((c) => [
        String(c.reviewed),
        String(c.finds),
        c.finds ? (c.reviewed / c.finds).toFixed(1) : '–',
        r.logs.evasionInputs ? pct(c.finds / r.logs.evasionInputs) : '–',
      ]),
    ),
  );
  lines.push('', color.bold('planted campaigns (first find: rank in the ranking, and its share of the ranking)'));
  lines.push(
    table(
      ['campaign', 'tactic', 'messages', 'evasions', 'finds', 'first find', 'share'],
      r.campaigns.map((c) => [
        c.name,
        c.tactic,
        String(c.messages),
        String(c.evasions),
        String(c.finds),
        c.firstFindRank === null ? (c.evasions ? color.yellow('not found') : 'no evasions') : String(c.firstFindRank),
        pct(c.firstFindShare),
      ]),
    ),
  );
  lines.push('', color.bold('miners (precision = finds / cases filed under the miner; found = also counting `also`)'));
  lines.push(
    table(
      ['miner', 'cases', 'finds', 'precision', 'found', 'finds among found'],
      r.miners.map((m) => [
        m.miner,
        String(m.cases),
        String(m.finds),
        pct(m.precision),
        String(m.found),
        String(m.foundFinds),
      ]),
    ),
  );
  lines.push('', color.bold('goals (issue #20)'));
  lines.push(
    `  first 100 finds within 460 reviewed: ${yes(r.goals.first100Within460)} (${r.reviewsForFirst100 === null ? `only ${r.finds} finds in the ranking` : `${r.reviewsForFirst100} reviewed`})`,
  );
  lines.push(
    `  at least 9,000 uncertain inputs: ${yes(r.goals.volumeAtLeast9000)} (${r.logs.uncertainInputs.toLocaleString('en-US')})`,
  );
  lines.push(
    `  every campaign with evasions found within the first 5 % of the ranking: ${yes(r.goals.everyCampaignWithin5Percent)}`,
  );
  return lines.join('\n');
}
