// Admin commands: `setup` (teams, bot membership, /plugnmeet commands) and `doctor` (checks).
import dotenv from 'dotenv';
import {loadConfig} from './config.js';
import {createMattermost, createMattermostAdmin} from './mattermost/adapter.js';
import {createPlugnmeetClient} from './plugnmeet/client.js';
import {checkDependencies} from './readiness.js';
import {runSetup} from './setup.js';
import {openStore} from './store/open.js';

const USAGE = 'usage: cli.js setup | doctor\n  setup   needs MATTERMOST_ADMIN_TOKEN: a personal access token of a system admin (used once, never stored)';

async function main(argv: string[]): Promise<number> {
    const sub = argv[0];
    if (sub !== 'setup' && sub !== 'doctor') {
        console.error(USAGE);
        return 2;
    }
    dotenv.config({quiet: true});
    const result = loadConfig(process.env);
    if (!result.ok) {
        console.error('The configuration needs attention first:');
        result.errors.forEach((line) => console.error(`  - ${line}`));
        return 2;
    }
    const config = result.config;
    const store = await openStore(config.databaseUrl);
    const bot = createMattermost({url: config.mattermostUrl, botToken: config.mattermostBotToken});
    try {
        if (sub === 'setup') {
            const adminToken = (process.env.MATTERMOST_ADMIN_TOKEN ?? '').trim();
            if (!adminToken) {
                console.error('MATTERMOST_ADMIN_TOKEN is missing: set it to a personal access token of a system admin for this one run.');
                return 2;
            }
            const admin = createMattermostAdmin({url: config.mattermostUrl, adminToken});
            return (await runSetup({config, store, bot, admin, out: (line) => console.log(line)})) ? 0 : 1;
        }
        const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret});
        const {ready, checks} = await checkDependencies({store, mattermost: bot, plugnmeet});
        for (const [name, state] of Object.entries(checks)) {
            console.log(`${state === 'ok' ? '✓' : '✗'} ${name}: ${state}`);
        }
        const tokens = config.commandTokens.length + (await store.commandTokens()).length;
        console.log(tokens > 0 ? `✓ slash command tokens known: ${tokens}` : '✗ no slash command token known: run `npm run setup` or set MATTERMOST_COMMAND_TOKENS');
        await plugnmeet.close();
        return ready && tokens > 0 ? 0 : 1;
    } finally {
        await store.close();
    }
}

main(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
});
