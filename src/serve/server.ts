/**
 * `nograd serve`: start the workbench over one directory. Binds 127.0.0.1 on a free port unless told otherwise,
 * and returns the URL with the session token (the only way in).
 */
import { realpathSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { UserError } from '../util/errors.js';
import { createApp } from './app.js';
import { CampaignService } from './campaign-service.js';
import { EventHub } from './events.js';
import { ModelService } from './model-service.js';
import { allowedHosts, newSessionToken } from './security.js';
import { DirectoryWatcher } from './watcher.js';
import { scanWorkspace } from './workspace.js';

export interface ServeOptions {
  dir: string;
  host?: string;
  /** 0 or absent: a free port. */
  port?: number;
  /** Fixed token (tests); default: random per start. */
  token?: string;
  /** The built front end; default: `dist/web` beside this module's folder. */
  webDir?: string;
}

export interface RunningServer {
  url: string;
  /** The URL to open: with the token. */
  openUrl: string;
  token: string;
  root: string;
  close(): Promise<void>;
}

export function defaultWebDir(): string {
  return fileURLToPath(new URL('../web/', import.meta.url));
}

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  let root: string;
  try {
    root = realpathSync(opts.dir);
  } catch {
    throw new UserError(`cannot serve '${opts.dir}': no such directory`);
  }
  if (!statSync(root).isDirectory()) throw new UserError(`cannot serve '${opts.dir}': not a directory`);
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? newSessionToken();
  const hub = new EventHub();
  const models = new ModelService(root);
  const campaigns = new CampaignService(root, hub);
  const hosts = new Set<string>();
  const app = createApp({
    root,
    webDir: opts.webDir ?? defaultWebDir(),
    token,
    hosts,
    models,
    campaigns,
    hub,
    today: () => new Date().toISOString().slice(0, 10),
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EADDRINUSE')
        reject(
          new UserError(
            `port ${opts.port} on ${host} is already in use; choose another with --port, or leave --port out for a free one`,
          ),
        );
      else if (e.code === 'EADDRNOTAVAIL' || e.code === 'ENOTFOUND')
        reject(new UserError(`cannot bind to host '${host}': ${e.code}`));
      else if (e.code === 'EACCES')
        reject(new UserError(`no permission to bind port ${opts.port} (try one above 1024)`));
      else reject(e);
    });
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const h of allowedHosts(host, port)) hosts.add(h);
  const watcher = new DirectoryWatcher(
    root,
    (files) => {
      models.invalidate();
      hub.publish({ event: 'files', data: { changed: files } });
    },
    () => {
      const ws = scanWorkspace(root);
      return ws.models;
    },
  );
  watcher.start();
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${token}`,
    token,
    root,
    async close() {
      watcher.close();
      await campaigns.close();
      await new Promise<void>((r) => {
        server.close(() => r());
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    },
  };
}
