declare module '*.svg' {

    // webpack inlines SVG assets as data: URLs (asset/inline).
    const dataUrl: string;
    export default dataUrl;
}

declare module '*.wav' {

    // webpack inlines the ring tone as a data: URL (asset/inline).
    const dataUrl: string;
    export default dataUrl;
}

interface Window {
    registerPlugin(id: string, plugin: unknown): void;

    // Set by the Mattermost webapp when it is served under a sub-path.
    basename?: string;
}
