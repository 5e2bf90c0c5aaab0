/**
 * What the parts of an instance need of it: its CLI calls (cli.ts, execute.ts), its `n8n start`
 * (server.ts), its REST API (rest.ts) and a queue worker (worker.ts). They take this rather than the
 * N8n class (instance.ts), which is built from them.
 */
import type { N8nLine } from './install';

export interface N8nContext {
	readonly line: N8nLine;
	readonly userFolder: string;
	/** port of `n8n start` */
	readonly port: number;
	/** environment of every n8n process of the instance, `extra` on top */
	env(extra?: Record<string, string>): NodeJS.ProcessEnv;
	/** numbers the files of the instance's CLI calls in the order of the calls */
	nextCallNumber(): number;
}
