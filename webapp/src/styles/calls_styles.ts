// The stylesheet of the calling parts: the incoming-call notice, the live panel and the sidebar
// badge. Like styles.ts, colours come from the variables Mattermost sets on :root for the theme,
// each with a Denim fallback; added in initialize() and taken away in uninitialize().
const STYLE_ID = 'plugnmeet-calls-styles';

export const callsCss = `
.plugnmeet-call-region { position: fixed; top: 56px; left: 50%; z-index: 1060; transform: translateX(-50%); width: 420px; max-width: calc(100vw - 32px); }
.plugnmeet-call {
    box-sizing: border-box; display: flex; align-items: center; gap: 14px; padding: 14px 16px;
    border-radius: 12px; background: var(--center-channel-bg, #ffffff); color: var(--center-channel-color, #3f4350);
    box-shadow: 0 12px 32px rgba(0, 0, 0, 0.28), 0 0 0 1px rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16);
    font-size: 14px; line-height: 20px;
}
.plugnmeet-call__icon {
    flex: none; display: flex; align-items: center; justify-content: center; width: 44px; height: 44px; border-radius: 50%;
    background: var(--online-indicator, #3db887); color: #ffffff; animation: plugnmeet-ring 1.5s ease-in-out infinite;
}
@keyframes plugnmeet-ring { 0%, 100% { box-shadow: 0 0 0 0 rgba(61, 184, 135, 0.5); } 50% { box-shadow: 0 0 0 8px rgba(61, 184, 135, 0); } }
@media (prefers-reduced-motion: reduce) { .plugnmeet-call__icon { animation: none; } }
.plugnmeet-call__body { flex: 1; min-width: 0; }
.plugnmeet-call__label { font-size: 11px; line-height: 16px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); }
.plugnmeet-call__caller { font-weight: 600; overflow-wrap: anywhere; }
.plugnmeet-call__topic { color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.72); overflow-wrap: anywhere; }
.plugnmeet-call__actions { flex: none; display: flex; gap: 8px; }
.plugnmeet-call__actions button, .plugnmeet-live__button, .plugnmeet-live__refresh {
    height: 32px; padding: 0 14px; border: 0; border-radius: 4px; cursor: pointer;
    font: inherit; font-size: 13px; font-weight: 600; line-height: 32px; white-space: nowrap;
}
.plugnmeet-call__decline { background: rgb(var(--error-text-color-rgb, 210, 75, 78)); color: #ffffff; }
.plugnmeet-call__join, .plugnmeet-live__button { background: var(--button-bg, #1c58d9); color: var(--button-color, #ffffff); }
.plugnmeet-call__actions button:hover, .plugnmeet-live__button:hover:not(:disabled) { box-shadow: inset 0 0 0 40px rgba(0, 0, 0, 0.12); }
.plugnmeet-call__actions button:focus-visible, .plugnmeet-live__button:focus-visible, .plugnmeet-live__refresh:focus-visible { outline: 2px solid var(--button-bg, #1c58d9); outline-offset: 2px; }
.plugnmeet-live { box-sizing: border-box; padding: 8px 16px 16px; color: var(--center-channel-color, #3f4350); font-size: 14px; line-height: 20px; }
.plugnmeet-live__toolbar { display: flex; justify-content: flex-end; }
.plugnmeet-live__refresh { height: 28px; line-height: 28px; padding: 0 10px; background: transparent; color: var(--button-bg, #1c58d9); }
.plugnmeet-live__refresh:hover { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08); }
.plugnmeet-live__heading { margin: 12px 0 6px; font-size: 12px; line-height: 16px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); }
.plugnmeet-live__list { margin: 0; padding: 0; list-style: none; }
.plugnmeet-live__item { display: flex; align-items: flex-start; gap: 10px; padding: 10px 0; border-bottom: 1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.12); }
.plugnmeet-live__item:last-child { border-bottom: 0; }
.plugnmeet-live__icon {
    flex: none; display: flex; align-items: center; justify-content: center; width: 32px; height: 32px; border-radius: 6px;
    background: rgba(61, 184, 135, 0.16); color: var(--online-indicator, #3db887);
}
.plugnmeet-live__icon--recording { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08); color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.72); }
.plugnmeet-live__main { flex: 1; min-width: 0; }
.plugnmeet-live__topic { font-weight: 600; overflow-wrap: anywhere; }
.plugnmeet-live__where { overflow-wrap: anywhere; }
.plugnmeet-live__meta { font-size: 12px; line-height: 16px; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); }
.plugnmeet-live__button { flex: none; height: 28px; line-height: 28px; padding: 0 12px; }
.plugnmeet-live__button--secondary { background: rgba(var(--button-bg-rgb, 28, 88, 217), 0.08); color: var(--button-bg, #1c58d9); }
.plugnmeet-live__button:disabled { cursor: progress; opacity: 0.72; }
.plugnmeet-live__empty { margin: 4px 0 8px; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); }
.plugnmeet-live__error { margin: 8px 0; padding: 10px 12px; border-radius: 4px; background: rgba(var(--error-text-color-rgb, 210, 75, 78), 0.08); overflow-wrap: anywhere; }
.plugnmeet-live .plugnmeet-card__error { margin-top: 4px; color: rgb(var(--error-text-color-rgb, 210, 75, 78)); font-size: 12px; }
.plugnmeet-live .plugnmeet-card__notice { margin-top: 4px; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); font-size: 12px; }
.plugnmeet-live-badge { display: inline-flex; align-items: center; margin-left: 6px; color: var(--online-indicator, #3db887); vertical-align: middle; }
`;

export function ensureCallsStyles(doc: Document = document): void {
    if (doc.getElementById(STYLE_ID)) {
        return;
    }
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = callsCss;
    doc.head.appendChild(style);
}

export function removeCallsStyles(doc: Document = document): void {
    doc.getElementById(STYLE_ID)?.remove();
}
