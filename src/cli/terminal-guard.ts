/**
 * The one place where the CLI's output meets the terminal. Every chunk written to stdout or stderr — by a command,
 * a renderer, commander's help, a sink — passes through `terminalGuard`, so a string from a model, a campaign or a
 * decision log cannot clear the screen, plant a hyperlink, rewrite a line or reorder text, whichever command
 * printed it. On a TTY nograd's own colours and progress line survive; in pipes and files nothing does.
 *
 * Also here: a reader that closes early (`nograd … | head`) is not an error. The first EPIPE stops all further
 * output on that stream; the command still finishes and exits with its own code, so a gate is not hidden.
 */
import { terminalGuard } from '../util/terminal-safe.js';

type Write = NodeJS.WriteStream['write'];

export function guardStream(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  const keepOwn = Boolean(stream.isTTY);
  let closed = false;
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') {
      closed = true;
      return;
    }
    throw e;
  });
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (closed) {
      const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      cb?.();
      return true;
    }
    let text = chunk;
    if (typeof chunk === 'string') text = terminalGuard(chunk, keepOwn);
    else if (chunk instanceof Uint8Array) text = terminalGuard(Buffer.from(chunk).toString('utf8'), keepOwn);
    return original(text, ...rest);
  }) as Write;
}

/** Guard both output streams of this process (the CLI calls it first thing). */
export function guardTerminalOutput(): void {
  guardStream(process.stdout);
  guardStream(process.stderr);
}
