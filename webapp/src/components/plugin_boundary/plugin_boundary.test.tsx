import {render, screen} from '@testing-library/react';
import React from 'react';

import {PluginBoundary} from './plugin_boundary';

function Thrower({fail}: {fail: boolean}) {
    if (fail) {
        throw new Error('render failed');
    }
    return <p>{'fine'}</p>;
}

describe('PluginBoundary', () => {
    it('shows the fallback instead of letting a render error climb into Mattermost, and retries on a new key', () => {
        // React reports the caught error through console.error; that is expected here.
        jest.spyOn(console, 'error').mockImplementation(() => undefined);
        jest.spyOn(console, 'warn').mockImplementation(() => undefined);
        const tree = (resetKey: number, fail: boolean) => (
            <div>
                <span>{'sibling'}</span>
                <PluginBoundary
                    resetKey={resetKey}
                    fallback={<p>{'plain'}</p>}
                >
                    <Thrower fail={fail}/>
                </PluginBoundary>
            </div>
        );
        const view = render(tree(1, true));
        expect(screen.getByText('plain')).toBeInTheDocument();
        expect(screen.getByText('sibling')).toBeInTheDocument();
        view.rerender(tree(2, false));
        expect(screen.getByText('fine')).toBeInTheDocument();
    });
});
