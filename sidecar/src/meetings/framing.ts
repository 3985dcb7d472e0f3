// Can the meeting window frame plugNmeet (issue 26)? plugNmeet sets no framing header itself
// (pkg/app/router.go), but a reverse proxy in front of it may (X-Frame-Options, CSP
// frame-ancestors). A browser gives the page that frames it no way to tell a refused frame from a
// loaded one, so the sidecar looks at the headers of plugNmeet's page: in the background, at most
// every few minutes, never on a join's path; the answers carry what it last saw.
import type {FastifyBaseLogger} from 'fastify';
import type {FramingHeaders, PlugnmeetClient} from '../plugnmeet/client.js';

/** How long what was seen holds before the next answer triggers another look. */
export const FRAMING_RECHECK_MS = 10 * 60 * 1000;

/** Whether a page with these headers refuses to be framed by a page of `framerOrigin` (`ownOrigin`: its own). */
export function refusesFraming(headers: FramingHeaders, framerOrigin: string, ownOrigin: string): boolean {
    const sameOrigin = framerOrigin === ownOrigin;
    // CSP Level 3: frame-ancestors wins over X-Frame-Options where both are sent.
    const directive = headers.contentSecurityPolicy.split(/[;,]/).map((d) => d.trim().split(/\s+/)).find((d) => d[0]?.toLowerCase() === 'frame-ancestors');
    if (directive) {
        const sources = directive.slice(1).map((s) => s.toLowerCase().replace(/\/+$/, ''));
        const framer = new URL(framerOrigin);
        const allowed = sources.some((source) => source === '*' ||
            source === framer.protocol ||
            source === framerOrigin.toLowerCase() ||
            (source === "'self'" && sameOrigin) ||
            (source.startsWith(`${framer.protocol}//*.`) && framer.host.endsWith(source.slice(framer.protocol.length + 3))));
        return !allowed;
    }
    const xfo = headers.xFrameOptions.split(',')[0]?.trim().toLowerCase() ?? '';
    return xfo === 'deny' || (xfo === 'sameorigin' && !sameOrigin);
}

export function createFramingCheck(deps: {plugnmeet: Pick<PlugnmeetClient, 'framingHeaders'>; plugnmeetUrl: string; mattermostUrl: string; log: FastifyBaseLogger; now: () => number}) {
    const {plugnmeet, log, now} = deps;
    const framer = new URL(deps.mattermostUrl).origin;
    const own = new URL(deps.plugnmeetUrl).origin;
    let refused = false;
    let checkedAt = -Infinity;
    let checking = false;

    function recheck(): void {
        if (checking || now() - checkedAt < FRAMING_RECHECK_MS) {
            return;
        }
        checking = true;
        checkedAt = now();
        plugnmeet.framingHeaders().then((headers) => {
            const before = refused;
            refused = refusesFraming(headers, framer, own);
            if (refused && !before) {
                log.warn('plugNmeet refuses to be framed by Mattermost (X-Frame-Options or CSP frame-ancestors at its proxy): meetings set to open inside Mattermost offer a new tab instead (docs/admin.md, "Meetings inside Mattermost")');
            }
        }, () => {
            // Unreachable now: keep what was last seen; readiness reports plugNmeet itself.
        }).finally(() => {
            checking = false;
        });
    }

    return {
        /** What was last seen (false until a look says otherwise); starts another look when it is old. */
        refused(): boolean {
            recheck();
            return refused;
        },
    };
}

export type FramingCheck = ReturnType<typeof createFramingCheck>;
