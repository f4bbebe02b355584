// Benchmark: load + validate generated models of growing size (issue #2: 10,000 components well under 1 s).
// Run: npm run build && node bench/model-load.mjs [--components 10000]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateModelYaml } from '../dist/model/bench.js';
import { loadModel } from '../dist/model/loader.js';

const arg = process.argv.indexOf('--components');
const sizes = arg > 0 ? [Number(process.argv[arg + 1])] : [100, 1000, 10000];
const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-'));
console.log('components  yaml lines  load+validate (median of 5)');
for (const n of sizes) {
  const file = join(dir, `m${n}.yaml`);
  const text = generateModelYaml(n);
  writeFileSync(file, text);
  loadModel(file); // warm-up
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const m = loadModel(file);
    times.push(performance.now() - t0);
    if (m.model.components.length !== n) throw new Error('wrong component count');
  }
  times.sort((a, b) => a - b);
  console.log(
    `${String(n).padStart(10)}  ${String(text.split('\n').length).padStart(10)}  ${times[2].toFixed(0).padStart(8)} ms`,
  );
}
