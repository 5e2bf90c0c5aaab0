/** Where the workshop, its scripts and the published package are. */
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
export const SCRIPTS_DIR = join(REPO_ROOT, 'scripts');
/** The published package: what `npm pack` packs and n8n loads. */
export const PACKAGE_DIR = join(REPO_ROOT, 'n8n-nodes-pgai');
