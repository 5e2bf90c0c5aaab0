/** The log files of an instance's n8n processes, in `pgai-logs/` of its user folder. */
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The log folder of a user folder, created if missing. */
export function logsDir(userFolder: string): string {
	const dir = join(userFolder, 'pgai-logs');
	mkdirSync(dir, { recursive: true });
	return dir;
}

export function logFiles(userFolder: string): string[] {
	const dir = join(userFolder, 'pgai-logs');
	return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
}

/** The last lines of a file ('' if it cannot be read). */
export function tailOf(path: string, lines = 30): string {
	try {
		return readFileSync(path, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}
