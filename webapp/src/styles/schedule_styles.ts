// Scheduled meetings: the card's "when" line, its quieter buttons (Notify me, Add to calendar,
// Cancel) and the cancel question, and the dialog's Start now / Schedule choice, date, time and
// Repeats. Card colours are the card's theme variables (utils/theme.ts); the dialog's are
// Mattermost's :root variables with Denim fallbacks, as in options_styles.ts.
export const scheduleCss = `
.plugnmeet-chip--scheduled { background: var(--pnm-accent-soft); color: var(--pnm-button-bg); text-transform: uppercase; letter-spacing: 0.04em; }
.plugnmeet-card--cancelled .plugnmeet-card__icon { background: var(--pnm-chip); color: var(--pnm-fg-faint); }
.plugnmeet-card--cancelled .plugnmeet-card__when { color: var(--pnm-fg-muted); text-decoration: line-through; }
.plugnmeet-card__when { margin: 4px 0 0; font-size: 14px; line-height: 20px; font-weight: 600; color: var(--pnm-fg); }
.plugnmeet-card--compact .plugnmeet-card__when { margin-top: 2px; font-size: 13px; }
.plugnmeet-button--tertiary { background: var(--pnm-accent-soft); color: var(--pnm-button-bg); text-decoration: none; }
a.plugnmeet-button--tertiary:hover, a.plugnmeet-button--tertiary:focus { color: var(--pnm-button-bg); text-decoration: none; }
.plugnmeet-button--danger { background: transparent; color: var(--pnm-error); box-shadow: inset 0 0 0 1px var(--pnm-border); }
.plugnmeet-button--danger:hover:not(:disabled) { box-shadow: inset 0 0 0 1px var(--pnm-error); }
.plugnmeet-button--danger-solid { background: var(--pnm-error); color: #ffffff; }
/* A narrow column (the RHS, compact mode): the quieter buttons are tighter, so four fit in two rows. */
.plugnmeet-card--scheduled.plugnmeet-card--rhs .plugnmeet-card__actions, .plugnmeet-card--scheduled.plugnmeet-card--compact .plugnmeet-card__actions { gap: 6px 8px; }
.plugnmeet-card--rhs .plugnmeet-button--tertiary, .plugnmeet-card--compact .plugnmeet-button--tertiary { padding: 0 10px; }
/* There, Add to calendar is its icon (the label stays for screen readers and as its tooltip). */
.plugnmeet-card--rhs .plugnmeet-button__label--narrow-hidden, .plugnmeet-card--compact .plugnmeet-button__label--narrow-hidden {
    position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
.plugnmeet-card__confirm { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
.plugnmeet-card__confirm-text { flex-basis: 100%; font-weight: 600; }
.plugnmeet-choice { min-width: 0; margin: 0; padding: 0; border: 0; }
.plugnmeet-choice .plugnmeet-fieldset__legend { float: none; margin-bottom: 6px; }
.plugnmeet-segmented { display: inline-flex; border-radius: 4px; box-shadow: inset 0 0 0 1px rgba(var(--pnm-fg-rgb), 0.16); }
.plugnmeet-segmented__option { position: relative; margin: 0; cursor: pointer; font-weight: 400; }
.plugnmeet-segmented__input { position: absolute; opacity: 0; width: 1px; height: 1px; margin: 0; }
.plugnmeet-segmented__label { display: block; padding: 0 16px; height: 32px; line-height: 32px; border-radius: 4px; color: rgba(var(--pnm-fg-rgb), 0.72); font-weight: 600; }
.plugnmeet-segmented__input:checked + .plugnmeet-segmented__label {
    background: color-mix(in srgb, var(--button-bg, #1c58d9) 12%, transparent); color: var(--button-bg, #1c58d9);
    box-shadow: inset 0 0 0 1px var(--button-bg, #1c58d9);
}
.plugnmeet-segmented__input:focus-visible + .plugnmeet-segmented__label { outline: 2px solid var(--button-bg, #1c58d9); outline-offset: 2px; }
.plugnmeet-schedule { display: flex; flex-direction: column; gap: 8px; margin-top: -4px; }
.plugnmeet-schedule__row { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
.plugnmeet-select { appearance: auto; padding-right: 8px; }
.plugnmeet-modal__button:disabled { cursor: progress; opacity: 0.72; }
.plugnmeet-modal__problem { font-size: 14px; line-height: 20px; }
`;
