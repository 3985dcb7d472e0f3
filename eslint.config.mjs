// Lint for the whole repo, in Mattermost's own style: @mattermost/eslint-plugin, configured as
// mattermost-plugin-starter-template's webapp does ("plugin:@mattermost/react" with the license
// header rule off). The plugin ships eslintrc-format configs built on typescript-eslint 7, which
// needs ESLint 8; this file is ESLint's flat format, and FlatCompat reads the plugin's configs.
// The sidecar gets the same rules without React, set to what its Node code already does.
// `npm run check-style` (or `make check-style`) runs it; `npm test` runs it before the tests.
import {dirname} from 'node:path';
import {fileURLToPath} from 'node:url';

import {FlatCompat} from '@eslint/eslintrc';
import js from '@eslint/js';

const compat = new FlatCompat({
    baseDirectory: dirname(fileURLToPath(import.meta.url)),
    recommendedConfig: js.configs.recommended,
});

/** The files ESLint reads below `dir`. */
const code = (dir) => [`${dir}/**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}`];

/** A shared config, applied only below `dir` (its own per-file overrides keep their patterns). */
function within(dir, configs) {
    return configs.map((config) => ({
        ...config,
        files: config.files ? config.files.map((pattern) => [...code(dir), ...[pattern].flat()]) : code(dir),
    }));
}

// Test code: fakes and fixtures may do what product code must not.
const relaxedForTests = {
    'max-lines': 0,
    'max-nested-callbacks': 0,
    'no-console': 0,
    'no-process-env': 0,
    'no-underscore-dangle': 0,
    'func-names': 0,
    'global-require': 0,
    'new-cap': 0,
    'prefer-arrow-callback': 0,
    '@typescript-eslint/no-explicit-any': 0,
    '@typescript-eslint/no-non-null-assertion': 0,

    // Fixtures read better one object to a line, and hostile inputs are the point of some tests.
    'object-property-newline': 0,
    'no-script-url': 0,

    // End-to-end steps run one after another on purpose.
    'no-await-in-loop': 0,
};

export default [
    {
        ignores: [
            '**/node_modules/**',
            '**/dist/**',
            'webapp/tests/browser/vendor/**',
            'contracts/**',
        ],
    },

    // The webapp: the starter template's setup.
    ...within('webapp', compat.extends('plugin:@mattermost/react')),
    {
        files: code('webapp'),
        rules: {
            'header/header': 'off',

            // Points at the Mattermost webapp's own components/external_link, which a plugin
            // cannot import; links out carry rel='noopener noreferrer' (react/jsx-no-target-blank).
            '@mattermost/use-external-link': 'off',
        },
    },
    {
        // Build config and the test harness run in Node, not in Mattermost's page.
        files: ['webapp/*.js', 'webapp/tests/**'],
        rules: {
            ...relaxedForTests,
            '@typescript-eslint/no-var-requires': 0,
        },
    },
    {
        // The browser tests' host pages stand in for Mattermost's own webapp: plain JS React
        // without prop types, ReactDOM.render for the React 17 host, the whole of redux.
        files: ['webapp/tests/browser/host/**'],
        rules: {
            'react/prop-types': 0,
            'react/no-deprecated': 0,
            'no-restricted-imports': 0,
        },
    },
    {
        files: ['webapp/**/*.test.*'],
        rules: relaxedForTests,
    },

    // The sidecar: the same style rules (plugin:@mattermost/base: no React), set to what its
    // Node code already does where that differs from Mattermost's webapp.
    ...within('sidecar', compat.extends('plugin:@mattermost/base')),
    {
        files: code('sidecar'),
        rules: {
            'header/header': 'off',

            // Imports go builtins, packages, then the sidecar's own, without blank lines between.
            'import/order': [2, {groups: ['builtin', 'external', ['internal', 'parent', 'sibling', 'index']], 'newlines-between': 'ignore'}],

            // Comments sit right under the line they follow, and short objects share lines.
            'lines-around-comment': 0,
            'object-property-newline': 0,
            'multiline-ternary': 0,
            'wrap-regex': 0,
            'dot-location': [2, 'property'],
            'operator-linebreak': 0,

            // SQL and other text with quotes of its own reads better in backticks.
            quotes: [2, 'single', {avoidEscape: true, allowTemplateLiterals: true}],

            // Fastify(), Type.Unsafe(): factories, not constructors.
            'new-cap': [2, {capIsNew: false}],

            // `void reply.send()`, `() => void flush()`: a promise left alone on purpose, said so.
            'no-void': 0,

            // Calls to Mattermost and plugNmeet go one after another on purpose (order, rate limits).
            'no-await-in-loop': 0,

            // A type's `|` continuation lines are indented as the code does; typescript-eslint's
            // indent rule would pull them to column 0.
            '@typescript-eslint/indent': [2, 4, {SwitchCase: 0, ignoredNodes: ['TSTypeReference > TSTypeParameterInstantiation *']}],

            // TypeScript parameter properties (`constructor(private x)`) are not useless.
            'no-useless-constructor': 0,
            '@typescript-eslint/no-useless-constructor': 2,

            // Reported, left to the sidecar's owners to decide (warnings do not fail check-style):
            // nested and negated conditions, arrow bodies that are conditionals, `a * 2 ** b`, a
            // side-effect `new` (prom-client registers the metric), a loop whose flag a callback sets.
            'no-nested-ternary': 1,
            'no-negated-condition': 1,
            'no-confusing-arrow': 1,
            'no-mixed-operators': [1, {allowSamePrecedence: true}],
            'no-new': 1,
            'no-unmodified-loop-condition': 1,
        },
    },
    {
        // The command line and configuration: where output, the environment and exit codes belong.
        files: ['sidecar/src/cli.ts', 'sidecar/src/main.ts', 'sidecar/src/admin/**', 'sidecar/src/config/**'],
        rules: {
            'no-console': 0,
            'no-process-env': 0,
            'no-process-exit': 0,
        },
    },
    {
        files: ['sidecar/test/**'],
        rules: {
            ...relaxedForTests,

            // Fakes and checks written for brevity: `(c) => (body += c)`, nested ternaries over wire
            // values, snake_case names that mirror the servers' JSON.
            'no-return-assign': 0,
            'no-mixed-operators': 0,
            'no-nested-ternary': 0,
            'no-negated-condition': 0,
            'no-loop-func': 0,
            'no-unneeded-ternary': 0,
            'consistent-return': 0,
            '@typescript-eslint/naming-convention': 0,
        },
    },
    {
        // The fake servers are written compactly: two-space indent, spaced braces, one-line ifs.
        files: ['sidecar/test/fakes/**', 'sidecar/test/fakes.test.ts', 'sidecar/test/fake-mattermost.test.ts'],
        rules: {
            '@typescript-eslint/indent': 0,
            'object-curly-spacing': 0,
            curly: 0,
            'brace-style': 0,
            'max-statements-per-line': 0,
            'no-return-assign': 0,
            'no-unused-expressions': 0,
            'no-implicit-coercion': 0,

            // HTTP header names and version keys are written as the servers spell them; a JSON
            // grammar's regex names the control characters it refuses.
            'dot-notation': 0,
            'quote-props': 0,
            'no-control-regex': 0,
            'consistent-this': 0,
            '@typescript-eslint/no-unused-vars': [2, {vars: 'all', args: 'after-used', ignoreRestSiblings: true}],
        },
    },
];
