// The options dialog, shaped like Mattermost's own modals (GenericModal: 12px corners, a 22px
// title, tertiary and primary buttons on the right), and the card's option badges. Colours are
// the variables Mattermost sets on :root, each with a Denim fallback, like the notices'.
export const optionsCss = `
.plugnmeet-modal-backdrop {
    position: fixed; inset: 0; z-index: 1050; display: flex; align-items: flex-start; justify-content: center;
    padding: 32px 16px; box-sizing: border-box; background: rgba(0, 0, 0, 0.5);
}
.plugnmeet-modal {
    --pnm-fg-rgb: var(--center-channel-color-rgb, 63, 67, 80);
    box-sizing: border-box; display: flex; flex-direction: column; width: 100%; max-width: 512px; max-height: 100%;
    border-radius: 12px; outline: none;
    background: var(--center-channel-bg, #ffffff); color: var(--center-channel-color, #3f4350);
    border: 1px solid rgba(var(--pnm-fg-rgb), 0.16); box-shadow: 0 20px 32px rgba(0, 0, 0, 0.12);
    font-size: 14px; line-height: 20px; text-align: left;
}
.plugnmeet-modal__header { display: flex; align-items: flex-start; gap: 16px; padding: 24px 24px 0 32px; }
.plugnmeet-modal__title { flex: 1; margin: 6px 0 0; font-size: 22px; line-height: 28px; font-weight: 600; color: inherit; }
.plugnmeet-modal__close {
    flex: none; width: 40px; height: 40px; padding: 0; border: 0; border-radius: 4px; cursor: pointer;
    background: transparent; color: rgba(var(--pnm-fg-rgb), 0.56); font-size: 28px; line-height: 40px;
}
.plugnmeet-modal__close:hover { background: rgba(var(--pnm-fg-rgb), 0.08); color: rgba(var(--pnm-fg-rgb), 0.72); }
.plugnmeet-modal__form { display: flex; flex-direction: column; min-height: 0; }
.plugnmeet-modal__body { display: flex; flex-direction: column; gap: 16px; min-height: 0; overflow-y: auto; padding: 16px 32px 4px; }
.plugnmeet-modal__message { display: block; overflow-wrap: anywhere; }
.plugnmeet-modal__message-title { display: block; margin-bottom: 4px; font-weight: 600; }
.plugnmeet-modal__footer { flex: none; display: flex; justify-content: flex-end; gap: 8px; padding: 20px 32px 24px; }
.plugnmeet-modal__button {
    height: 40px; padding: 0 20px; border: 0; border-radius: 4px; cursor: pointer;
    background: var(--button-bg, #1c58d9); color: var(--button-color, #ffffff);
    font: inherit; font-size: 14px; font-weight: 600;
}
.plugnmeet-modal__button:hover { box-shadow: inset 0 0 0 40px rgba(0, 0, 0, 0.12); }
.plugnmeet-modal__button--tertiary {
    background: transparent; color: var(--button-bg, #1c58d9);
    box-shadow: inset 0 0 0 40px color-mix(in srgb, var(--button-bg, #1c58d9) 8%, transparent);
}
.plugnmeet-modal__button--tertiary:hover { box-shadow: inset 0 0 0 40px color-mix(in srgb, var(--button-bg, #1c58d9) 16%, transparent); }
.plugnmeet-modal button:focus-visible, .plugnmeet-switch__input:focus-visible {
    outline: 2px solid var(--button-bg, #1c58d9); outline-offset: 2px;
}
.plugnmeet-field { display: flex; flex-direction: column; gap: 6px; }
.plugnmeet-field__label, .plugnmeet-fieldset__legend { font-weight: 600; }
.plugnmeet-field__hint, .plugnmeet-field__fixed, .plugnmeet-field__error { font-size: 12px; line-height: 16px; color: rgba(var(--pnm-fg-rgb), 0.72); }
.plugnmeet-field__fixed { font-style: italic; }
.plugnmeet-field__error { color: rgb(var(--error-text-color-rgb, 210, 75, 78)); }
.plugnmeet-input {
    box-sizing: border-box; width: 100%; height: 40px; padding: 0 12px; border: 0; border-radius: 4px;
    background: var(--center-channel-bg, #ffffff); color: inherit; font: inherit;
    box-shadow: inset 0 0 0 1px rgba(var(--pnm-fg-rgb), 0.16);
}
.plugnmeet-input:hover:not(:disabled) { box-shadow: inset 0 0 0 1px rgba(var(--pnm-fg-rgb), 0.48); }
.plugnmeet-input:focus { outline: none; box-shadow: inset 0 0 0 2px var(--button-bg, #1c58d9); }
.plugnmeet-input[aria-invalid="true"] { box-shadow: inset 0 0 0 2px rgb(var(--error-text-color-rgb, 210, 75, 78)); }
.plugnmeet-input:disabled { background: rgba(var(--pnm-fg-rgb), 0.04); color: rgba(var(--pnm-fg-rgb), 0.64); cursor: not-allowed; }
.plugnmeet-input--short { width: 120px; }
.plugnmeet-textarea { height: auto; min-height: 60px; padding: 8px 12px; resize: vertical; }
.plugnmeet-fieldset {
    display: grid; grid-template-columns: 1fr 1fr; align-items: start; gap: 10px 16px; min-width: 0; margin: 0; padding: 0; border: 0;
}
.plugnmeet-fieldset__legend { float: left; grid-column: 1 / -1; width: 100%; margin: 0; padding: 0; font-size: 14px; }
.plugnmeet-switch { display: grid; grid-template-columns: auto 1fr; align-items: center; gap: 2px 10px; }
.plugnmeet-switch .plugnmeet-field__hint, .plugnmeet-switch .plugnmeet-field__fixed { grid-column: 2; }
.plugnmeet-switch__label { cursor: pointer; }
.plugnmeet-switch__input {
    position: relative; width: 32px; height: 18px; margin: 0; border-radius: 9px; cursor: pointer;
    appearance: none; -webkit-appearance: none; background: rgba(var(--pnm-fg-rgb), 0.24); transition: background 0.15s;
}
.plugnmeet-switch__input::before {
    content: ''; position: absolute; top: 2px; left: 2px; width: 14px; height: 14px; border-radius: 50%;
    background: #ffffff; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.24); transition: transform 0.15s;
}
.plugnmeet-switch__input:checked { background: var(--button-bg, #1c58d9); }
.plugnmeet-switch__input:checked::before { transform: translateX(14px); }
.plugnmeet-switch__input:disabled { cursor: not-allowed; opacity: 0.48; }
.plugnmeet-switch__input:disabled + .plugnmeet-switch__label { cursor: not-allowed; color: rgba(var(--pnm-fg-rgb), 0.64); }
.plugnmeet-card__options { display: flex; flex-wrap: wrap; gap: 4px 6px; margin: 6px 0 0; padding: 0; list-style: none; }
.plugnmeet-card__options .plugnmeet-chip { font-weight: 400; }
`;
