// Picks the store backend from DATABASE_URL (validated by config/config.ts): postgres:// for
// several replicas, else an SQLite file. Async because PostgreSQL connects (and maybe migrates) on open.
// Only the backend in use is loaded: the other's driver would be megabytes of memory for nothing.
import type {Store, StoreOptions} from './store.js';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

/** `migrate` is explicit: whoever opens the store says whether it may change its schema. */
export async function openStore(databaseUrl: string, opts: StoreOptions): Promise<Store> {
    if (isPostgresUrl(databaseUrl)) {
        const {openPostgresStore} = await import('./postgres.js');
        return openPostgresStore(databaseUrl, Date.now, opts);
    }
    const {openSqliteStore} = await import('./sqlite.js');
    return openSqliteStore(databaseUrl.replace(/^sqlite:/, ''), Date.now, opts);
}

/** DATABASE_URL for messages: a PostgreSQL password is never shown. */
export function describeDatabase(databaseUrl: string): string {
    if (!isPostgresUrl(databaseUrl)) {
        return databaseUrl;
    }
    try {
        const u = new URL(databaseUrl);
        if (u.password) {
            u.password = '***';
        }
        return u.toString();
    } catch {
        return 'the PostgreSQL database in DATABASE_URL';
    }
}
