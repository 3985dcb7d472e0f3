// A request's URL as the log may show it. A calendar link's path and query are its credential
// (the schedule id and the signature, routes/calendar.ts): the log keeps only that it was one.
export function loggedUrl(url: string): string {
    return url.startsWith('/calendar/') ? '/calendar/…' : url;
}
