import {NO_OPTIONS} from '@plugnmeet/contracts';
import type {OptionsSheet} from '@plugnmeet/contracts';

import {initialForm, readDuration, startWords} from './form_state';

const sheet = (extra: Partial<OptionsSheet> = {}): OptionsSheet => ({defaults: {...NO_OPTIONS}, fixed: [], maxDuration: 0, ...extra});

describe('the options form', () => {
    it('starts from the admin\'s defaults and the typed topic', () => {
        const form = initialForm(sheet({defaults: {...NO_OPTIONS, mute: true, duration: 30}}), 'Retro');
        expect(form).toEqual({topic: 'Retro', options: {...NO_OPTIONS, mute: true, duration: 30}, duration: '30'});
    });

    it('offers the admin\'s limit instead of "no limit" when there is one', () => {
        expect(initialForm(sheet({maxDuration: 90})).duration).toBe('90');
        expect(initialForm(sheet({maxDuration: 90, defaults: {...NO_OPTIONS, duration: 200}})).duration).toBe('90');
        expect(initialForm(sheet({maxDuration: 90, defaults: {...NO_OPTIONS, duration: 45}})).duration).toBe('45');
    });

    it.each([
        ['', 0, 0],
        ['', 60, null],
        [' 45 ', 0, 45],
        ['60', 60, 60],
        ['61', 60, null],
        ['0', 0, null],
        ['4.5', 0, null],
        ['-3', 0, null],
        ['10081', 0, null],
        ['abc', 0, null],
    ])('reads the duration %p under a limit of %p as %p', (text, maxDuration, expected) => {
        expect(readDuration(text, sheet({maxDuration}))).toBe(expected);
    });

    it('sends only what differs from the defaults, then --, then the topic', () => {
        const s = sheet({defaults: {...NO_OPTIONS, mute: true}});
        const form = initialForm(s, '  Sprint   review ');
        form.options = {...form.options, waitingRoom: true, mute: false, welcome: ' Say "hi" '};
        form.duration = '45';
        expect(startWords(form, s)).toBe('--waiting-room --no-mute --duration 45 --welcome "Say \\"hi\\"" -- Sprint review');
        expect(startWords(initialForm(s), s)).toBe('--');
    });

    it('never changes what the admin fixed, and refuses a duration it cannot send', () => {
        const s = sheet({defaults: {...NO_OPTIONS, record: true, duration: 30}, fixed: ['record', 'duration']});
        const form = initialForm(s);
        form.options = {...form.options, record: false};
        form.duration = '999999';
        expect(startWords(form, s)).toBe('--');
        const open = sheet({maxDuration: 60});
        expect(startWords({...initialForm(open), duration: ''}, open)).toBeNull();
    });
});
