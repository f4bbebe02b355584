/**
 * The workbench's HTTP surface (Hono): the built front end, a JSON API computed by the library, and one event
 * stream. Every request passes the checks of security.ts first (Host, Origin, and the token on /api); every path
 * a request names goes through `confine`. Responses carry a strict Content-Security-Policy and never a Referer
 * (the token is in the page URL).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { CheckResult } from '../monitor/check.js';
import type { SuiteResult } from '../regress/run.js';
import { UserError } from '../util/errors.js';
import type { CampaignService } from './campaign-service.js';
import type { EventHub } from './events.js';
import type { ModelService } from './model-service.js';
import { checkRequest, confine, OutsideRootError, TOKEN_HEADER } from './security.js';
import { writeTriage } from './triage-writer.js';
import { scanWorkspace } from './workspace.js';

export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Text files the workbench shows (a diagnostic's file at its line): YAML only, at most 2 MiB. */
const MAX_SHOWN_FILE = 2 * 1024 * 1024;

export interface AppDeps {
  root: string;
  webDir: string;
  token: string;
  /** Host:port values accepted (filled in once the port is known). */
  hosts: Set<string>;
  models: ModelService;
  campaigns: CampaignService;
  hub: EventHub;
  today: () => string;
}

export function createApp(d: AppDeps): Hono {
  const app = new Hono();

  app.use('*', async (c, next) => {
    const url = new URL(c.req.url);
    const needsToken = url.pathname.startsWith('/api/');
    const verdict = checkRequest(
      {
        host: c.req.header('host'),
        origin: c.req.header('origin'),
        token: c.req.header(TOKEN_HEADER) ?? url.searchParams.get('token') ?? undefined,
      },
      { hosts: d.hosts, token: d.token, needsToken },
    );
    if (!verdict.ok) return c.json({ error: verdict.reason }, verdict.status);
    await next();
    c.header('Content-Security-Policy', APP_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'request body too large' }, 413) }),
  );

  app.onError((err, c) => {
    if (err instanceof OutsideRootError) return c.json({ error: err.message }, 403);
    if (err instanceof UserError) return c.json({ error: err.message }, 400);
    process.stderr.write(`serve: internal error on ${c.req.path}: ${(err as Error).stack ?? err}\n`);
    return c.json({ error: 'internal error (see the terminal running nograd serve)' }, 500);
  });

  const param = (v: string | undefined, name: string): string => {
    if (!v) throw new UserError(`missing '${name}'`);
    return v;
  };
  const body = async (c: { req: { json(): Promise<unknown> } }): Promise<Record<string, unknown>> => {
    try {
      const v = await c.req.json();
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {}
    throw new UserError('the request body must be a JSON object');
  };
  const strings = (v: unknown, name: string): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string'))
      throw new UserError(`'${name}' must be a list of ids`);
    return v as string[];
  };

  app.get('/api/workspace', (c) => c.json({ root: d.root, ...scanWorkspace(d.root) }));
  app.get('/api/model', (c) => c.json(d.models.modelView(param(c.req.query('file'), 'file'))));
  app.get('/api/findings', (c) => c.json(d.models.findings(param(c.req.query('file'), 'file'))));
  app.get('/api/explain', (c) =>
    c.json({ text: d.models.explain(param(c.req.query('file'), 'file'), param(c.req.query('id'), 'id')) }),
  );
  app.get('/api/paths', (c) => c.json(d.models.paths(param(c.req.query('file'), 'file'))));
  app.post('/api/what-if', async (c) => {
    const b = await body(c);
    return c.json(
      d.models.whatIf(param(b.file as string, 'file'), {
        implement: strings(b.implement, 'implement'),
        add: strings(b.add, 'add'),
      }),
    );
  });
  app.post('/api/triage', async (c) => {
    const b = await body(c);
    const file = param(typeof b.file === 'string' ? b.file : undefined, 'file');
    const findings = d.models.findings(file);
    if (!findings.ok) throw new UserError('the model does not load; fix its diagnostics first');
    const finding = param(typeof b.finding === 'string' ? b.finding : undefined, 'finding');
    if (!findings.findings.some((f) => f.id === finding)) throw new UserError(`no finding '${finding}'`);
    const side = confine(d.root, findings.triageFile);
    const opt = (k: string) => (typeof b[k] === 'string' && (b[k] as string) !== '' ? (b[k] as string) : undefined);
    writeTriage(
      side,
      {
        finding,
        status: param(opt('status'), 'status') as never,
        ...(opt('justification') ? { justification: opt('justification')! } : {}),
        ...(opt('expires') ? { expires: opt('expires')! } : {}),
      },
      d.today(),
    );
    d.models.invalidate();
    return c.json(d.models.findings(file));
  });
  app.get('/api/file', (c) => {
    const rel = param(c.req.query('path'), 'path');
    const abs = confine(d.root, rel);
    if (!/\.ya?ml$/i.test(abs)) throw new UserError('only YAML files are shown');
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new UserError(`no file '${rel}'`);
    if (statSync(abs).size > MAX_SHOWN_FILE) throw new UserError(`'${rel}' is too large to show`);
    return c.json({ path: rel, text: readFileSync(abs, 'utf8') });
  });

  app.get('/api/campaigns', async (c) =>
    c.json({ status: d.campaigns.status(), files: scanWorkspace(d.root).campaigns, runs: await d.campaigns.runs() }),
  );
  app.get('/api/campaigns/run', async (c) => c.json(await d.campaigns.run(param(c.req.query('id'), 'id'))));
  app.get('/api/campaigns/attempts', async (c) => {
    const offset = Number(c.req.query('offset') ?? 0);
    const limit = Number(c.req.query('limit') ?? 200);
    if (!Number.isInteger(offset) || offset < 0 || !Number.isInteger(limit) || limit < 1)
      throw new UserError('offset and limit are whole numbers');
    return c.json(await d.campaigns.attempts(param(c.req.query('id'), 'id'), offset, limit));
  });
  app.get('/api/campaigns/attempt', async (c) => c.json(await d.campaigns.attempt(param(c.req.query('key'), 'key'))));
  app.post('/api/campaigns/start', async (c) => {
    const b = await body(c);
    return c.json(await d.campaigns.start(param(typeof b.file === 'string' ? b.file : undefined, 'file')));
  });
  app.post('/api/campaigns/stop', (c) => {
    d.campaigns.stop();
    return c.json({ stopping: true });
  });

  app.get('/api/results', (c) => {
    const ws = scanWorkspace(d.root);
    const read = (p: string) => JSON.parse(readFileSync(confine(d.root, p), 'utf8')) as unknown;
    const suites = ws.documents
      .filter((x) => x.kind === 'nograd-suite-result')
      .flatMap((x) => {
        try {
          const s = read(x.path) as SuiteResult;
          return [
            {
              path: x.path,
              name: s.suite?.name ?? s.suite?.file ?? x.path,
              target: s.target,
              counts: s.counts,
              passed: s.passed,
              startedAt: s.startedAt,
              cases: (s.cases ?? []).map((k) => ({ id: k.id, status: k.status, message: k.message })),
            },
          ];
        } catch {
          return [];
        }
      });
    const monitors = ws.documents
      .filter((x) => x.kind === 'nograd-monitor-check')
      .flatMap((x) => {
        try {
          const m = read(x.path) as CheckResult;
          return [{ path: x.path, window: m.window, alerts: m.alerts ?? [], warnings: m.warnings ?? [] }];
        } catch {
          return [];
        }
      });
    return c.json({ suites, monitors });
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      const queue: Array<{ event: string; data: string }> = [];
      let wake: (() => void) | undefined;
      const off = d.hub.subscribe((e) => {
        if (queue.length > 1000) return;
        queue.push({ event: e.event, data: JSON.stringify(e.data) });
        wake?.();
      });
      let open = true;
      stream.onAbort(() => {
        open = false;
        off();
        wake?.();
      });
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ campaign: d.campaigns.status() }) });
      if (d.hub.lastCampaign && d.campaigns.status().running)
        await stream.writeSSE({ event: 'campaign', data: JSON.stringify(d.hub.lastCampaign.data) });
      while (open) {
        const next = queue.shift();
        if (next) {
          await stream.writeSSE(next);
          continue;
        }
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 15_000);
        });
        wake = undefined;
        if (open && queue.length === 0) await stream.writeSSE({ event: 'ping', data: '{}' });
      }
    }),
  );

  app.get('/favicon.ico', (c) => c.body(null, 204));
  app.get('*', (c) => {
    const path = c.req.path === '/' ? '/index.html' : c.req.path;
    const rel = normalize(path).replace(/^[/\\]+/, '');
    let file: string;
    try {
      file = confine(d.webDir, rel);
    } catch {
      return c.json({ error: 'not found' }, 404);
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      if (!existsSync(join(d.webDir, 'index.html')))
        return c.text('the workbench front end is not built (npm run build)', 500);
      return c.json({ error: 'not found' }, 404);
    }
    return c.body(readFileSync(file), 200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' });
  });

  return app;
}
