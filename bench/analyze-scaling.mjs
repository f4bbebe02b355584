// Scaling curve of the analysis as a user runs it: one FRESH CLI process per measurement (`node dist/cli/main.js …`,
// start-up included), on generated models (analysis/economics/generate.ts: funnel-shaped pipelines of 100
// components joined by one shared identity service, 15 % of components with a catalog control).
//
// Commands: validate · analyze (findings + paths + recommendations, text output) · analyze --simulate 100000 ·
// report (HTML) · diff (the model against itself with one control removed).
// Run: npm run bench:scaling [-- --sizes 1000,5000 --attackers 5,50 --cap 120 --only analyze,validate]
// Each run is capped (--cap seconds, default 120): a run over the cap is killed and reported as "> cap".
// Prints wall time and the child's CPU time (user + system; on a shared machine wall time includes waiting for a core).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { builtinCatalog } from '../dist/analysis/catalog-data.js';
import { generateModel } from '../dist/analysis/economics/generate.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const sizes = arg('sizes', '1000,5000,10000,50000').split(',').map(Number);
const attackerCounts = arg('attackers', '5,50').split(',').map(Number);
const cap = Number(arg('cap', '120'));
const only = arg('only', 'validate,analyze,simulate,report,diff').split(',');

const catalog = builtinCatalog();
const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-scaling-'));
const cli = join(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

function writeModel(components, attackers) {
  const model = generateModel({ components, attackers, seed: 1, catalog });
  delete model.metadata;
  const file = join(dir, `m${components}-${attackers}.yaml`);
  writeFileSync(file, yaml.dump(model, { lineWidth: -1, noRefs: true }));
  // The "after" of a diff: the same model without its first implemented control.
  const first = model.controls.findIndex((c) => c.status === 'implemented');
  const after = { ...model, controls: model.controls.filter((_, i) => i !== first) };
  const afterFile = join(dir, `m${components}-${attackers}-after.yaml`);
  writeFileSync(afterFile, yaml.dump(after, { lineWidth: -1, noRefs: true }));
  return { file, afterFile };
}

/** One fresh CLI process; wall time, and CPU time from the shell's `time` of the child. */
function run(args) {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, cli, ...args], {
    encoding: 'utf8',
    timeout: cap * 1000,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 30,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.error || r.signal) return { wall, cpu: undefined, capped: true, status: r.status };
  const last = r.stderr.trim().split('\n').at(-1) ?? '';
  const [u, s] = last.split(' ').map(Number);
  return { wall, cpu: Number.isFinite(u + s) ? u + s : undefined, capped: false, status: r.status };
}

const COMMANDS = {
  validate: ({ file }) => ['validate', file],
  analyze: ({ file }) => ['analyze', file],
  simulate: ({ file }) => ['analyze', file, '--simulate', '100000'],
  report: ({ file }) => ['report', file, '--format', 'html', '-o', join(dir, 'report.html')],
  diff: ({ file, afterFile }) => ['diff', file, afterFile, '--format', 'text'],
};

const fmt = (r) =>
  r.capped ? `> ${cap} s (capped)` : `${r.wall.toFixed(2)} s${r.cpu !== undefined ? ` (${r.cpu.toFixed(2)} CPU)` : ''}`;

const rows = [];
console.log(`node ${process.version}, cap ${cap} s per run, one fresh process per measurement`);
console.log(['components', 'attackers', ...only].join(' | '));
for (const n of sizes) {
  for (const a of attackerCounts) {
    const files = writeModel(n, a);
    const cells = [];
    for (const name of only) {
      const r = run(COMMANDS[name](files));
      cells.push(r.status !== 0 && !r.capped && r.status !== 1 ? `exit ${r.status}` : fmt(r));
    }
    rows.push([n, a, ...cells]);
    console.log(rows.at(-1).join(' | '));
  }
}
rmSync(dir, { recursive: true, force: true });
