// One small stylesheet for all of the plugin's UI, added to <head> once. Colours come from
// CSS variables: per card from the theme prop (utils/theme.ts), for the notices from the
// variables Mattermost itself sets on :root, each with a Denim fallback.
import {optionsCss} from './options_styles';
import {recapCss} from './recap_styles';
import {scheduleCss} from './schedule_styles';

const STYLE_ID = 'plugnmeet-styles';

export const css = `
.plugnmeet-card {
    box-sizing: border-box; display: flex; gap: 12px; align-items: flex-start;
    max-width: 560px; margin: 6px 0; padding: 12px 16px;
    border: 1px solid var(--pnm-border); border-radius: 8px;
    background: var(--pnm-surface); color: var(--pnm-fg);
    font-size: 14px; line-height: 20px; text-align: left;
}
.plugnmeet-card--rhs { max-width: none; }
.plugnmeet-card--compact { padding: 8px 12px; gap: 10px; }
.plugnmeet-card__icon {
    flex: none; display: flex; align-items: center; justify-content: center;
    width: 40px; height: 40px; border-radius: 8px;
    background: var(--pnm-accent-soft); color: var(--pnm-button-bg);
}
.plugnmeet-card--ended .plugnmeet-card__icon { background: var(--pnm-chip); color: var(--pnm-fg-faint); }
.plugnmeet-card--compact .plugnmeet-card__icon { width: 28px; height: 28px; border-radius: 6px; }
.plugnmeet-card--compact .plugnmeet-card__icon svg { width: 16px; height: 16px; }
.plugnmeet-card__body { flex: 1; min-width: 0; }
.plugnmeet-card__head { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 8px; }
.plugnmeet-card__title {
    margin: 0; font-size: 16px; line-height: 24px; font-weight: 600;
    color: var(--pnm-fg); overflow-wrap: anywhere;
}
.plugnmeet-card--compact .plugnmeet-card__title { font-size: 14px; line-height: 20px; }
.plugnmeet-card__meta { margin: 2px 0 0; font-size: 12px; line-height: 18px; color: var(--pnm-fg-muted); }
.plugnmeet-card__actions { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-top: 10px; }
.plugnmeet-card--compact .plugnmeet-card__actions { margin-top: 6px; }
.plugnmeet-chip {
    display: inline-flex; align-items: center; gap: 6px; height: 20px; padding: 0 8px;
    border-radius: 10px; background: var(--pnm-chip); color: var(--pnm-fg-muted);
    font-size: 11px; font-weight: 600; line-height: 20px; white-space: nowrap;
}
.plugnmeet-chip--live { background: var(--pnm-online-soft); color: var(--pnm-fg); text-transform: uppercase; letter-spacing: 0.04em; }
.plugnmeet-chip--ended { text-transform: uppercase; letter-spacing: 0.04em; }
.plugnmeet-chip--missed { color: var(--pnm-error); }
.plugnmeet-chip__dot { width: 8px; height: 8px; border-radius: 50%; background: var(--pnm-online); }
.plugnmeet-button {
    display: inline-flex; align-items: center; gap: 6px; height: 32px; padding: 0 16px;
    border: 0; border-radius: 4px; cursor: pointer;
    background: var(--pnm-button-bg); color: var(--pnm-button-fg);
    font: inherit; font-size: 14px; font-weight: 600; line-height: 32px;
}
.plugnmeet-card--compact .plugnmeet-button { height: 28px; line-height: 28px; padding: 0 12px; font-size: 13px; }
.plugnmeet-button:hover:not(:disabled) { box-shadow: inset 0 0 0 40px rgba(0, 0, 0, 0.12); }
.plugnmeet-button:focus-visible { outline: 2px solid var(--pnm-link); outline-offset: 2px; }
.plugnmeet-button:disabled { cursor: not-allowed; background: var(--pnm-chip); color: var(--pnm-fg-faint); }
.plugnmeet-button[aria-busy="true"]:disabled { cursor: progress; background: var(--pnm-button-bg); color: var(--pnm-button-fg); opacity: 0.72; }
.plugnmeet-card__hint { font-size: 12px; line-height: 16px; color: var(--pnm-fg-muted); }
.plugnmeet-card__error { flex-basis: 100%; font-size: 12px; line-height: 16px; color: var(--pnm-error); }
.plugnmeet-card__error a, .plugnmeet-notice a { color: var(--pnm-link); font-weight: 600; }
.plugnmeet-notices {
    position: fixed; right: 24px; bottom: 24px; z-index: 1040;
    display: flex; flex-direction: column; gap: 8px; width: 360px; max-width: calc(100vw - 48px);
}
.plugnmeet-notice {
    --pnm-link: var(--link-color, #386fe5);
    box-sizing: border-box; display: flex; align-items: flex-start; gap: 10px; padding: 12px 12px 12px 16px;
    border-radius: 8px; border-left: 4px solid rgb(var(--error-text-color-rgb, 210, 75, 78));
    background: var(--center-channel-bg, #ffffff); color: var(--center-channel-color, #3f4350);
    box-shadow: 0 8px 24px rgba(0, 0, 0, 0.24), 0 0 0 1px rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16);
    font-size: 14px; line-height: 20px;
}
.plugnmeet-notice--info { border-left-color: var(--button-bg, #1c58d9); }
.plugnmeet-notice__text { flex: 1; min-width: 0; overflow-wrap: anywhere; }
.plugnmeet-notice__title { display: block; font-weight: 600; }
.plugnmeet-notice__close {
    flex: none; width: 24px; height: 24px; padding: 0; border: 0; border-radius: 4px; cursor: pointer;
    background: transparent; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64);
    font-size: 18px; line-height: 24px;
}
.plugnmeet-plain-post__message { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.plugnmeet-plain-post__button {
    margin-top: 6px; padding: 4px 12px; border: 1px solid currentColor; border-radius: 4px;
    background: transparent; color: inherit; font: inherit; cursor: pointer;
}
.plugnmeet-call-button { display: inline-flex; align-items: center; gap: 6px; }
.plugnmeet-split { position: relative; display: inline-flex; align-items: center; }
.plugnmeet-split__more { display: inline-flex; align-items: center; padding: 0 2px; }
.plugnmeet-split__menu {
    position: absolute; top: 100%; right: 0; z-index: 1000; min-width: 220px; margin: 4px 0 0; padding: 8px 0; list-style: none;
    border-radius: 4px; background: var(--center-channel-bg, #ffffff); color: var(--center-channel-color, #3f4350);
    box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12), 0 0 0 1px rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16);
}
/* Two classes: the channel header styles its buttons (centred, fixed height); the menu's items are rows. */
.plugnmeet-split .plugnmeet-split__item {
    display: flex; align-items: center; justify-content: flex-start; gap: 8px; width: 100%; height: auto; padding: 6px 16px;
    border: 0; border-radius: 0; background: transparent; color: inherit; font: inherit; text-align: left; white-space: nowrap; cursor: pointer;
}
.plugnmeet-split .plugnmeet-split__item:hover, .plugnmeet-split .plugnmeet-split__item:focus-visible { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08); }
.plugnmeet-call-item__label { flex: 1; }
.plugnmeet-call-item__side {
    display: inline-flex; align-items: center; justify-content: center; width: 28px; height: 28px; padding: 0; border: 0;
    border-radius: 4px; background: transparent; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.64); cursor: pointer;
}
.plugnmeet-call-item__side:hover, .plugnmeet-call-item__side:focus-visible { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08); color: inherit; }
.plugnmeet-card__notice { margin: 6px 0 0; font-size: 12px; line-height: 16px; color: var(--pnm-fg-muted); }
.plugnmeet-notice__close:hover { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.08); }
`;

/** Added once in initialize(): no React hook needed, so React 17 and 18 alike. */
export function ensureStyles(doc: Document = document): void {
    if (doc.getElementById(STYLE_ID)) {
        return;
    }
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = css + optionsCss + scheduleCss + recapCss;
    doc.head.appendChild(style);
}

/** Takes the stylesheet away again (uninitialize), so an upgraded bundle can add its own. */
export function removeStyles(doc: Document = document): void {
    doc.getElementById(STYLE_ID)?.remove();
}
