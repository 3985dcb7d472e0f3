// Meetings with options (issue 14) in a real browser, in the React 17 (Mattermost 10) and React 18
// (Mattermost 11) hosts: the dialog from the call button's menu and a typed `/plugnmeet options`,
// what it shows of the sheet (harness.ts answers like the sidecar), the exact command it sends,
// and the card's option badges. `SCREENSHOTS=1` also writes docs/images/options-dialog.png.
import {mkdirSync} from 'fs';
import {join} from 'path';

import type {BrowserContext, Page} from 'playwright-core';

import {DEFAULT_SHEET, READ_ONLY_CHANNEL, cardPost, chooseFromCallMenu, createRig, livePost, rootDir, until} from './harness';
import type {HostName} from './harness';

jest.setTimeout(120_000);

const ROOT = 'abcdefghijklmnopqrstuvwxyz';

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

describe.each<HostName>(['mattermost-10', 'mattermost-11'])('the options dialog in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const render = (...args: Parameters<typeof rig.render> extends [unknown, ...infer R] ? R : never) => rig.render(page, ...args);
    const dialog = () => page.getByRole('dialog', {name: 'Start a plugNmeet meeting'});
    const commands = (from: number) => rig.commandCalls().slice(from).map((c) => c.body.command);

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost(host));
    });
    afterAll(() => context?.close());
    afterEach(async () => {
        rig.optionsSheet = {...DEFAULT_SHEET};
        for (const other of context.pages()) {
            if (other !== page) {
                await other.close();
            }
        }
    });

    it('opens from the call menu with the admin\'s defaults, fixed options disabled, and starts with exactly the changed flags', async () => {
        rig.optionsSheet = {...DEFAULT_SHEET, defaults: {...DEFAULT_SHEET.defaults, mute: true, record: true}, fixed: ['record']};
        await render({posts: []});
        const before = rig.commandCalls().length;
        await chooseFromCallMenu(page, 'options');
        await dialog().waitFor();
        const topic = dialog().getByLabel('Topic (optional)');
        await until(() => rig.commandCalls().length > before);
        expect(await topic.evaluate((el) => el === document.activeElement)).toBe(true);

        expect(await dialog().getByRole('switch', {name: 'Mute people when they join'}).isChecked()).toBe(true);
        const record = dialog().getByRole('switch', {name: 'Record automatically'});
        expect(await record.isChecked()).toBe(true);
        expect(await record.isDisabled()).toBe(true);
        expect(await dialog().getByText('Set by your admin').count()).toBe(1);
        expect(await dialog().getByRole('switch', {name: 'Waiting room'}).isChecked()).toBe(false);
        expect(await dialog().getByLabel('Time limit (minutes)').inputValue()).toBe('');

        await topic.fill('Sprint review');
        await dialog().getByRole('switch', {name: 'Waiting room'}).check();
        await dialog().getByLabel('Time limit (minutes)').fill('45');
        if (process.env.SCREENSHOTS === '1' && host === 'mattermost-11') {
            mkdirSync(join(rootDir, 'docs', 'images'), {recursive: true});
            await dialog().getByLabel('Welcome message').fill('Welcome! The agenda is pinned in the channel.');
            await page.setViewportSize({width: 900, height: 900});
            await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
            await page.mouse.move(0, 0);
            await dialog().screenshot({path: join(rootDir, 'docs', 'images', 'options-dialog.png'), animations: 'disabled'});
            await page.setViewportSize({width: 900, height: 700});
            await dialog().getByLabel('Welcome message').fill('');
        }

        const [popup] = await Promise.all([context.waitForEvent('page'), dialog().getByRole('button', {name: 'Start meeting'}).click()]);
        await popup.waitForURL(/access_token=start-/);
        const calls = rig.commandCalls().slice(before);
        expect(calls.map((c) => c.body)).toEqual([
            {command: '/plugnmeet options --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ''},
            {command: '/plugnmeet start --waiting-room --duration 45 -- Sprint review', channel_id: 'chan1', team_id: 'team1', root_id: ''},
        ]);
        expect(popup.url()).toBe(calls[1].reply.goto_location);
        expect(await popup.evaluate(() => window.opener)).toBeNull();
        expect(await dialog().count()).toBe(0);
    });

    it('opens from a typed /plugnmeet options in a thread, swallowing it, and starts in that thread', async () => {
        await render({posts: [], typingRootId: ROOT});
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet options Weekly sync');
        await page.press('#post_textbox', 'Enter');
        const topic = dialog().getByLabel('Topic (optional)');
        expect(await topic.inputValue()).toBe('Weekly sync');
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).toContain('/plugnmeet options Weekly sync');

        // Enter in the topic submits, like the Start button.
        await dialog().getByRole('switch', {name: 'Chat'}).check();
        const [popup] = await Promise.all([context.waitForEvent('page'), topic.press('Enter')]);
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: '/plugnmeet options --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ROOT},
            {command: `/plugnmeet start --root ${ROOT} --lock-chat -- Weekly sync`, channel_id: 'chan1', team_id: 'team1', root_id: ROOT},
        ]);
    });

    it('opens from the call button\'s menu; Cancel, Escape and a click beside it send nothing', async () => {
        await render({posts: []});
        const before = rig.commandCalls().length;
        await chooseFromCallMenu(page, 'options');
        await dialog().getByRole('button', {name: 'Cancel'}).click();
        await dialog().waitFor({state: 'detached'});

        await chooseFromCallMenu(page, 'options');
        await dialog().getByLabel('Topic (optional)').fill('Not this one');
        await page.keyboard.press('Escape');
        await dialog().waitFor({state: 'detached'});

        await chooseFromCallMenu(page, 'options');
        await dialog().getByLabel('Topic (optional)').waitFor();
        await page.mouse.click(5, 650);
        await dialog().waitFor({state: 'detached'});

        await page.evaluate(() => fetch('/ping'));
        expect(commands(before)).toEqual(['/plugnmeet options --quiet', '/plugnmeet options --quiet', '/plugnmeet options --quiet']);
        expect(context.pages()).toEqual([page]);
    });

    it('keeps keyboard focus inside the dialog', async () => {
        await render({posts: []});
        await chooseFromCallMenu(page, 'options');
        const start = dialog().getByRole('button', {name: 'Start meeting'});
        await dialog().getByLabel('Topic (optional)').waitFor();
        await start.focus();
        await page.keyboard.press('Tab');
        expect(await dialog().getByRole('button', {name: 'Close'}).evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press('Shift+Tab');
        expect(await start.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.keyboard.press('Escape');
        await dialog().waitFor({state: 'detached'});
    });

    it('shows the sidecar\'s refusal instead of the form', async () => {
        rig.optionsSheet = {...DEFAULT_SHEET, refusal: 'Only the channel admins may start meetings here.'};
        await render({posts: []});
        const before = rig.commandCalls().length;
        await chooseFromCallMenu(page, 'options');
        const alert = dialog().getByRole('alert');
        expect(await alert.innerText()).toBe('Only the channel admins may start meetings here.');
        expect(await dialog().getByLabel('Topic (optional)').count()).toBe(0);
        await dialog().getByRole('button', {name: 'Close'}).last().click();
        await dialog().waitFor({state: 'detached'});
        expect(commands(before)).toEqual(['/plugnmeet options --quiet']);
    });

    it('says why in a read-only channel, where Mattermost refuses commands', async () => {
        await render({posts: [], channel: {id: READ_ONLY_CHANNEL, team_id: 'team1', type: 'O', name: 'announcements'}});
        await chooseFromCallMenu(page, 'options');
        const alert = dialog().getByRole('alert');
        await alert.waitFor();
        expect(await alert.innerText()).toContain('You do not have permission to do this in this channel.');
        await page.keyboard.press('Escape');
        await dialog().waitFor({state: 'detached'});
    });

    it('shows a live card\'s options as badges, and none on a card from before options', async () => {
        const withOptions = cardPost('post-options', {
            ...livePost.props, meeting_waiting_room: true, meeting_recorded: true, meeting_e2ee: true, meeting_duration_minutes: 45,
        });
        await render({posts: [withOptions, livePost]});
        const badges = page.locator('[data-post-id="post-options"]').getByRole('list', {name: 'Meeting options'});
        await badges.waitFor();
        expect(await badges.getByRole('listitem').allInnerTexts()).toEqual(['Waiting room', 'Recorded', 'End-to-end encrypted', 'Up to 45 min']);
        expect(await page.locator('[data-post-id="post-live"] [data-testid="plugnmeet-meeting-card"]').count()).toBe(1);
        expect(await page.locator('[data-post-id="post-live"] [data-testid="plugnmeet-card-options"]').count()).toBe(0);
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });
});
