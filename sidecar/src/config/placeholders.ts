// .env.example's URLs are on example.com, which is reserved for examples (RFC 2606): a setting
// still holding one was never filled in. setup, doctor and the sidecar refuse it and say which.
const WHAT: Record<string, string> = {
    MATTERMOST_URL: 'your Mattermost\'s address',
    PLUGNMEET_URL: 'your plugNmeet server\'s address',
    SIDECAR_PUBLIC_URL: 'the address at which Mattermost and plugNmeet reach this sidecar',
};

const RESERVED = /(^|\.)example\.(com|net|org)\.?$/i;

/** One line per URL setting that is still a placeholder; empty when none is. */
export function placeholderUrls(env: Record<string, string | undefined>): string[] {
    return Object.keys(WHAT).flatMap((name) => {
        const value = (env[name] ?? '').trim();
        let host = '';
        try {
            host = new URL(value).hostname;
        } catch {
            return []; // missing or not a URL: the configuration check says so
        }
        return RESERVED.test(host) ? [`${name} is ${value}, a placeholder (${host} is reserved for examples): set it to ${WHAT[name]}.`] : [];
    });
}
