// Picks the store backend from DATABASE_URL (validated by config.ts).
import {openSqliteStore} from './sqlite.js';
import type {Store} from './store.js';

export function openStore(databaseUrl: string): Store {
    return openSqliteStore(databaseUrl.replace(/^sqlite:/, ''));
}
