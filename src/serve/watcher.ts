/**
 * Watches the served directory for changed YAML files (models, includes, triage side files) and announces them
 * once things settle (editors write in bursts: truncate, write, rename). `fs.watch` recursive works on Linux from
 * Node 20; where it fails, polling the model files' mtimes every second keeps the view live.
 */
import { type FSWatcher, statSync, watch } from 'node:fs';
import { join } from 'node:path';

const SETTLE_MS = 150;

export class DirectoryWatcher {
  private watcher: FSWatcher | undefined;
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private changed = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly onChange: (files: string[]) => void,
    private readonly polled: () => string[],
  ) {}

  start(): void {
    try {
      this.watcher = watch(this.root, { recursive: true }, (_type, name) => {
        if (!name) return;
        const f = name.toString();
        if (/\.ya?ml$/i.test(f) && !f.split(/[\\/]/).some((p) => p === 'node_modules' || p === '.git')) this.note(f);
      });
      this.watcher.on('error', () => this.startPolling());
    } catch {
      this.startPolling();
    }
  }

  private startPolling(): void {
    this.watcher?.close();
    this.watcher = undefined;
    if (this.poll) return;
    const mtimes = new Map<string, number>();
    const tick = () => {
      for (const f of this.polled()) {
        let m = -1;
        try {
          m = statSync(join(this.root, f)).mtimeMs;
        } catch {}
        const before = mtimes.get(f);
        mtimes.set(f, m);
        if (before !== undefined && before !== m) this.note(f);
      }
    };
    tick();
    this.poll = setInterval(tick, 1000);
    this.poll.unref();
  }

  private note(file: string): void {
    this.changed.add(file.split('\\').join('/'));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const files = [...this.changed].sort();
      this.changed.clear();
      this.onChange(files);
    }, SETTLE_MS);
  }

  close(): void {
    this.watcher?.close();
    clearInterval(this.poll);
    clearTimeout(this.timer);
  }
}
