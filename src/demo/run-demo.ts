/**
 * The demo: every nograd job once, on the embedded reference system and its model
 * (examples/mail-filter/system.yaml). It is library code so that `nograd demo` stays a thin shell and a test can
 * drive it; each step reports a few lines through `log` and writes its documents into `outDir`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { analyzeFile } from '../analysis/analyze-file.js';
import { builtinCatalog } from '../analysis/catalog-data.js';
import { analyzeEconomics } from '../analysis/economics/economics.js';
import type { AttackPath, EconomicsResult } from '../analysis/economics/types.js';
import type { AnalysisResult } from '../analysis/result.js';
import { buildCalibration } from '../campaign/calibration.js';
import type { CampaignResult } from '../campaign/result.js';
import { runCampaignFile } from '../campaign/session.js';
import { DuckDbStore } from '../campaign/store/duckdb.js';
import { summarizeModel } from '../model/summary.js';
import { examplePath, PACKAGE_ROOT } from '../model/templates.js';
import { createBaseline } from '../monitor/baseline.js';
import type { CheckResult } from '../monitor/check.js';
import { runCheck } from '../monitor/check.js';
import { defaultRules } from '../monitor/rules.js';
import { resolveLogInputs } from '../monitor/source.js';
import { referenceTarget } from '../reference/target.js';
import { INJECTION_KINDS } from '../reference/traffic/options.js';
import { simulateTraffic } from '../reference/traffic/simulate.js';
import { evaluateReferenceModel, trainReferenceModel } from '../reference/training.js';
import { mineSuite } from '../regress/mine-suite.js';
import type { SuiteResult } from '../regress/run.js';
import { runSuite } from '../regress/run.js';
import { renderHtml } from '../report/html/render.js';
import { renderJunit } from '../report/junit.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';

export interface DemoOptions {
  /** Where the documents go (created). */
  outDir: string;
  /** One line of progress or result at a time (the CLI prints them). */
  log: (line: string) => void;
  /** Seed for simulation, campaign and traffic (default 7). */
  seed?: number;
  /** Train the reference model on a corpus sample of this size instead of all 6,046 messages (tests). */
  sample?: number;
  /** Skip the campaign step (tests of the other steps). */
  skipCampaign?: boolean;
  /** Evaluation day for expiring assumptions and triage (default today). */
  today?: string;
}

export interface DemoResult {
  analysis: AnalysisResult;
  economics: EconomicsResult;
  campaign?: CampaignResult;
  suite?: SuiteResult;
  monitor: CheckResult;
  files: Record<'html' | 'markdown' | 'json' | 'sarif' | 'junit', string>;
}

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

/** A path on one line: its tactics, what it costs and how likely it succeeds. */
function describePath(p: AttackPath): string {
  const cost = `$${p.cost.money.toFixed(0)}, ${p.cost.humanHours.toFixed(1)} h, ${Math.round(p.cost.queries)} queries`;
  return `${p.steps.map((s) => s.tactic).join(' → ')} · ${cost}, success ${pct(p.successProbability)}`;
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const { outDir, log } = opts;
  const seed = opts.seed ?? 7;
  mkdirSync(outDir, { recursive: true });
  const show = (p: string) => relative(process.cwd(), p) || p;

  // 1. The model of the reference system, with its custom rules.
  const modelFile = examplePath('mail-filter');
  const catalog = builtinCatalog();
  const { loaded, result: analysis } = analyzeFile(modelFile, {
    catalog,
    ruleFiles: [join(PACKAGE_ROOT, 'examples/mail-filter/rules.yaml')],
    ...(opts.today ? { today: opts.today } : {}),
  });
  const summary = summarizeModel(loaded.model);
  log(`1/7 model      ${show(modelFile)} is valid (${loaded.files.length} files)`);
  for (const line of summary.text.split('\n').slice(1, 2)) log(`               ${line.trim()}`);

  // 2. The reference system: trained on the SpamAssassin corpus (cached on disk after the first run).
  const trained = await trainReferenceModel({
    ...(opts.sample ? { sample: opts.sample } : {}),
    onProgress: (stage, done, total) => {
      if (stage === 'extract' && done === total) log(`               parsed ${total} messages`);
    },
  });
  const evaluation = await evaluateReferenceModel(trained);
  const m = evaluation.metrics;
  log(
    `2/7 reference  ${trained.kind} on SpamAssassin (${trained.trainIds.length} train / ${trained.testIds.length} test${trained.fromCache ? ', cached' : ''}): spam recall ${pct(m.spamRecall)}, ham false-positive rate ${pct(m.hamFalsePositiveRate)}, ROC AUC ${m.rocAuc.toFixed(4)}`,
  );

  // 3. Analysis and economics.
  const c = analysis.counts;
  log(
    `3/7 analyze    ${analysis.findings.length} findings (${c.critical} critical, ${c.high} high, ${c.medium} medium, ${c.low} low); ${analysis.posture.today.open} open tactic uses today → ${analysis.posture.planned.open} with planned controls`,
  );
  let economics = analyzeEconomics(loaded.model, catalog, { simulate: { trials: 2000, seed } });
  const predicted = economics;
  for (const a of economics.attackers) {
    const p = a.today.cheapest;
    log(
      p
        ? `               ${a.attacker}: cheapest path ${describePath(p)}`
        : `               ${a.attacker}: no path today (${a.today.blocked?.reason ?? 'blocked'})`,
    );
  }
  const best = economics.recommendations?.add[0];
  if (best)
    log(`               best control per defender cost: ${best.name} on ${best.on.join(', ')} (${best.action})`);

  // 4. A campaign of practical tactics against the running reference system, measured; costs fed back.
  let campaign: CampaignResult | undefined;
  if (!opts.skipCampaign) {
    const store = await DuckDbStore.open(join(outDir, 'campaigns.duckdb'));
    try {
      for await (const e of runCampaignFile(join(PACKAGE_ROOT, 'examples/mail-filter/campaign.yaml'), {
        store,
        seed,
      })) {
        if (e.type === 'done') campaign = e.result;
      }
    } finally {
      await store.close();
    }
    if (campaign) {
      const calibration = buildCalibration(campaign);
      writeFileSync(join(outDir, 'campaign.json'), `${JSON.stringify(campaign, null, 2)}\n`);
      writeFileSync(join(outDir, 'calibration.json'), `${JSON.stringify(calibration, null, 2)}\n`);
      const top = [...campaign.chains].sort((a, b) => b.evasion.rate - a.evasion.rate)[0];
      log(
        `4/7 campaign   ${campaign.totals.attempts} attempts, ${campaign.totals.queries} queries against the reference funnel${top ? `; best: ${top.chain.join(' + ')} evades ${pct(top.evasion.rate)} of seeds` : ''}`,
      );
      economics = analyzeEconomics(loaded.model, catalog, {
        simulate: { trials: 2000, seed },
        calibration: { file: calibration, path: join(outDir, 'calibration.json') },
      });
      const rows = economics.calibration?.rows ?? [];
      log(`               calibration: ${rows.length} tactics measured, predicted vs measured in the report`);
      // The measured rates go back into the model: say where they moved an attacker's cheapest path.
      for (const a of economics.attackers) {
        const p = a.today.cheapest;
        const before = predicted.attackers.find((b) => b.attacker === a.attacker)?.today.cheapest;
        if (p && (!before || describePath(before) !== describePath(p)))
          log(`               ${a.attacker} with measured rates: ${describePath(p)}`);
      }
    }
  } else log('4/7 campaign   skipped');
  analysis.economics = economics;

  // 5. Production-like traffic → near misses → a regression suite that must catch a regressed model.
  const tracesDir = join(outDir, 'traffic');
  await simulateTraffic({
    outDir: tracesDir,
    days: 4,
    perDay: 150,
    seed,
    // Every attack and incident `--inject all` plants (planted evasive campaigns are for `traces evaluate`).
    inject: INJECTION_KINDS.filter((k) => k !== 'evasive-campaigns'),
    formats: ['jsonl'],
    ...(opts.sample ? { modelSample: opts.sample } : {}),
  });
  const mined = await mineSuite([tracesDir], {
    name: 'near misses from reference traffic',
    store: { memoryLimit: '512MB' },
  });
  writeFileSync(join(outDir, 'suite.json'), `${JSON.stringify(mined.suite, null, 2)}\n`);
  const runOn = async (variant: 'default' | 'regressed') => {
    const target = referenceTarget({ variant, ...(opts.sample ? { sample: opts.sample } : {}) });
    try {
      return await runSuite(mined.suite, target);
    } finally {
      await target.close();
    }
  };
  const current = await runOn('default');
  const suite = await runOn('regressed');
  const failing = (r: SuiteResult) => r.counts.fail + r.counts.error;
  log(
    `5/7 regress    ${mined.ingest.validRows} logged decisions (with injected probing, template surge, feedback spike, outage, drift, extractor change, feature skew) → ${mined.suite.cases.length} near-miss cases`,
  );
  log(
    `               current model: ${failing(current)} failing · deliberately regressed model: ${failing(suite)} failing${failing(suite) > failing(current) ? ' — the gate catches the regression' : ''}`,
  );

  // 6. Monitoring: a posture baseline from a clean run of the same funnel, then a check of the attacked logs.
  const cleanDir = join(outDir, 'traffic-clean');
  await simulateTraffic({ outDir: cleanDir, days: 4, perDay: 150, seed, inject: [], formats: ['jsonl'] });
  const baseline = await createBaseline(resolveLogInputs([cleanDir]), {});
  const { result: monitor } = await runCheck(resolveLogInputs([tracesDir]), baseline, {
    rules: defaultRules(),
    windowMs: 24 * 3_600_000,
  });
  writeFileSync(join(outDir, 'monitor.json'), `${JSON.stringify(monitor, null, 2)}\n`);
  const bySeverity = (sev: string) => monitor.alerts.filter((a) => a.severity === sev).length;
  log(
    `6/7 monitor    baseline from a clean run; ${monitor.alerts.length} alerts on the attacked logs (${bySeverity('high')} high, ${bySeverity('medium')} medium, ${bySeverity('low')} low): ${[...new Set(monitor.alerts.map((a) => a.ruleId))].join(', ')}`,
  );

  // 7. Reports.
  const files = {
    html: join(outDir, 'report.html'),
    markdown: join(outDir, 'report.md'),
    json: join(outDir, 'analysis.json'),
    sarif: join(outDir, 'nograd.sarif'),
    junit: join(outDir, 'junit.xml'),
  };
  const input = {
    analysis,
    model: loaded.model,
    economics,
    ...(campaign ? { campaign } : {}),
    suites: [suite],
    monitor,
  };
  writeFileSync(files.html, renderHtml(input, { baseDir: process.cwd() }));
  writeFileSync(files.markdown, renderMarkdown(input, { baseDir: process.cwd() }));
  writeFileSync(files.json, `${JSON.stringify(analysis, null, 2)}\n`);
  writeFileSync(files.sarif, renderSarif(analysis, { baseDir: process.cwd() }));
  writeFileSync(files.junit, renderJunit({ analysis, suites: [suite] }));
  log(`7/7 report     ${show(files.html)}  (also report.md, analysis.json, nograd.sarif, junit.xml)`);
  return { analysis, economics, ...(campaign ? { campaign } : {}), suite, monitor, files };
}
