/**
 * Real Redis and PostgreSQL servers for the scale-out tests: Debian's `redis-server` and `postgresql` binaries,
 * started on 127.0.0.1 on free ports with throwaway data directories, stopped (and their directories removed)
 * afterwards. No mocks. When a binary is missing the test fails with the command that installs it (never a silent
 * skip); `npm test` runs scripts/ensure-test-deps.sh first, which installs them as root.
 *
 * PostgreSQL's initdb/pg_ctl refuse to run as root: as root they run as the `postgres` user (runuser), with the
 * data directory owned by that user.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL_HINT = 'sudo apt-get update && sudo apt-get install -y redis-server postgresql';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function which(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, bin);
    if (dir && existsSync(p)) return p;
  }
  return null;
}

async function waitFor(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
}

export interface RedisServer {
  url: string;
  port: number;
  /** Stop (SIGKILL: what a crash looks like) and start again on the same port, empty (`--save ''`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const bin = which('redis-server') ?? (existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null);
  if (!bin)
    throw new Error(`redis-server is missing (the scale-out tests start their own). Install it:\n  ${INSTALL_HINT}`);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'nograd-redis-'));
  let child: ChildProcess | undefined;
  const launch = async () => {
    child = spawn(
      bin,
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      {
        stdio: 'ignore',
      },
    );
    await waitFor(() => canConnect(port), `redis-server on port ${port}`);
  };
  const kill = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise<void>((r) => c.once('exit', () => r()));
    c.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async restart() {
      await kill();
      await launch();
    },
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    import('node:net').then(({ connect }) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
  });
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication on loopback only). */
  url: string;
  port: number;
  /** Run SQL as the superuser (e.g. to terminate the other connections). */
  sql(text: string): Promise<void>;
  stop(): Promise<void>;
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, 'bin', 'initdb'))) return join(root, v, 'bin');
  throw new Error(
    `PostgreSQL's initdb/pg_ctl are missing (the scale-out tests start their own server). Install them:\n  ${INSTALL_HINT}`,
  );
}

/** The system temp directory (world-traversable), whatever TMPDIR the test runner set. */
function systemTmp(): string {
  return existsSync('/tmp') ? '/tmp' : tmpdir();
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBin();
  const port = await freePort();
  // Not under the tests' private temp root: the `postgres` user must be able to reach the directory.
  const asRoot = process.getuid?.() === 0;
  const root = mkdtempSync(join(systemTmp(), 'nograd-pg-'));
  const data = join(root, 'data');
  // initdb and pg_ctl refuse to run as root: run them as `postgres`, which must own the directories.
  const run = (args: string[]) => {
    const [cmd, ...rest] = args as [string, ...string[]];
    if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...rest], { stdio: 'pipe' });
    else execFileSync(cmd, rest, { stdio: 'pipe' });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(root, uid, gid);
    chmodSync(root, 0o700);
  }
  try {
    run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    run([
      join(bin, 'pg_ctl'),
      '-D',
      data,
      '-l',
      join(root, 'log'),
      '-w',
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`,
      'start',
    ]);
  } catch (e) {
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const pg = (await import('pg')).default;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(text);
    } finally {
      await c.end();
    }
  };
  return {
    url,
    port,
    sql,
    async stop() {
      try {
        run([join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
