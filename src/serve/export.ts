/**
 * The static export: the workbench's views in one self-contained HTML file (for CI artifacts). The same front end
 * is inlined, with a snapshot of every API answer it would ask for (keyed exactly as it asks), so the views are
 * the served ones, read-only. A hash-based Content-Security-Policy lets only the inlined script run; the snapshot
 * is JSON in a non-executed script element with `<` escaped, so no text from a model can close it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../util/errors.js';
import { CampaignService } from './campaign-service.js';
import { EventHub } from './events.js';
import { ModelService } from './model-service.js';
import { defaultWebDir } from './server.js';
import { scanWorkspace } from './workspace.js';

/** Attempts per exported run (the served workbench pages through all of them). */
export const EXPORT_ATTEMPTS = 2000;
const EXPORT_RUNS = 10;
const PAGE = 200;

/** The front end's request key: path plus query sorted by name (web/src/api.ts). */
export function requestKey(path: string, params: Record<string, string | number> = {}): string {
  const q = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&');
  return q ? `${path}?${q}` : path;
}

export async function buildSnapshot(dir: string): Promise<Record<string, unknown>> {
  const root = realpathSync(dir);
  const ws = scanWorkspace(root);
  const models = new ModelService(root);
  const campaigns = new CampaignService(root, new EventHub());
  const snap: Record<string, unknown> = {};
  snap[requestKey('/api/workspace')] = { root: '', ...ws };
  const files = new Set<string>();
  for (const file of ws.models) {
    const model = models.modelView(file);
    snap[requestKey('/api/model', { file })] = model;
    for (const d of model.diagnostics) files.add(d.file);
    const findings = models.findings(file);
    snap[requestKey('/api/findings', { file })] = findings;
    for (const f of findings.findings)
      snap[requestKey('/api/explain', { file, id: f.id })] = { text: models.explain(file, f.id) };
    snap[requestKey('/api/paths', { file })] = models.paths(file);
  }
  for (const path of files) {
    if (!/\.ya?ml$/i.test(path) || path.startsWith('..') || path.startsWith('/')) continue;
    const abs = join(root, path);
    if (existsSync(abs)) snap[requestKey('/api/file', { path })] = { path, text: readFileSync(abs, 'utf8') };
  }
  const runs = await campaigns.runs();
  snap[requestKey('/api/campaigns')] = { status: { running: false }, files: ws.campaigns, runs };
  for (const r of runs.slice(0, EXPORT_RUNS)) {
    snap[requestKey('/api/campaigns/run', { id: r.runId })] = await campaigns.run(r.runId);
    for (let offset = 0; offset < Math.min(r.attempts, EXPORT_ATTEMPTS); offset += PAGE) {
      snap[requestKey('/api/campaigns/attempts', { id: r.runId, limit: PAGE, offset })] = await campaigns.attempts(
        r.runId,
        offset,
        PAGE,
      );
    }
  }
  await campaigns.close();
  snap[requestKey('/api/results')] = resultsOf(root, ws);
  return snap;
}

function resultsOf(root: string, ws: ReturnType<typeof scanWorkspace>) {
  const read = (p: string) => JSON.parse(readFileSync(join(root, p), 'utf8'));
  return {
    suites: ws.documents
      .filter((x) => x.kind === 'nograd-suite-result')
      .map((x) => {
        const s = read(x.path);
        return {
          path: x.path,
          name: s.suite?.name ?? s.suite?.file ?? x.path,
          target: s.target,
          counts: s.counts,
          passed: s.passed,
          startedAt: s.startedAt,
          cases: (s.cases ?? []).map((k: { id: string; status: string; message: string }) => ({
            id: k.id,
            status: k.status,
            message: k.message,
          })),
        };
      }),
    monitors: ws.documents
      .filter((x) => x.kind === 'nograd-monitor-check')
      .map((x) => {
        const m = read(x.path);
        return { path: x.path, window: m.window, alerts: m.alerts ?? [], warnings: m.warnings ?? [] };
      }),
  };
}

/** JSON safe inside a <script> element: no `<` (so no `</script>`), no U+2028/2029 surprises. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export async function exportWorkbench(dir: string, webDir = defaultWebDir()): Promise<string> {
  const js = join(webDir, 'assets', 'app.js');
  const css = join(webDir, 'assets', 'app.css');
  if (!existsSync(js)) throw new UserError('the workbench front end is not built (npm run build)');
  const script = readFileSync(js, 'utf8').replace(/<\/script/gi, '<\\/script');
  const style = existsSync(css) ? readFileSync(css, 'utf8').replace(/<\/style/gi, '<\\/style') : '';
  const hash = createHash('sha256').update(script).digest('base64');
  const csp = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'`;
  const snapshot = scriptSafeJson(await buildSnapshot(dir));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>nograd workbench (export)</title>
<style>${style}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="nograd-snapshot">${snapshot}</script>
<script type="module">${script}</script>
</body>
</html>
`;
}
