import {BOT_USERNAME, createBotIdentity} from './bot_identity';

import {deferred, fakeClient} from '../../tests/test_utils';
import {ClientError} from '../client/client';

describe('bot identity', () => {
    it('takes the bot from the redux store when its profile is loaded, without asking the server', () => {
        const client = fakeClient();
        const identity = createBotIdentity({client, getState: () => ({entities: {users: {profiles: {b9: {id: 'b9', username: BOT_USERNAME, is_bot: true}}}}})});
        identity.resolve();
        expect(identity.current()).toBe('b9');
        expect(client.getUserByUsername).not.toHaveBeenCalled();
    });

    it('asks the server once, however many cards want to know', async () => {
        const client = fakeClient();
        const answer = deferred<object>();
        client.getUserByUsername.mockReturnValueOnce(answer.promise);
        const identity = createBotIdentity({client, getState: () => ({})});
        const listener = jest.fn();
        identity.subscribe(listener);
        identity.resolve();
        identity.resolve();
        expect(identity.current()).toBeUndefined();
        answer.resolve({id: 'bot1', username: BOT_USERNAME, is_bot: true});
        await answer.promise;
        await Promise.resolve();
        identity.resolve();
        expect(identity.current()).toBe('bot1');
        expect(client.getUserByUsername).toHaveBeenCalledTimes(1);
        expect(client.getUserByUsername).toHaveBeenCalledWith('plugnmeet');
        expect(listener).toHaveBeenCalledTimes(1);
    });

    it('knows there is no bot after a 404, and retries other failures only after a minute', async () => {
        let now = 1_000_000;
        const client = fakeClient();
        client.getUserByUsername.mockRejectedValueOnce(new ClientError('down', 502));
        const identity = createBotIdentity({client, getState: () => ({}), now: () => now});
        identity.resolve();
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(identity.current()).toBeUndefined();
        identity.resolve();
        expect(client.getUserByUsername).toHaveBeenCalledTimes(1);

        now += 61_000;
        client.getUserByUsername.mockRejectedValueOnce(new ClientError('Unable to find the user.', 404, 'app.user.missing_account.const'));
        identity.resolve();
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(identity.current()).toBeNull();
        expect(client.getUserByUsername).toHaveBeenCalledTimes(2);
    });

    it('a person named plugnmeet is not the bot, loaded or asked for (issue 21)', async () => {
        const client = fakeClient();
        client.getUserByUsername.mockResolvedValueOnce({id: 'human1', username: BOT_USERNAME, is_bot: false});
        const identity = createBotIdentity({client, getState: () => ({entities: {users: {profiles: {human1: {id: 'human1', username: BOT_USERNAME}}}}})});
        expect(identity.current()).toBeUndefined();
        identity.resolve();
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(client.getUserByUsername).toHaveBeenCalledTimes(1);
        expect(identity.current()).toBeNull();
    });
});
