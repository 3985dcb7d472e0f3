// Keys that outlive their request (rate-limit logs, caches) are copies: an id read from a request
// is, in V8, a slice of the request's whole body, which a long-lived key would keep in memory
// (seen in a heap snapshot after a join storm: 12,000 form bodies, 5 MB, held by user ids).
export function detachedKey(key: string): string {
    return Buffer.from(key, 'utf8').toString('utf8');
}
