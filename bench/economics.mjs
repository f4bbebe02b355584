// Benchmark of the economics layer (issue #4):
//  - a generated model with 5,000 components and 50 attackers analysed (paths, Pareto fronts, defender cost) in ≤ 2 s;
//  - 100,000 Monte Carlo trials of the mail-filter model in ≤ 2 s;
//  - a scaling table from 100 to 10,000 components: no exponential blow-up (bounded labels, dominance pruning).
// Run: npm run bench:economics   (builds first). Times are wall-clock medians of 3 runs after one warm-up, with the
// process CPU time next to them (on a shared machine wall time includes waiting for a core).
import { builtinCatalog } from '../dist/analysis/catalog-data.js';
import { trafficFacts } from '../dist/analysis/economics/defender.js';
import { analyzeEconomics } from '../dist/analysis/economics/economics.js';
import { generateModel } from '../dist/analysis/economics/generate.js';
import { simulatePath } from '../dist/analysis/economics/simulate.js';
import { loadModel } from '../dist/model/loader.js';

const catalog = builtinCatalog();

function measure(fn, runs = 3) {
  fn(); // warm-up
  const walls = [];
  const cpus = [];
  let out;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    out = fn();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  walls.sort((a, b) => a - b);
  cpus.sort((a, b) => a - b);
  return { wall: walls[Math.floor(runs / 2)], cpu: cpus[Math.floor(runs / 2)], out };
}

const ms = (x) => `${x.toFixed(0)} ms`;

// 1. 5,000 components / 50 attackers.
{
  const model = generateModel({ components: 5000, attackers: 50, seed: 1, catalog });
  const r = measure(() => analyzeEconomics(model, catalog, { recommendations: false }));
  const e = r.out;
  const labels = e.attackers.reduce((s, a) => s + a.today.search.labels + a.planned.search.labels, 0);
  const withPath = e.attackers.filter((a) => a.today.cheapest).length;
  console.log(
    `5,000 components / 50 attackers: ${ms(r.wall)} wall, ${ms(r.cpu)} CPU (paths today + planned, ${labels} labels, ${withPath}/50 attackers with a path)`,
  );
}

// 2. 100,000 simulation trials of the mail-filter model.
{
  const loaded = loadModel('examples/mail-filter/system.yaml');
  const model = loaded.model;
  const e = analyzeEconomics(model, catalog, { recommendations: false });
  const traffic = trafficFacts(model);
  const run = (scenarios) => () =>
    model.attackers.flatMap((attacker, i) =>
      scenarios.map((scenario) =>
        simulatePath({
          attacker,
          path: e.attackers[i][scenario].cheapest,
          scenario,
          trials: 100_000,
          seed: 1,
          traffic,
          falsePositiveRate: e.defender[scenario].falsePositivesPerDay / traffic.benignPerDay,
        }),
      ),
    );
  const today = measure(run(['today']));
  const both = measure(run(['today', 'planned']));
  console.log(`100,000 trials × 3 attackers (mail-filter, today): ${ms(today.wall)} wall, ${ms(today.cpu)} CPU`);
  console.log(
    `100,000 trials × 3 attackers × 2 scenarios (today + planned): ${ms(both.wall)} wall, ${ms(both.cpu)} CPU`,
  );
  const rec = measure(() => analyzeEconomics(model, catalog, {}), 1);
  console.log(
    `mail-filter paths + what-if recommendations (${rec.out.recommendations.add.length + rec.out.recommendations.existing.length + 1} re-analyses): ${ms(rec.wall)} wall, ${ms(rec.cpu)} CPU`,
  );
}

// 3. Scaling.
console.log('\ncomponents  attackers  wall ms  CPU ms  labels/attacker  max Pareto  truncated');
for (const n of [100, 1000, 2500, 5000, 10000]) {
  const attackers = 10;
  const model = generateModel({ components: n, attackers, seed: 2, catalog });
  const r = measure(() => analyzeEconomics(model, catalog, { recommendations: false }), 1);
  const e = r.out;
  const labels = e.attackers.reduce((s, a) => s + a.today.search.labels, 0) / attackers;
  const maxPareto = Math.max(...e.attackers.map((a) => a.today.paretoSize));
  const truncated = e.attackers.filter((a) => a.today.search.truncated).length;
  console.log(
    `${String(n).padStart(10)}  ${String(attackers).padStart(9)}  ${r.wall.toFixed(0).padStart(7)}  ${r.cpu.toFixed(0).padStart(6)}  ${labels.toFixed(0).padStart(15)}  ${String(maxPareto).padStart(10)}  ${String(truncated).padStart(9)}`,
  );
}
