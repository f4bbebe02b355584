/**
 * How a command target hands an input to its program:
 *
 * - `json`: one JSON object `{id, content, context}` (a line in line-protocol mode). When the input's encoding is
 *   `binary` (its bytes are not UTF-8), `contentBase64` carries the exact bytes too: JSON strings cannot.
 * - `raw`: the content's exact bytes on stdin, nothing else (what mail filters read).
 * - `file`: the bytes in a temporary file (mode 0600, in a private directory) whose path replaces `{file}` in argv.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inputBytes } from '../contracts/input-bytes.js';
import type { TargetInput } from '../contracts/target.js';

export const INPUT_MODES = ['json', 'raw', 'file'] as const;
export type InputMode = (typeof INPUT_MODES)[number];

/** The placeholder in argv that `input: file` replaces with the temporary file's path. */
export const FILE_PLACEHOLDER = '{file}';

/** The JSON request for one input, newline-terminated. */
export function jsonRequest(input: TargetInput, id: string): string {
  const request: Record<string, unknown> = { id, content: input.content, context: input.context ?? {} };
  if (input.encoding === 'binary') request.contentBase64 = inputBytes(input).toString('base64');
  return `${JSON.stringify(request)}\n`;
}

/** argv with every `{file}` replaced by `path` (inside arguments too: `--in={file}`). */
export function argvWithFile(argv: readonly string[], path: string): string[] {
  return argv.map((a) => a.replaceAll(FILE_PLACEHOLDER, path));
}

/** Temporary input files in one private directory, created on first use and removed by `close()`. */
export class TempInputFiles {
  private dir?: string;
  private counter = 0;

  constructor(private readonly suffix = '') {}

  /** Write the input's exact bytes to a new file readable by this user only; returns its path. */
  write(input: TargetInput): string {
    // mkdtemp makes the directory 0700: no other user can list it or race us to a name in it.
    this.dir ??= mkdtempSync(join(tmpdir(), 'nograd-input-'));
    const path = join(this.dir, `input-${++this.counter}${this.suffix}`);
    writeFileSync(path, inputBytes(input), { mode: 0o600, flag: 'wx' });
    return path;
  }

  async remove(path: string): Promise<void> {
    await unlink(path).catch(() => undefined);
  }

  close(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
