// Two projects: component and unit tests in jsdom, and the end-to-end tests (a real
// Chromium against the built bundle, and the plugin tarball) in Node.
const path = require('path');

// ts-jest runs CommonJS; everything else comes from tsconfig.json.
const tsJest = ['ts-jest', {
    tsconfig: {
        ...require('./tsconfig.json').compilerOptions,
        module: 'commonjs',
        moduleResolution: 'node10',
        isolatedModules: false,
    },
}];

module.exports = {
    projects: [
        {
            displayName: 'unit',
            rootDir: __dirname,
            testEnvironment: 'jsdom',
            roots: ['<rootDir>/src'],
            transform: {'^.+\\.tsx?$': tsJest},
            moduleNameMapper: {'\\.svg$': path.join(__dirname, 'tests', 'svg_stub.js'), '\\.wav$': path.join(__dirname, 'tests', 'wav_stub.js')},
            setupFilesAfterEnv: ['<rootDir>/tests/setup_unit.ts'],
        },
        {
            displayName: 'e2e',
            rootDir: __dirname,
            testEnvironment: 'node',
            roots: ['<rootDir>/tests'],
            testMatch: ['**/*.test.ts'],
            transform: {'^.+\\.tsx?$': tsJest},
        },
    ],
};
