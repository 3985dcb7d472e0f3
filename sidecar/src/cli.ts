#!/usr/bin/env node
// The admin commands' entry point (`plugnmeet-sidecar`, npm run setup / doctor): admin/cli.ts.
import {runCli} from './admin/cli.js';

runCli(process.argv.slice(2)).then((code) => process.exit(code), (err) => {
    console.error(`error: ${(err as Error).message}`);
    process.exit(1);
});
