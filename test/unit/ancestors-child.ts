/**
 * Child process of ancestors.test.ts: writes "ready" with its ancestors, then, when one of them
 * exits, the pid of that one, and exits.
 */
import { writeFileSync } from 'node:fs';
import { ancestors, watchAncestors } from '../../scripts/lib/ancestors';

const [out] = process.argv.slice(2);
const keepAlive = setInterval(() => undefined, 1000);
watchAncestors((pid) => {
	writeFileSync(out, `gone ${pid}`);
	clearInterval(keepAlive);
}, 50);
writeFileSync(out, `ready ${ancestors().join(' ')}`);
