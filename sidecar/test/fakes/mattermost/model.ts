// Small helpers from Mattermost's model and web packages: ids, request parameters, JSON copies.
import { randomInt } from 'node:crypto';

const ID_ALPHABET = 'ybndrfg8ejkmcpqxot1uwisza345h769'; // model.NewId's base32 alphabet

export function newId(): string {
  let s = '';
  for (let i = 0; i < 26; i++) s += ID_ALPHABET[randomInt(32)];
  return s;
}

/** model.IsValidId: 26 letters or digits. */
export const isValidId = (s: unknown): s is string => typeof s === 'string' && /^[A-Za-z0-9]{26}$/.test(s);

/** Go strconv.ParseBool; anything it rejects counts as false (the handlers ignore the error). */
export const parseBool = (s: string | null) => ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s ?? '');

const PER_PAGE_DEFAULT = 60;
const PER_PAGE_MAXIMUM = 200;

/** web/params.go page/per_page: unparsable or negative -> default; per_page capped at 200. */
export function pageParams(q: URLSearchParams): { page: number; perPage: number } {
  const int = (s: string | null) => (s !== null && /^[+-]?\d+$/.test(s) ? Number(s) : NaN);
  const page = int(q.get('page'));
  const perPage = int(q.get('per_page'));
  return {
    page: Number.isNaN(page) || page < 0 ? 0 : page,
    perPage: Number.isNaN(perPage) || perPage < 0 ? PER_PAGE_DEFAULT : Math.min(perPage, PER_PAGE_MAXIMUM),
  };
}

/** Length in runes (code points), as Go's utf8.RuneCountInString counts. */
export const runes = (s: string) => [...s].length;
export const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host !== '';
  } catch {
    return false;
  }
}

/** model.IsValidHTTPURL: a literal lowercase http:// or https:// prefix, then a parsable URL with a host. */
export function isValidHttpUrl(s: string): boolean {
  return (s.startsWith('http://') || s.startsWith('https://')) && isHttpUrl(s);
}
