// Slow-loris on the body: Node's requestTimeout cuts a request whose headers dawdle, but not one
// whose body trickles in after complete headers (Node 20). Give the body the same deadline, then
// answer 408 and close the connection, as Node does for headers.
import type {FastifyInstance} from 'fastify';

export function dropSlowBodies(app: FastifyInstance, ms: number): void {
    if (ms <= 0) {
        return;
    }
    app.addHook('onRequest', (req, reply, done) => {
        const raw = req.raw;
        if (!raw.complete) {
            const timer = setTimeout(() => {
                const socket = raw.socket;
                if (raw.complete || socket.destroyed) {
                    return;
                }
                // An early answer (413) may be out already: then only close.
                if (!reply.raw.headersSent) {
                    socket.write('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
                }
                socket.destroy();
            }, ms);
            timer.unref();
            raw.once('close', () => clearTimeout(timer));
        }
        done();
    });
}
