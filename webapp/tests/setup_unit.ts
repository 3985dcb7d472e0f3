import '@testing-library/jest-dom';

// React and react-intl report problems (act warnings, bad props, broken messages) through
// console.error; a component test that triggers one should fail, not scroll by.
beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        throw new Error(`console.error during a test: ${args.map(String).join(' ')}`);
    });
});

afterEach(() => {
    jest.restoreAllMocks();
});
