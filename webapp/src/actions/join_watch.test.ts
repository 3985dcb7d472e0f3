import {joinedRoom, watchJoins} from './join_watch';

import {fakeClient} from '../../tests/test_utils';

describe('join watch', () => {
    it.each([
        ['/plugnmeet join room-1', {goto_location: 'https://meet.example.com/?access_token=t', props: {plugnmeet_room_id: 'room-1'}}, 'room-1'],
        ['/plugnmeet start --root abc Topic', {goto_location: 'https://meet.example.com/?access_token=t', props: {plugnmeet_room_id: 'room-2'}}, 'room-2'],
        ['/plugnmeet join room-1', {goto_location: '', props: {plugnmeet_room_id: 'room-1'}}, ''],
        ['/plugnmeet join room-1', {goto_location: 'javascript:alert(1)', props: {plugnmeet_room_id: 'room-1'}}, ''],
        ['/plugnmeet recordings REC_1', {goto_location: 'https://meet.example.com/download', props: {plugnmeet_room_id: 'room-1'}}, ''],
        ['/plugnmeet live', {props: {plugnmeet_live: {}}}, ''],
        ['/plugnmeet join x', {goto_location: 'https://meet.example.com/', props: {plugnmeet_room_id: '../etc'}}, ''],
    ])('%p answered %p opens room %p', (command, response, room) => {
        expect(joinedRoom(command, response)).toBe(room);
    });

    it('tells of every start or join that opened a meeting, and passes the answer on unchanged', async () => {
        const answer = {goto_location: 'https://meet.example.com/?access_token=t', props: {plugnmeet_room_id: 'room-1'}};
        const client = fakeClient({executeCommand: jest.fn(async () => answer)});
        const onJoined = jest.fn(() => {
            throw new Error('a listener failing must not fail the join');
        });
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const watched = watchJoins(client, onJoined);
        await expect(watched.executeCommand('/plugnmeet join room-1', {channel_id: 'c'})).resolves.toBe(answer);
        expect(onJoined).toHaveBeenCalledWith('room-1', '/plugnmeet join room-1');
        expect(watched.doPostAction).toBe(client.doPostAction);
    });
});
