// Benchmark: report generation and first paint for a large model (issue #7: 1,000 components).
// Run: npm run bench:report [-- --components 1000]
// Prints the time to render each format (median of 3, after one warm-up), the HTML size, and — in headless
// Chromium (Debian /usr/bin/chromium via playwright-core) — load time and first contentful paint of the HTML.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze } from '../dist/analysis/analyze.js';
import { builtinCatalog } from '../dist/analysis/catalog-data.js';
import { generateModelYaml } from '../dist/model/bench.js';
import { loadModel } from '../dist/model/loader.js';
import { renderHtml, renderJson, renderJunit, renderMarkdown, renderSarif } from '../dist/report/index.js';

const arg = process.argv.indexOf('--components');
const n = arg > 0 ? Number(process.argv[arg + 1]) : 1000;
const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-report-'));
const file = join(dir, `m${n}.yaml`);
writeFileSync(file, generateModelYaml(n));

const t0 = performance.now();
const loaded = loadModel(file);
const analysis = analyze(loaded, { catalog: builtinCatalog(), today: '2026-01-01' });
const analysisMs = performance.now() - t0;
const input = { analysis, model: loaded.model };

function median(fn) {
  fn();
  const times = [];
  let out;
  for (let i = 0; i < 3; i++) {
    const s = performance.now();
    out = fn();
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  return { ms: times[1], out };
}

console.log(
  `model: ${loaded.model.components.length} components, ${loaded.model.flows.length} flows, ${loaded.model.attackers.length} attackers, ${analysis.findings.length} findings (load + analyze ${analysisMs.toFixed(0)} ms)`,
);
console.log('format    render (median of 3)   size');
const html = median(() => renderHtml(input, { baseDir: dir }));
const rows = [
  ['html', html],
  ['md', median(() => renderMarkdown(input, { baseDir: dir }))],
  ['json', median(() => renderJson(input))],
  ['sarif', median(() => renderSarif(analysis, { baseDir: dir }))],
  ['junit', median(() => renderJunit(input))],
];
for (const [name, r] of rows) {
  console.log(
    `${name.padEnd(8)}  ${r.ms.toFixed(0).padStart(8)} ms           ${(Buffer.byteLength(r.out) / 1024).toFixed(0).padStart(6)} KB`,
  );
}
const out = join(dir, 'report.html');
writeFileSync(out, html.out);

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) {
  console.log(`first paint: skipped (${CHROMIUM} missing; apt-get install -y chromium)`);
} else {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const s = performance.now();
    await page.goto(pathToFileURL(out).href, { waitUntil: 'load' });
    const wall = performance.now() - s;
    const paint = await page.evaluate(
      `(() => { const p = performance.getEntriesByName('first-contentful-paint')[0]; const n = performance.getEntriesByType('navigation')[0]; return { fcp: p ? p.startTime : null, load: n ? n.loadEventEnd : null, nodes: document.getElementsByTagName('*').length }; })()`,
    );
    runs.push({ wall, ...paint });
    await page.close();
  }
  await browser.close();
  runs.sort((a, b) => a.wall - b.wall);
  const m = runs[1];
  console.log(
    `chromium (median of 3): first contentful paint ${m.fcp?.toFixed(0)} ms, load event ${m.load?.toFixed(0)} ms, goto→load ${m.wall.toFixed(0)} ms, ${m.nodes} DOM elements`,
  );
}
console.log(`report: ${out}`);
