/**
 * The campaign store, by where it lives: a DuckDB file path (the single-machine default) or a PostgreSQL connection
 * string (`postgres://…`, shared by distributed workers). Both implement one interface (./store/types.ts) with one
 * schema; the drivers load only when a store of their kind is opened.
 */
import type { CampaignStore } from './store/types.js';
import { DEFAULT_STORE, isPostgresUrl } from './store/types.js';

export type {
  AttemptWriter,
  CacheEntry,
  CampaignStore,
  NewRun,
  RunRow,
  RunStatus,
} from './store/types.js';
export { DEFAULT_STORE, isPostgresUrl } from './store/types.js';

/** Open (creating when needed) the store a `--store` value names. */
export async function openStore(spec: string = DEFAULT_STORE): Promise<CampaignStore> {
  if (isPostgresUrl(spec)) {
    const { PostgresStore } = await import('./store/postgres.js');
    return PostgresStore.open(spec);
  }
  const { DuckDbStore } = await import('./store/duckdb.js');
  return DuckDbStore.open(spec);
}
