/**
 * Live updates for the browser, as server-sent events: one hub that every open event stream subscribes to, fed by
 * the file watcher (model files changed → the model view reloads its diagnostics) and the campaign runner
 * (progress). A subscriber that cannot keep up is dropped rather than buffering without bound.
 */
export interface ServeEvent {
  event: 'files' | 'campaign';
  data: unknown;
}

type Listener = (e: ServeEvent) => void;

export class EventHub {
  private listeners = new Set<Listener>();
  /** The latest campaign event, replayed to a stream that connects mid-run. */
  lastCampaign: ServeEvent | undefined;

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  publish(e: ServeEvent): void {
    if (e.event === 'campaign') this.lastCampaign = e;
    for (const l of this.listeners) l(e);
  }

  get size(): number {
    return this.listeners.size;
  }
}
