// Headers by which `doctor` (admin/doctor-proxy.ts) tells the sidecar's own answers through
// SIDECAR_PUBLIC_URL from a proxy's, and learns what the Mattermost gate made of its probe.

/** Set on what the browser-facing routes answer (/calendar/): a proxy's own 404 lacks it. */
export const SIDECAR_HEADER = 'x-plugnmeet-sidecar';

/**
 * A request to /mattermost/ carrying PROBE_HEADER is answered with the same id, the address the gate
 * saw and its verdict (http/mattermost-caller.ts). The route itself runs as ever. The caller learns
 * its own address as seen, nothing more.
 */
export const PROBE_HEADER = 'x-plugnmeet-probe';
export const PROBE_SEEN_HEADER = 'x-plugnmeet-probe-seen';
export const PROBE_VERDICT_HEADER = 'x-plugnmeet-probe-verdict';
