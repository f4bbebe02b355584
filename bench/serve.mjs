// The workbench (`nograd serve`) in a real browser: first paint and interaction times on a generated
// 1,000-component model (analysis/economics/generate.ts, as bench/analyze-scaling.mjs) and a campaign store with
// 100,000 attempts (one real 12-attempt run on the reference target, then 100,000 attempt rows added to it with the
// store's own writer). The server runs in this process (dist/serve/server.js); Debian's Chromium drives the page.
// Times are wall clock from the browser's side, so they include the server's analysis on first load.
// Run: npm run bench:serve [-- --components 1000 --attempts 100000]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { chromium } from 'playwright-core';
import { builtinCatalog } from '../dist/analysis/catalog-data.js';
import { generateModel } from '../dist/analysis/economics/generate.js';
import { CampaignStore } from '../dist/campaign/store.js';
import { startServer } from '../dist/serve/server.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const COMPONENTS = Number(arg('components', '1000'));
const ATTEMPTS = Number(arg('attempts', '100000'));
const ROOT = join(import.meta.dirname, '..');
const cli = join(ROOT, 'dist', 'cli', 'main.js');

const dir = mkdtempSync(join(tmpdir(), 'nograd-bench-serve-'));
const model = generateModel({ components: COMPONENTS, attackers: 5, seed: 1, catalog: builtinCatalog() });
delete model.metadata;
writeFileSync(join(dir, 'system.yaml'), yaml.dump(model, { lineWidth: -1, noRefs: true }));

// The campaign store: one real run, then ATTEMPTS more rows for it.
const camp = join(dir, 'camp');
mkdirSync(camp);
cpSync(join(ROOT, 'examples', 'mail-filter', 'system.yaml'), join(camp, 'system.yaml'));
cpSync(join(ROOT, 'examples', 'mail-filter', 'attackers.yaml'), join(camp, 'attackers.yaml'));
writeFileSync(
  join(camp, 'small.campaign.yaml'),
  `nograd-campaign: 1
name: bench
target: { reference: { model: lr } }
evasion: { when: allowed }
seeds: { corpus: spam, count: 4 }
tactics: [input.zero-width-characters, layout.hidden-good-words]
search: { single: true }
seed: 7
`,
);
const r = spawnSync(process.execPath, [cli, 'campaign', 'run', 'small.campaign.yaml', '--format', 'json'], {
  cwd: camp,
  encoding: 'utf8',
  maxBuffer: 1 << 28,
});
if (r.status !== 0) throw new Error(`campaign failed: ${r.stderr}`);
const runId = JSON.parse(r.stdout).runId;
const t0 = performance.now();
const store = await CampaignStore.open(join(camp, '.nograd', 'campaigns.duckdb'));
const writer = await store.writer(runId, { batchSize: 5000 });
const decisions = ['block', 'block', 'block', 'review', 'allow'];
for (let i = 0; i < ATTEMPTS; i += 5000) {
  const batch = [];
  for (let j = i; j < Math.min(ATTEMPTS, i + 5000); j++) {
    batch.push({
      key: `${runId}/base/seeds:bench-${j}/x/0`,
      runId,
      seq: 12 + j,
      variant: 'base',
      phase: 'single',
      set: 'seeds',
      seedId: `bench-${j}`,
      chain: ['input.zero-width-characters'],
      repeat: 0,
      applicable: true,
      valid: true,
      invalidReasons: [],
      decision: decisions[j % 5],
      score: (j % 997) / 997,
      decidedBy: 'spam-model',
      evaded: j % 5 === 4,
      success: j % 5 === 4,
      error: null,
      cached: false,
      queries: 1,
      wallMs: 1,
      simHours: 0,
      accounts: 0,
      money: 0,
      humanHours: 0,
      implementationHours: 0,
      inputHash: null,
      originalHash: 'x',
      transformed: null,
      notes: [],
      createdMs: Date.now(),
    });
  }
  writer.addMany(batch);
  await writer.flush();
}
await writer.close();
await store.close();
const fillSeconds = (performance.now() - t0) / 1000;

const results = [];
const time = async (label, fn) => {
  const t = performance.now();
  await fn();
  const ms = performance.now() - t;
  results.push({ label, ms });
  console.log(`${label.padEnd(62)} ${ms.toFixed(0).padStart(7)} ms`);
};

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  // 1. The 1,000-component model.
  let server = await startServer({ dir });
  let page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await time(`model view, first paint of the diagram (${COMPONENTS} components, cold)`, async () => {
    await page.goto(server.openUrl);
    await page.waitForSelector('[data-testid=model-view] svg [data-component]', { timeout: 600_000 });
  });
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  console.log(`${'  browser first-contentful-paint (shell)'.padEnd(62)} ${String(Math.round(fcp)).padStart(7)} ms`);
  await time('findings view, switch tab until rows show', async () => {
    await page.click('[data-tab=findings]');
    await page.waitForSelector('tr.finding', { timeout: 600_000 });
  });
  await time('findings view, filter by severity', async () => {
    await page.selectOption('select[name=filter-severity]', { index: 1 });
    await page.waitForSelector('tr.finding');
  });
  await time('attack paths view, switch tab until shown', async () => {
    await page.click('[data-tab=paths]');
    await page.waitForSelector('[data-testid=paths-view]', { timeout: 600_000 });
  });
  const toggle = page.locator('[data-testid=what-if] input[type=checkbox]').first();
  if ((await toggle.count()) > 0) {
    await time('what-if: toggle one control until recomputed paths show', async () => {
      await toggle.check();
      await page.waitForSelector('[data-testid=what-if-result]', { timeout: 600_000 });
    });
  }
  await page.close();
  await server.close();

  // 2. The 100,000-attempt campaign store.
  server = await startServer({ dir: camp });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.openUrl}#campaigns`);
  await page.waitForSelector('[data-testid=runs] tr[data-run]', { timeout: 600_000 });
  await time(`campaign run detail until attempt rows show (${ATTEMPTS + 12} attempts)`, async () => {
    await page.click('[data-testid=runs] tr[data-run]');
    await page.waitForSelector('[data-testid=attempts] .vrow[data-seq]', { timeout: 600_000 });
  });
  const rendered = await page.locator('[data-testid=attempts] .vrow').count();
  console.log(`${'  attempt rows in the DOM (virtualised)'.padEnd(62)} ${String(rendered).padStart(7)}`);
  await time('attempts table: jump to the middle (row 50,000) until it shows', async () => {
    await page.locator('[data-testid=attempts]').evaluate((el) => {
      el.scrollTop = 50_000 * 26;
    });
    await page.waitForSelector('[data-testid=attempts] .vrow[data-seq="50012"]', { timeout: 600_000 });
  });
  await time('attempts table: scroll 200 rows (next page) until shown', async () => {
    await page.locator('[data-testid=attempts]').evaluate((el) => {
      el.scrollTop += 200 * 26;
    });
    await page.waitForSelector('[data-testid=attempts] .vrow[data-seq="50212"]', { timeout: 600_000 });
  });
  await page.close();
  await server.close();
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`(store filled with ${ATTEMPTS} attempts in ${fillSeconds.toFixed(1)} s)`);
