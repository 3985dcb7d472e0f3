// GET /meeting-ended: plugNmeet's logout_url (meetings/lifecycle.ts roomFor). plugNmeet's client
// goes there 3 s after the meeting ends (plugNmeet-client src/helpers/nats/ConnectNats.ts), in the
// meeting window's frame or in a tab. Framed, the page tells the Mattermost window to close it:
// postMessage to exactly MATTERMOST_URL's origin, nothing else; in a tab it says the meeting has
// ended. The page is the same for everyone: no parameter is read, so none can reach the page, and
// its one script runs by hash (CSP) with the origin fixed at start-up. Anyone can fetch it, so it
// has its own per-address limit like /calendar/ (a whole meeting behind one NAT arrives at once).
import {createHash} from 'node:crypto';
import {MEETING_ENDED_MESSAGE, MEETING_ENDED_PATH, pickLocale} from '@plugnmeet/contracts';
import type {FastifyPluginAsync} from 'fastify';
import {translator} from '../../meetings/i18n.js';
import {perAddressPerMinute} from '../rate-limit.js';

/** End pages one address may fetch a minute: everyone in a big meeting behind one NAT. */
export const END_PAGE_PER_ADDRESS_PER_MINUTE = 300;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The page in one language, with the CSP that lets exactly its own script and style run. */
export function endPage(mattermostUrl: string, locale: string): {html: string; csp: string} {
    const t = translator(locale);
    const origin = new URL(mattermostUrl).origin;
    // JSON of a URL origin and a constant: no quote or '<' can end the script early.
    const script = `if(window.parent!==window){window.parent.postMessage(${JSON.stringify(MEETING_ENDED_MESSAGE)},${JSON.stringify(origin)});}`;
    const style = 'body{font-family:system-ui,sans-serif;margin:15vh auto;max-width:32em;padding:0 1em;text-align:center;color:#3f4350}a{color:#1c58d9}';
    const html = `<!DOCTYPE html>
<html lang="${pickLocale(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(t('plugnmeet.end_page.title'))}</title><style>${style}</style></head>
<body><p>${escapeHtml(t('plugnmeet.end_page.text'))}</p><p><a href="${escapeHtml(mattermostUrl)}" rel="noopener noreferrer">${escapeHtml(t('plugnmeet.end_page.back'))}</a></p><script>${script}</script></body>
</html>`;
    // frame-ancestors: only Mattermost's pages (the meeting window) may frame it.
    const csp = `default-src 'none'; script-src ${sha256(script)}; style-src ${sha256(style)}; base-uri 'none'; form-action 'none'; frame-ancestors ${origin}`;
    return {html, csp};
}

const meetingEndedRoutes: FastifyPluginAsync = async (app) => {
    const pages = new Map<string, ReturnType<typeof endPage>>();

    app.get(MEETING_ENDED_PATH, {preHandler: perAddressPerMinute(END_PAGE_PER_ADDRESS_PER_MINUTE)}, async (req, reply) => {
        // The browser's first language of the four; the page is otherwise the same for everyone.
        const locale = pickLocale(String(req.headers['accept-language'] ?? '').split(',')[0]?.split(';')[0]?.trim());
        let page = pages.get(locale);
        if (!page) {
            page = endPage(app.config.mattermostUrl, locale);
            pages.set(locale, page);
        }
        return reply
            .header('content-type', 'text/html; charset=utf-8')
            .header('content-security-policy', page.csp)
            .header('x-content-type-options', 'nosniff')
            .header('referrer-policy', 'no-referrer')
            .header('cache-control', 'no-cache')
            .header('vary', 'accept-language')
            .send(page.html);
    });
};

export default meetingEndedRoutes;
