/** Ports on 127.0.0.1: a free one for n8n's task broker and test servers, and whether one is taken. */
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
	return new Promise((resolvePromise, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => resolvePromise(port));
		});
	});
}

export function isPortFree(port: number): Promise<boolean> {
	return new Promise((resolvePromise) => {
		const srv = createServer();
		srv.once('error', () => resolvePromise(false));
		srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePromise(true)));
	});
}
