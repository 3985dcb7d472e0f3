// The sidecar's entry point (npm start, Docker, systemd): configuration, the store (migrated here:
// starting is the explicit migrate step of a deployment), adapters, the HTTP app, listen, the
// reconciler, and a clean stop on SIGTERM/SIGINT.
import {hostname} from 'node:os';
import dotenv from 'dotenv';
import {loadConfig} from './config/config.js';
import {placeholderUrls} from './config/placeholders.js';
import {buildApp} from './http/app.js';
import {createMattermost} from './mattermost/bot.js';
import {startReconciler, startScheduler} from './meetings/reconciler.js';
import {createPlugnmeetClient} from './plugnmeet/client.js';
import {describeDatabase, openStore} from './store/open.js';

async function main(): Promise<number> {
    dotenv.config({quiet: true});
    const result = loadConfig(process.env);
    const errors = [...(result.ok ? [] : result.errors), ...placeholderUrls(process.env)];
    if (!result.ok || errors.length > 0) {
        console.error('plugNmeet sidecar: cannot start, the configuration needs attention:');
        for (const line of errors) {
            console.error(`  - ${line}`);
        }
        console.error('Set these in the environment or in a .env file (see docs/admin.md, "Configuration").');
        console.error('With SIDECAR_PUBLIC_URL set, `MATTERMOST_ADMIN_TOKEN=<token> npm run setup -- --mattermost-url <url>` creates the bot and writes the Mattermost settings.');
        return 2;
    }
    const config = result.config;

    let store;
    try {
        store = await openStore(config.databaseUrl, {migrate: true});
    } catch (err) {
        console.error(`plugNmeet sidecar: cannot open the database ${describeDatabase(config.databaseUrl)}: ${(err as Error).message}`);
        return 2;
    }
    const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret});
    const mattermost = createMattermost({url: config.mattermostUrl, botToken: config.mattermostBotToken});
    const app = await buildApp({config, store, plugnmeet, mattermost});

    if (config.mattermostSourceAddresses.length === 0) {
        app.log.warn('MATTERMOST_SOURCE_ADDRESSES is not set: anyone who can reach this sidecar may call its command and button endpoints. ' +
            'Set it to the addresses Mattermost calls from (npm run setup fills it in; npm run doctor checks it).');
    }
    if (config.commandTokens.length === 0 && (await store.commandTokens()).length === 0) {
        app.log.warn('no slash command token is known yet: set MATTERMOST_COMMAND_TOKENS to the token of your /plugnmeet command, or every command will be refused');
    }

    try {
        await app.listen({host: config.host, port: config.port});
    } catch (err) {
        console.error(`plugNmeet sidecar: cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
        return 2;
    }
    const {ready, checks} = await app.meetings.checkDependencies();
    const said = (name: string, state: string) => `${name} ${state === 'ok' ? 'OK' : state}`;
    const line = [said('Mattermost', checks.mattermost), said('plugNmeet', checks.plugnmeet), ...(checks.store === 'ok' ? [] : [said('the store', checks.store)])].join(', ');
    if (ready) {
        app.log.info(`ready: ${line}`);
    } else {
        app.log.warn(`not ready yet: ${line} (npm run doctor says why and what to change)`);
    }
    const owner = `${hostname()}:${config.port}`;
    const stopReconciler = startReconciler(store, app.meetings, app.log, config.reconcileIntervalSeconds, owner);
    const stopScheduler = startScheduler(store, app.meetings, app.log, owner);

    // `on`, not `once`: Ctrl-C reaches both npm start's wrapper, which passes it on, and the sidecar,
    // and the second copy must not kill it halfway through its clean stop.
    await new Promise<void>((resolve) => {
        process.on('SIGTERM', resolve);
        process.on('SIGINT', resolve);
    });
    app.log.info('stopping');
    stopReconciler();
    stopScheduler();
    await app.close();
    await plugnmeet.close();
    await store.close();
    return 0;
}

main().then((code) => process.exit(code), (err) => {
    console.error(`plugNmeet sidecar: fatal error: ${(err as Error).message}`);
    process.exit(1);
});
