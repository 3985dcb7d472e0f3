// The meeting window's stylesheet. Colours come from the variables Mattermost sets on :root for the
// theme, each with a Denim fallback (like styles/calls_styles.ts); added in initialize() and taken
// away in uninitialize(). Minimized, the frame stays in the page (the call goes on), only hidden.
const STYLE_ID = 'plugnmeet-window-styles';

export const meetingWindowCss = `
.plugnmeet-window {
    position: fixed; right: 24px; bottom: 24px; z-index: 1000;
    box-sizing: border-box; display: flex; flex-direction: column;
    width: min(520px, calc(100vw - 32px)); height: min(380px, calc(100vh - 32px));
    border-radius: 8px; overflow: hidden;
    background: var(--center-channel-bg, #ffffff); color: var(--center-channel-color, #3f4350);
    box-shadow: 0 12px 32px rgba(0, 0, 0, 0.28), 0 0 0 1px rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16);
    font-size: 14px; line-height: 20px;
}
.plugnmeet-window--maximized { top: 0; left: 0; right: 0; bottom: 0; width: auto; height: auto; border-radius: 0; }
.plugnmeet-window--docked {
    position: relative; right: auto; bottom: auto; z-index: auto; width: 100%;
    height: calc(100vh - var(--plugnmeet-docked-offset, 64px)); min-height: 320px; border-radius: 0; box-shadow: none;
}
.plugnmeet-window--minimized { width: min(360px, calc(100vw - 32px)); height: auto; border-radius: 20px; }
.plugnmeet-window__bar {
    flex: none; display: flex; align-items: center; gap: 8px; height: 40px; padding: 0 6px 0 12px;
    background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.06); user-select: none; touch-action: none;
}
.plugnmeet-window--floating .plugnmeet-window__bar { cursor: move; }
.plugnmeet-window__live { flex: none; width: 8px; height: 8px; border-radius: 50%; background: var(--online-indicator, #3db887); }
.plugnmeet-window__topic { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; font-weight: 600; }
.plugnmeet-window__time { flex: none; font-size: 12px; font-variant-numeric: tabular-nums; color: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.72); }
.plugnmeet-window__buttons { flex: none; display: flex; align-items: center; gap: 2px; }
.plugnmeet-window__button {
    display: flex; align-items: center; justify-content: center; width: 28px; height: 28px; padding: 0;
    border: 0; border-radius: 4px; background: transparent; color: inherit; cursor: pointer; font: inherit; font-size: 16px; line-height: 1;
}
.plugnmeet-window__button:hover, .plugnmeet-window__button:focus-visible { background: rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.12); }
.plugnmeet-window__button--minimize span::before { content: '\\2013'; }
.plugnmeet-window__button--maximize span::before { content: '\\25A1'; }
.plugnmeet-window__button--unmaximize span::before, .plugnmeet-window__button--restore span::before { content: '\\2750'; }
.plugnmeet-window__button--tab span::before { content: '\\2197'; }
/* Two overlapping windows, drawn: no font has a dependable glyph for it. */
.plugnmeet-window__button--popout span { position: relative; width: 14px; height: 12px; }
.plugnmeet-window__button--popout span::before, .plugnmeet-window__button--popout span::after {
    content: ''; position: absolute; box-sizing: border-box; width: 10px; height: 8px; border: 1.5px solid currentColor; border-radius: 1px;
}
.plugnmeet-window__button--popout span::before { left: 0; bottom: 0; }
.plugnmeet-window__button--popout span::after { right: 0; top: 0; }
.plugnmeet-window__leave, .plugnmeet-window__primary, .plugnmeet-window__secondary {
    height: 28px; margin-left: 4px; padding: 0 12px; border: 0; border-radius: 4px; cursor: pointer;
    font: inherit; font-size: 12px; font-weight: 600; line-height: 28px; white-space: nowrap;
}
.plugnmeet-window__leave { background: var(--dnd-indicator, #d24b4e); color: #ffffff; }
.plugnmeet-window__primary { background: var(--button-bg, #1c58d9); color: var(--button-color, #ffffff); }
.plugnmeet-window__secondary { background: rgba(var(--button-bg-rgb, 28, 88, 217), 0.08); color: var(--button-bg, #1c58d9); }
.plugnmeet-window__question { flex: none; padding: 10px 12px; border-bottom: 1px solid rgba(var(--center-channel-color-rgb, 63, 67, 80), 0.16); }
.plugnmeet-window__question p { margin: 0 0 8px; overflow-wrap: anywhere; }
.plugnmeet-window__question-buttons { display: flex; gap: 4px; }
.plugnmeet-window__body { position: relative; flex: 1; min-height: 0; background: #1e1e1e; }
.plugnmeet-window--minimized .plugnmeet-window__body { flex: none; height: 0; visibility: hidden; }
.plugnmeet-window__refused { display: flex; flex-direction: column; align-items: center; justify-content: center; gap: 12px; height: 100%; padding: 16px; box-sizing: border-box; background: var(--center-channel-bg, #ffffff); text-align: center; }
.plugnmeet-window__refused p { margin: 0; max-width: 36em; overflow-wrap: anywhere; }
.plugnmeet-window__frame { display: block; width: 100%; height: 100%; border: 0; }
`;

export function ensureMeetingWindowStyles(doc: Document = document): void {
    if (doc.getElementById(STYLE_ID)) {
        return;
    }
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = meetingWindowCss;
    doc.head.appendChild(style);
}

export function removeMeetingWindowStyles(doc: Document = document): void {
    doc.getElementById(STYLE_ID)?.remove();
}
