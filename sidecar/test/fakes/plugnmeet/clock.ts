// The fake plugNmeet's clock: unix seconds, and Go's time.RFC3339 for the fields that use it.
export const nowSec = () => Math.floor(Date.now() / 1000);

/** RFC3339 like Go's time.RFC3339 (no milliseconds). */
export function rfc3339(sec: number): string {
  return new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
