/**
 * `nograd worker --queue redis://… --store postgres://…`: process the attempts of distributed campaign runs
 * (`nograd campaign run … --queue`). Run any number of workers on any number of machines; each serves every run.
 * A thin shell over src/campaign/queue (startWorker).
 */
import type { Command } from 'commander';
import { integerOption } from '../number-option.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'Process the attempts of campaigns queued with `nograd campaign run … --queue` (BullMQ on Redis, results in PostgreSQL). ' +
        'Start as many as the target allows, on as many machines as you like.',
    )
    .requiredOption('--queue <url>', 'the Redis the campaigns are queued on (redis://host:port)')
    .requiredOption('--store <url>', 'the shared PostgreSQL store (postgres://user@host:port/db)')
    .option(
      '--concurrency <n>',
      "attempts in flight per target in this worker (default: the campaign's concurrency)",
      integerOption('--concurrency', 1, 1024),
    )
    .option('--quiet', 'print only the ready line and errors')
    .addHelpText(
      'after',
      '\nExample:\n  nograd worker --queue redis://127.0.0.1:6379 --store postgres://nograd@db.internal:5432/nograd\n' +
        '\nStops cleanly on Ctrl-C / SIGTERM (jobs in flight finish). A worker killed outright loses nothing: its jobs go to\n' +
        'another worker once their locks lapse (about 10 s). See docs/scale-out.md.\n\nExit codes: 0 stopped · 2 usage · 70 internal error.',
    )
    .action(async (opts: { queue: string; store: string; concurrency?: number; quiet?: boolean }) => {
      const { startWorker } = await import('../../campaign/queue/worker.js');
      const worker = await startWorker({
        queue: opts.queue,
        store: opts.store,
        ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
        log: opts.quiet ? () => undefined : (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(`worker ${worker.id} ready\n`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      process.stderr.write('worker stopping: finishing the jobs in flight…\n');
      // Jobs in flight get a while to finish; a worker that cannot close (Redis gone) still exits — its jobs are
      // redelivered to another worker.
      const closing = worker.close().then(() => 'closed' as const);
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 15_000).unref());
      if ((await Promise.race([closing, timeout])) === 'timeout') {
        process.stderr.write('worker: could not close cleanly within 15 s; exiting (its jobs go to other workers)\n');
      }
      process.exit(0);
    });
}
