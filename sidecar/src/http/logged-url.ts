// A request's URL as the log may show it. A calendar link's path and query are its credential
// (the schedule id and the signature, routes/calendar.ts): the log keeps only that it was one. So
// is a guest link's (routes/guest.ts).
export function loggedUrl(url: string): string {
    if (url.startsWith('/guest/')) {
        return '/guest/…';
    }
    return url.startsWith('/calendar/') ? '/calendar/…' : url;
}
