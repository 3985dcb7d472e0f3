// The contracts' start grammar (contracts/src/command.ts): which texts are a start and which are
// answered with "did you mean". The webapp's keypress hook reads the same functions
// (webapp/src/actions/slash_command_hook.ts), so both agree on what starts a meeting.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';

import {nearestSubcommand, parseFlags, startMistake} from '@plugnmeet/contracts';
import {nearestFlag} from '../src/meetings/options.js';

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

    test('a word starting with one dash is no topic: parseFlags refuses it, and the sidecar names the flag meant', () => {
        for (const [text, flag, meant] of [['-w Test', '-w', undefined], ['--mute -waiting-room Demo', '-waiting-room', '--waiting-room'], ['--wating-room Demo', '--wating-room', '--waiting-room']] as const) {
            const parsed = parseFlags(text);
            assert.deepEqual(parsed.ok ? undefined : parsed.error, {code: 'unknown_flag', flag}, text);
            assert.equal(nearestFlag(flag), meant, text);
            assert.equal(startMistake(text, false), null, 'left to the sidecar, which refuses it');
        }
        for (const text of ['-- -w Test', '--mute \u2014 -w Test', '--mute -- -5 degrees', '--mute Demo - part 2']) {
            assert.equal(parseFlags(text).ok, true, `${text}: \`--\` says a topic follows; a dash later in the topic is text`);
        }
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
