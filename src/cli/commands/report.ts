import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { AnalysisDocumentValue as ReportAnalysis } from '../../analysis/result.js';
import type { LoadedModel } from '../../model/loader.js';
import { SEVERITIES, type Severity } from '../../model/vocabulary.js';
import { FORMATS as FORMAT_INFO, FORMATS_OF } from '../../report/format-names.js';
import type { ReportInput } from '../../report/inputs.js';
import { EXIT, UserError } from '../../util/errors.js';
import { type AnalysisCliOptions, addAnalysisOptions } from '../analysis-options.js';
import { out, parseFormat, printWarning } from '../output.js';

const FORMATS = FORMATS_OF['nograd-report'];

interface Opts extends AnalysisCliOptions {
  analysis?: string;
  economics?: string;
  /** false with --no-paths. */
  paths?: boolean;
  campaign?: string;
  suite?: string[];
  monitor?: string;
  format: string;
  out?: string;
  sarifBase?: string;
  failOn?: string;
  generatedAt?: boolean;
  printSchema?: boolean;
}

/** Write an output file; a path that cannot be written is the user's to fix (exit 2), not an internal error. */
function writeOut(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UserError(
      `cannot write '${file}': ${err.code === 'ENOENT' ? 'its folder does not exist' : (err.code ?? err.message)}`,
    );
  }
}

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description(
      'Write a report a security team can act on: a self-contained HTML page with the system diagram and charts, or Markdown (pull-request comments), JSON, SARIF 2.1.0 (code scanning) or JUnit XML. From a model (runs the analysis) or from saved result files.',
    )
    .argument('[model]', 'the system model YAML file (runs the analysis; also draws the diagram)')
    .option(
      '--analysis <file>',
      'a saved analysis result (nograd analyze --format json) instead of running the analysis',
    )
    .option(
      '--economics <file>',
      'an economics result document (attack paths, simulation, recommendations) instead of computing them',
    )
    .option('--no-paths', 'from a model: skip attack paths, costs and recommendations (computed by default)')
    .option('--campaign <file>', 'a campaign result document (evasion rates, hardening comparison, examples)')
    .option('--suite <file>', 'a regression-suite result document; repeatable', (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .option('--monitor <file>', 'a monitor result document (alerts)')
    .option('-f, --format <format>', `output format: ${FORMATS.join(', ')}`, 'html')
    .option('-o, --out <file>', 'output file (default report.<ext>; "-" writes to stdout)')
    .option('--sarif-base <dir>', 'SARIF artifact URIs are relative to this directory (default: the current directory)')
    .option(
      '--fail-on <severity>',
      `JUnit: findings at or above this severity fail (default high); any format: exit 1 when one is open (${SEVERITIES.join(', ')})`,
    )
    .option('--print-schema', 'print the JSON Schema of the JSON report document (to --out, default stdout) and exit')
    .option('--generated-at', 'stamp the report with the current time (off by default so reports are reproducible)');
  addAnalysisOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n  nograd report system.yaml                          # report.html\n  nograd report system.yaml -f sarif -o nograd.sarif\n  nograd report --analysis analysis.json --campaign campaign.json -f md -o comment.md\n  nograd report system.yaml -f junit -o nograd.xml --suite suite-result.json --fail-on high\n  nograd report --print-schema -o report.schema.json\n\nExit codes: 0 ok · 1 findings at or above --fail-on · 2 invalid input or option',
    )
    .action(async (file: string | undefined, opts: Opts) => {
      if (opts.printSchema) {
        const { reportJsonSchema } = await import('../../report/json.js');
        const text = `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
        if (!opts.out || opts.out === '-') process.stdout.write(text);
        else {
          writeOut(opts.out, text);
          out(`wrote ${opts.out} (JSON Schema of the report document)`);
        }
        return;
      }
      const format = parseFormat(opts.format, FORMATS);
      if (opts.failOn && !(SEVERITIES as readonly string[]).includes(opts.failOn)) {
        throw new UserError(
          `unknown severity '${opts.failOn}' for --fail-on (choose one of: ${SEVERITIES.join(', ')})`,
        );
      }
      if (!file && !opts.analysis) {
        throw new UserError('give a model file, or a saved analysis with --analysis (see nograd report --help)');
      }
      let analysis: ReportAnalysis;
      let loaded: LoadedModel | undefined;
      if (opts.analysis) {
        const { AnalysisDocument } = await import('../../analysis/result.js');
        analysis = AnalysisDocument.read(opts.analysis);
        // Only the HTML diagram needs the model itself (components with kinds and layers, flows, trust boundaries,
        // controls): the analysis document keeps what every other section needs, and copying the whole model into
        // it would duplicate the model file. So the model is loaded once, through the loader, from the file the
        // analysis names (or the one given).
        const { loadModel } = await import('../../model/loader.js');
        const { modelLoadOptions } = await import('../run-analysis.js');
        const modelFile = file ?? analysis.model.files[0];
        if (modelFile && (file || (/\.ya?ml$/i.test(modelFile) && existsSync(modelFile)))) {
          try {
            loaded = loadModel(modelFile, modelLoadOptions(opts));
          } catch (e) {
            if (file) throw e;
            printWarning(`could not load the model '${modelFile}' for the diagram; the report has no diagram`);
          }
        } else if (format === 'html') {
          printWarning('the model file is not available: the report has no diagram (pass the model as an argument)');
        }
      } else {
        const { runAnalysis } = await import('../run-analysis.js');
        // Paths, costs and recommendations come with the findings, as in `nograd analyze` (same defaults, so the
        // report's top controls are analyze's), unless a saved economics document is given or --no-paths.
        const { economicsOptions } = await import('../run-analysis.js');
        const economics = opts.economics || opts.paths === false ? undefined : economicsOptions({ economics: true });
        const r = runAnalysis(file as string, opts, {}, economics);
        analysis = r.result;
        loaded = r.loaded;
      }
      // Each option takes one document kind; the report reads it by that kind (see report/documents.ts).
      const { readReportDocument } = await import('../../report/documents.js');
      const input: ReportInput = {
        analysis,
        ...(loaded ? { model: loaded.model } : {}),
        ...(opts.economics ? { economics: readReportDocument(opts.economics, 'nograd-economics') } : {}),
        ...(opts.campaign ? { campaign: readReportDocument(opts.campaign, 'nograd-campaign-result') } : {}),
        ...(opts.suite?.length ? { suites: opts.suite.map((s) => readReportDocument(s, 'nograd-suite-result')) } : {}),
        ...(opts.monitor ? { monitor: readReportDocument(opts.monitor, 'nograd-monitor-check') } : {}),
      };
      const generatedAt = opts.generatedAt ? new Date().toISOString() : undefined;
      const failOn = (opts.failOn ?? 'high') as Severity;
      if (format === 'sarif' && opts.sarifBase && !existsSync(opts.sarifBase))
        throw new UserError(`--sarif-base '${opts.sarifBase}' does not exist`);
      const { resolve } = await import('node:path');
      const { render } = await import('../../report/formats.js');
      const text = render('nograd-report', format, input, {
        // SARIF artifact URIs are relative to --sarif-base; every other path to the current directory.
        baseDir: format === 'sarif' ? resolve(opts.sarifBase ?? process.cwd()) : process.cwd(),
        failOn,
        ...(generatedAt ? { generatedAt } : {}),
      });
      const target = opts.out ?? `report.${FORMAT_INFO[format].extension}`;
      if (target === '-') process.stdout.write(text);
      else {
        writeOut(target, text);
        out(`wrote ${target} (${format}, ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB)`);
      }
      if (opts.failOn) {
        const min = SEVERITIES.indexOf(opts.failOn as Severity);
        const gated = analysis.findings.filter((f) => !f.suppressed && SEVERITIES.indexOf(f.severity) >= min);
        if (gated.length > 0) {
          process.stderr.write(`${gated.length} finding${gated.length === 1 ? '' : 's'} at or above ${opts.failOn}\n`);
          process.exitCode = EXIT.gate;
        }
      }
    });
}
