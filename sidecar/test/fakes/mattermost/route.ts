// A REST route of the fake: method, path pattern, and the handler that answers it.
import type { MmUser } from './types.js';

/** `me` is the user whose token came with the request. */
export interface RouteContext { me: MmUser; query: URLSearchParams }
export interface Reply { status: number; json: unknown }
export type Handler = (m: RegExpMatchArray, body: unknown, c: RouteContext) => Reply;
/** needsBody: an empty or unparsable JSON body is refused (400) before the handler runs. */
export interface Route { method: string; re: RegExp; needsBody?: boolean; run: Handler }
