// A request's URL as the log may show it. The public links' paths and queries are their
// credentials: a calendar link's schedule id and signature (routes/calendar.ts), a guest link's
// token (routes/guest.ts), a transcript link's room, artifact and signature (routes/recap.ts).
// The log keeps only which kind of link it was.
const CREDENTIAL_PATHS = ['/calendar/', '/guest/', '/recap/'];

export function loggedUrl(url: string): string {
    const path = CREDENTIAL_PATHS.find((p) => url.startsWith(p));
    return path ? `${path}…` : url;
}
