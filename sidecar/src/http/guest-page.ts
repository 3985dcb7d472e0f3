// The guest page's HTML: one small self-contained document (no script, no third-party asset, one
// inline style allowed by its hash), readable on a phone. Everything shown that people wrote (the
// topic, the inviter's name) is escaped here. Its strings are the catalogues' plugnmeet.guest_page.*.
import {createHash} from 'node:crypto';
import {LOCALES, pickLocale, type Locale} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';
import type {GuestJoin} from '../meetings/guests/guests.js';
import {translator, type Translate} from '../meetings/i18n.js';

/** How often a page waiting for its meeting reloads itself (a meta refresh: no script needed). */
export const WAITING_REFRESH_SECONDS = 10;

const STYLE = `
:root{color-scheme:light dark;--fg:#1f2328;--bg:#f4f5f7;--card:#fff;--muted:#59636e;--accent:#1c58d9;--warn:#b42318}
@media (prefers-color-scheme:dark){:root{--fg:#e6e8eb;--bg:#14171a;--card:#1e2227;--muted:#a4acb6;--accent:#6f9cff;--warn:#ff8a80}}
*{box-sizing:border-box}
body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;padding:16px;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{width:100%;max-width:420px;background:var(--card);border-radius:12px;padding:24px;box-shadow:0 2px 12px rgba(0,0,0,.12)}
h1{font-size:1.35rem;line-height:1.3;margin:0 0 16px;overflow-wrap:anywhere}
p{margin:0 0 12px;overflow-wrap:anywhere}
.muted{color:var(--muted);font-size:.9rem}
.problem{color:var(--warn);font-weight:600}
label{display:block;font-weight:600;margin:16px 0 6px}
input[type=text]{width:100%;font:inherit;padding:12px;border:1px solid var(--muted);border-radius:8px;background:transparent;color:inherit}
button{width:100%;margin-top:16px;font:inherit;font-weight:600;padding:12px;border:0;border-radius:8px;background:var(--accent);color:#fff;cursor:pointer}
`.trim();

/** The style's CSP source: the page allows this exact style and nothing else. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'};
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * The page's language from Accept-Language (RFC 9110 12.5.4): the supported language with the
 * highest weight, English when none is.
 */
export function pageLocale(header: string | undefined): Locale {
    const ranked = (header ?? '').split(',').slice(0, 20).map((part, i) => {
        const [tag, ...params] = part.trim().split(';');
        const q = params.map((p) => /^\s*q=([01](?:\.\d{0,3})?)\s*$/.exec(p)?.[1]).find(Boolean);
        return {tag: tag.trim(), q: q === undefined ? 1 : Number(q), i};
    }).filter((r) => r.tag && r.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
    for (const {tag} of ranked) {
        const base = tag.toLowerCase().split('-')[0];
        if ((LOCALES as readonly string[]).includes(base)) {
            return pickLocale(base);
        }
    }
    return 'en';
}

const PROBLEMS = {
    name: 'plugnmeet.guest_page.name_missing',
    again: 'plugnmeet.guest_page.again',
    failed: 'plugnmeet.guest_page.failed',
    busy: 'plugnmeet.guest_page.busy',
} as const;

export type PageProblem = keyof typeof PROBLEMS;

function document(locale: Locale, title: string, body: string, refresh = false): string {
    return '<!doctype html>\n' +
        `<html lang="${locale}"><head><meta charset="utf-8">` +
        '<meta name="viewport" content="width=device-width,initial-scale=1">' +
        '<meta name="robots" content="noindex,nofollow">' +
        (refresh ? `<meta http-equiv="refresh" content="${WAITING_REFRESH_SECONDS}">` : '') +
        `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>` +
        `<body><main>${body}</main></body></html>\n`;
}

function invited(t: Translate, v: {topic: string; inviter: string}): string {
    return `<p class="muted">${escapeHtml(t('plugnmeet.guest_page.invited', {inviter: v.inviter}))}</p><h1>${escapeHtml(v.topic)}</h1>`;
}

/** The page for a view of the domain's (a `joined` view is a redirect, never a page); `name` refills the field. */
export function renderGuestPage(locale: Locale, view: Exclude<GuestJoin, {state: 'joined'}>, opts: {problem?: PageProblem; name?: string} = {}): string {
    const t = translator(locale);
    const problem = opts.problem ? `<p class="problem" role="alert">${escapeHtml(t(PROBLEMS[opts.problem]))}</p>` : '';
    if (view.state === 'invalid') {
        const title = t('plugnmeet.guest_page.invalid_title');
        return document(locale, title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(t('plugnmeet.guest_page.invalid'))}</p>`);
    }
    if (view.state === 'waiting') {
        // A scheduled meeting: its planned start in its planner's zone, named, in the reader's language.
        const when = view.startsAt ? DateTime.fromMillis(view.startsAt, {zone: view.zone || 'UTC'}).setLocale(locale).toLocaleString(DateTime.DATETIME_FULL) : '';
        const planned = when ? `<p><strong>${escapeHtml(t('plugnmeet.guest_page.starts_at', {when}))}</strong></p>` : '';
        return document(locale, view.topic, `${invited(t, view)}${planned}<p>${escapeHtml(t('plugnmeet.guest_page.waiting'))}</p>`, true);
    }
    // No action attribute: the form posts back to this very URL, whatever prefix the proxy adds.
    return document(locale, view.topic, `${invited(t, view)}${problem}` +
        '<form method="post">' +
        `<label for="name">${escapeHtml(t('plugnmeet.guest_page.name_label'))}</label>` +
        `<input type="text" id="name" name="name" required maxlength="64" autocomplete="name" autofocus value="${escapeHtml(opts.name ?? '')}">` +
        `<p class="muted">${escapeHtml(t('plugnmeet.guest_page.name_hint'))}</p>` +
        `<input type="hidden" name="form" value="${escapeHtml(view.form)}">` +
        `<button type="submit">${escapeHtml(t('plugnmeet.guest_page.join'))}</button>` +
        '</form>');
}

/** A page in the browser's language for an answer that has no view (over a limit). */
export function renderProblemOnly(locale: Locale, problem: PageProblem): string {
    const t = translator(locale);
    return document(locale, t('plugnmeet.guest_page.title'), `<h1>${escapeHtml(t('plugnmeet.guest_page.title'))}</h1><p class="problem" role="alert">${escapeHtml(t(PROBLEMS[problem]))}</p>`);
}
