// The request log never holds a public link's credential (its path and signature), whatever the
// status: refusals are logged at info (http/app.ts).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {loggedUrl} from '../src/http/logged-url.js';

test('calendar, guest and transcript links are logged as their kind only; other URLs as they are', () => {
    const secret = 'f'.repeat(64);
    for (const [url, shown] of [
        [`/calendar/abc.ics?expires=1&signature=${secret}`, '/calendar/…'],
        [`/guest/${secret}`, '/guest/…'],
        [`/recap/${'a'.repeat(32)}/art-1.vtt?expires=1&signature=${secret}`, '/recap/…'],
        ['/mattermost/command', '/mattermost/command'],
        ['/healthz', '/healthz'],
    ]) {
        assert.equal(loggedUrl(url), shown);
        assert.ok(!loggedUrl(url).includes(secret));
    }
});
