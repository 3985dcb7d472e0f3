// Slow-loris on the body: Node's requestTimeout cuts a request whose headers dawdle, but not one
// whose body trickles in after complete headers (Node 20). Give the body the same deadline, then
// answer 408 and close the connection, as Node does for headers. One sweep a second over the
// requests still reading their body, not a timer each: a timer per request was measurable on the
// join path (issue 22); a deadline is then kept within a second.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {FastifyInstance} from 'fastify';

const SWEEP_MS = 1000;

export function dropSlowBodies(app: FastifyInstance, ms: number): void {
    if (ms <= 0) {
        return;
    }
    /** Requests whose body is still arriving, in arrival order, with their deadline. */
    const reading = new Map<IncomingMessage, {res: ServerResponse; until: number}>();
    let sweeper: NodeJS.Timeout | undefined;

    function sweep(): void {
        const now = Date.now();
        for (const [raw, {res, until}] of reading) {
            if (raw.complete || raw.socket.destroyed) {
                reading.delete(raw);
                continue;
            }
            if (until > now) {
                break; // in arrival order: the rest are younger
            }
            reading.delete(raw);
            // An early answer (413) may be out already: then only close.
            if (!res.headersSent) {
                raw.socket.write('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
            }
            raw.socket.destroy();
        }
        if (reading.size === 0) {
            clearInterval(sweeper);
            sweeper = undefined;
        }
    }

    app.addHook('onRequest', (req, reply, done) => {
        const raw = req.raw;
        if (!raw.complete) {
            reading.set(raw, {res: reply.raw, until: Date.now() + ms});
            raw.once('close', () => reading.delete(raw));
            if (!sweeper) {
                sweeper = setInterval(sweep, SWEEP_MS);
                sweeper.unref();
            }
        }
        done();
    });
    app.addHook('onClose', (_app, done) => {
        clearInterval(sweeper);
        reading.clear();
        done();
    });
}
