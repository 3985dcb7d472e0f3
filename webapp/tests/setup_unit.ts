import '@testing-library/jest-dom';

// React and react-intl report problems (act warnings, bad props, broken messages) through
// console.error; a component test that triggers one should fail, not scroll by.
beforeEach(() => {
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
        throw new Error(`console.error during a test: ${args.map(String).join(' ')}`);
    });

    // jsdom has audio elements but plays nothing: its play, pause and load only report "Not
    // implemented" through console.error, so a test that rings (calling.test.tsx) failed inside the
    // ring's cleanup, and the lifecycle printed that as a 40-line warning. Here they do what a
    // browser does with no sound to play; ringer.test.ts replaces them with ones that fire events.
    jest.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
    jest.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    jest.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => undefined);
});

afterEach(() => {
    jest.restoreAllMocks();
});
