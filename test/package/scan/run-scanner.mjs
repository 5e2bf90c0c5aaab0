/**
 * Runs one leg of n8n's scanner (@n8n/scan-community-package, scanner.mjs) the way its
 * `analyzePackageByName` does, and prints `{ root?, passed, message?, details? }` as JSON.
 *
 *   node run-scanner.mjs source <checkout> <package-name>
 *     findPackageRoot(checkout, name), then analyzePackage(root, SOURCE_FILE_PATTERNS)
 *   node run-scanner.mjs tarball <unpacked-tarball>
 *     analyzePackage(dir, ['**\/*.js', 'package.json'])
 *
 * A separate process because the scanner is an ES module jest's CommonJS runtime cannot load.
 */
import { resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { analyzePackage, findPackageRoot, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

// Inline in analyzePackageByName, not exported.
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

const outcome = ({ passed, message, details }) => ({
	passed,
	message,
	// Colours, if the environment forces them, would break parsing the report.
	details: details && stripVTControlCharacters(details),
});

const [leg, folder, packageName] = process.argv.slice(2);
// ESLint insists on an absolute cwd.
const dir = folder && resolve(folder);
let report;
if (leg === 'source' && dir && packageName) {
	const root = findPackageRoot(dir, packageName);
	report = root
		? { root, ...outcome(await analyzePackage(root, SOURCE_FILE_PATTERNS)) }
		: { root, passed: false, message: `No package.json named ${packageName} under ${dir}` };
} else if (leg === 'tarball' && dir) {
	report = outcome(await analyzePackage(dir, TARBALL_FILE_PATTERNS));
} else {
	process.stderr.write('usage: node run-scanner.mjs source <checkout> <package-name> | tarball <folder>\n');
	process.exit(2);
}
process.stdout.write(JSON.stringify(report));
