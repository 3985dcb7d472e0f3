// Mattermost renders post-type and root components without an error boundary
// (post_message_view.tsx), so an exception in the plugin would take the post, and with it
// the post list, down. Everything the plugin registers renders inside this boundary.
import React from 'react';
import type {ReactNode} from 'react';

type Props = {
    fallback: ReactNode;

    // When it changes (say, the post was edited), rendering is tried again.
    resetKey?: unknown;
    children?: ReactNode;
};

type State = {failed: boolean; resetKey: unknown};

// Renders whenever its children do: skipping updates would freeze what it guards.
export class PluginBoundary extends React.Component<Props, State> { // eslint-disable-line react/require-optimization
    state: State = {failed: false, resetKey: this.props.resetKey};

    static getDerivedStateFromError(): Partial<State> {
        return {failed: true};
    }

    static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
        if (props.resetKey !== state.resetKey) {
            return {failed: false, resetKey: props.resetKey};
        }
        return null;
    }

    componentDidCatch(error: unknown) {
        console.warn('plugnmeet: a component failed and was replaced by its fallback', error); // eslint-disable-line no-console
    }

    render() {
        return this.state.failed ? this.props.fallback : this.props.children;
    }
}
