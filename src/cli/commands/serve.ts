/** `nograd serve [dir]`: the local web workbench over a directory (see src/serve/ and docs/serve.md). */
import type { Command } from 'commander';
import { UserError } from '../../util/errors.js';
import { integerOption } from '../number-option.js';
import { out, printWarning } from '../output.js';

interface Opts {
  port?: number;
  host?: string;
  open?: boolean;
  export?: string;
}

/** Open a URL in the desktop's browser (argv only, no shell); failures only print a hint. */
async function openBrowser(url: string): Promise<void> {
  const { spawn } = await import('node:child_process');
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(cmd, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => printWarning(`could not start '${cmd}'; open the URL above yourself`));
    child.unref();
  } catch {
    printWarning(`could not start '${cmd}'; open the URL above yourself`);
  }
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      'Start the local web workbench over a directory: the model diagram with live diagnostics, findings with triage, attack paths with what-if controls, campaigns (start one, watch it live), monitor alerts and suite results. Binds 127.0.0.1 on a free port; the printed URL carries the session token every request needs.',
    )
    .argument('[dir]', 'the directory to serve (models, triage side files, campaign store, result documents)', '.')
    .option('--port <n>', 'port to listen on (default: a free one)', integerOption('--port', 1, 65535))
    .option(
      '--host <address>',
      'address to bind (default 127.0.0.1); anything else exposes the workbench to your network',
    )
    .option('--open', 'open the workbench in the default browser')
    .option(
      '--export <file>',
      'write the views as one self-contained, read-only HTML file (a CI artifact) instead of serving',
    )
    .addHelpText(
      'after',
      '\nSecurity: the token in the printed URL is required on every API call; Host and Origin headers are checked\n' +
        '(DNS rebinding, cross-site requests); no request reads or writes outside the served directory.\n\n' +
        'Examples:\n  nograd serve examples/mail-filter\n  nograd serve . --port 8080 --open\n  nograd serve . --export workbench.html',
    )
    .action(async (dir: string, opts: Opts) => {
      if (opts.export) {
        const { exportWorkbench } = await import('../../serve/export.js');
        const { existsSync, statSync, writeFileSync } = await import('node:fs');
        if (!existsSync(dir) || !statSync(dir).isDirectory())
          throw new UserError(`cannot export '${dir}': no such directory`);
        const html = await exportWorkbench(dir);
        try {
          writeFileSync(opts.export, html);
        } catch (e) {
          throw new UserError(
            `cannot write '${opts.export}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
          );
        }
        out(`wrote ${opts.export} (${Math.round(html.length / 1024)} KiB)`);
        return;
      }
      const { startServer } = await import('../../serve/server.js');
      if (opts.host !== undefined && opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1')
        printWarning(
          `binding to ${opts.host}: anyone who can reach this address and learns the token can read and change the served files`,
        );
      const server = await startServer({
        dir,
        ...(opts.host !== undefined ? { host: opts.host } : {}),
        ...(opts.port !== undefined ? { port: opts.port } : {}),
      });
      out(`nograd serve: ${server.root}`);
      out(`open ${server.openUrl}`);
      out('press Ctrl-C to stop');
      if (opts.open) await openBrowser(server.openUrl);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
