// Reads a small external store from a component. useState + a subscription, not
// useSyncExternalStore, which React 17 (Mattermost 9.11-10.x) does not have.
import {useEffect, useState} from 'react';

export function useExternalStore<T>(subscribe: (listener: () => void) => () => void, getSnapshot: () => T): T {
    const [value, setValue] = useState(getSnapshot);
    useEffect(() => {
        // It may have changed between the render and the subscription.
        setValue(() => getSnapshot());
        return subscribe(() => setValue(() => getSnapshot()));
    }, [subscribe, getSnapshot]);
    return value;
}
