// The contracts' start grammar (contracts/src/command.ts): which texts are a start and which are
// answered with "did you mean". The webapp's keypress hook reads the same functions
// (webapp/src/actions/slash_command_hook.ts), so both agree on what starts a meeting.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';

import {nearestFlag, nearestSubcommand, startMistake} from '@plugnmeet/contracts';

describe('start mistakes (contracts/src/command.ts)', () => {
    test('a single word close to a subcommand, or a word people use for one, is a mistake', () => {
        for (const [word, meant] of [['lsit', 'list'], ['stop', 'end'], ['recording', 'recordings'], ['jion', 'join'], ['hlep', 'help'],
            ['shedule', 'schedule'], ['optoins', 'options'], ['Ends', 'end'], ['LISTE', 'list'], ['hilfe', 'help'], ['recs', 'recordings']] as const) {
            assert.deepEqual(startMistake(word, false), {kind: 'subcommand', word, meant}, word);
        }
    });

    test('topics stay topics: other words, more than one word, or after an explicit start', () => {
        for (const text of ['Demo', 'Test', 'Retro', 'Standup', 'Planning', 'Sprint', 'Lunch', 'Sync', 'Team', 'Weekly', 'lsit all items', 'Sprint review', '']) {
            assert.equal(startMistake(text, false), null, text);
        }
        assert.equal(startMistake('lsit', true), null);
        assert.equal(startMistake('stop', true), null);
    });

    test('a word starting with one dash after the flags is a mistyped flag, with the flag meant when there is one', () => {
        assert.deepEqual(startMistake('-w Test', false), {kind: 'flag', word: '-w', meant: undefined});
        assert.deepEqual(startMistake('--mute -waiting-room Demo', false), {kind: 'flag', word: '-waiting-room', meant: '--waiting-room'});
        assert.deepEqual(startMistake('-w Test', true), {kind: 'flag', word: '-w', meant: undefined});
        assert.equal(startMistake('-- -w Test', true), null, '`--` says a topic follows');
        assert.equal(startMistake('--mute \u2014 -w Test', false), null);
        assert.equal(startMistake('--mute -- -5 degrees', false), null);
        assert.equal(startMistake('--mute Demo - part 2', false), null, 'a dash later in the topic is text');
        assert.equal(startMistake('--wating-room Demo', false), null, 'a flag that does not parse has its own error');
    });

    test('nearest subcommand and flag', () => {
        assert.equal(nearestSubcommand('list'), undefined, 'a subcommand is no mistake');
        assert.equal(nearestSubcommand('Demo'), undefined);
        assert.equal(nearestFlag('--wating-room'), '--waiting-room');
        assert.equal(nearestFlag('-lock-chat'), '--lock-chat');
        assert.equal(nearestFlag('--no-mte'), '--no-mute');
        assert.equal(nearestFlag('--duraton=60'), '--duration');
        assert.equal(nearestFlag('--banana'), undefined);
    });
});
