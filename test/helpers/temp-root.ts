/**
 * Vitest global setup: every test run gets its own temporary directory (TMPDIR, inherited by the test workers and
 * by the CLI processes and servers they start), removed when the run ends, so tests leave nothing behind in /tmp
 * however they end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'nograd-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
