// The card's faces (who is in the meeting): small round pictures or initials in a row, then "+N".
// Colours are the card's theme variables (utils/theme.ts), so light and dark themes both read.
export const recapCss = `
.plugnmeet-faces { display: flex; align-items: center; flex-wrap: wrap; gap: 4px; margin: 8px 0 0; }
.plugnmeet-faces__label { font-size: 12px; line-height: 18px; color: var(--pnm-fg-muted); margin-right: 4px; }
.plugnmeet-face { display: inline-flex; align-items: center; justify-content: center; width: 24px; height: 24px; border-radius: 50%; overflow: hidden; background: var(--pnm-chip); color: var(--pnm-fg); font-size: 10px; font-weight: 600; line-height: 1; }
.plugnmeet-face__img { width: 100%; height: 100%; object-fit: cover; }
.plugnmeet-face--more { width: auto; min-width: 24px; padding: 0 6px; border-radius: 12px; font-size: 11px; }
.plugnmeet-card__coming { margin: 4px 0 0; font-size: 12px; line-height: 18px; color: var(--pnm-fg-muted); font-style: italic; }
.plugnmeet-recap__table { width: 100%; margin: 8px 0 0; border-collapse: collapse; font-size: 13px; line-height: 20px; color: var(--pnm-fg); }
.plugnmeet-recap__table th { text-align: left; font-weight: 600; color: var(--pnm-fg-muted); border-bottom: 1px solid var(--pnm-border); padding: 2px 8px 2px 0; }
.plugnmeet-recap__table td { padding: 2px 8px 2px 0; }
.plugnmeet-recap__table td + td, .plugnmeet-recap__table th + th { text-align: right; white-space: nowrap; }
.plugnmeet-recap__guest { margin-left: 6px; padding: 0 6px; border-radius: 8px; background: var(--pnm-chip); color: var(--pnm-fg-muted); font-size: 11px; }
.plugnmeet-recap__transcript { margin: 8px 0 0; font-size: 13px; line-height: 20px; color: var(--pnm-fg); }
.plugnmeet-recap__transcript summary { cursor: pointer; color: var(--pnm-button-bg); font-weight: 600; }
.plugnmeet-recap__transcript ol { margin: 6px 0 0; padding-left: 20px; max-height: 320px; overflow: auto; }
.plugnmeet-recap__summary { margin: 8px 0 0; font-size: 14px; line-height: 20px; color: var(--pnm-fg); }
.plugnmeet-recap__summary--plain { white-space: pre-wrap; }
`;
