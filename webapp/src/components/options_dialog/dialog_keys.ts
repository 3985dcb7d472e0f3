// Keyboard behaviour of a modal dialog (WAI-ARIA dialog pattern): Escape closes it, Tab and
// Shift+Tab cycle inside it, and focus goes back where it was once it closes.
import {useEffect} from 'react';
import type React from 'react';

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea:not([disabled]), select:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

export function handleDialogKeys(event: React.KeyboardEvent<HTMLElement>, onClose: () => void): void {
    if (event.key === 'Escape' && !event.nativeEvent.isComposing) {
        // Mattermost's own Escape handlers (closing the sidebar, marking read) must not fire too.
        event.preventDefault();
        event.stopPropagation();
        onClose();
        return;
    }
    if (event.key !== 'Tab') {
        return;
    }
    const dialog = event.currentTarget;
    const focusable = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const active = document.activeElement;
    if (!first) {
        event.preventDefault();
    } else if (event.shiftKey && (active === first || active === dialog)) {
        event.preventDefault();
        last.focus();
    } else if (!event.shiftKey && active === last) {
        event.preventDefault();
        first.focus();
    }
}

/** Gives focus back to what had it before the dialog opened (the menu, the App Bar, the textbox). */
export function useRestoreFocus(): void {
    useEffect(() => {
        const previous = document.activeElement;
        return () => {
            if (previous instanceof HTMLElement && previous.isConnected) {
                previous.focus();
            }
        };
    }, []);
}
