/** The demo's command line: its flags, their defaults, --help and the errors it refuses with. */
import { join, resolve } from 'node:path';
import { demoOptions, demoUsage } from '../../scripts/demo';

describe('npm run demo -- <flags>', () => {
	it('defaults to the line 2 editor on port 5678, the sandbox on 4010, examples/ and a fresh build', () => {
		expect(demoOptions([])).toEqual({
			line: 2,
			headless: false,
			port: 5678,
			sandboxPort: 4010,
			examples: join(__dirname, '../../examples'),
			build: true,
			help: false,
		});
	});

	it('reads every flag, as `--flag value` or `--flag=value`', () => {
		expect(demoOptions(['--line', '1', '--headless', '--port=5679', '--sandbox-port', '4011', '--examples', 'some/folder', '--no-build'])).toEqual({
			line: 1,
			headless: true,
			port: 5679,
			sandboxPort: 4011,
			examples: resolve('some/folder'),
			build: false,
			help: false,
		});
		expect(demoOptions(['--line=1']).line).toBe(1);
	});

	it('--help and -h ask for the usage, which names every flag', () => {
		expect(demoOptions(['--help']).help).toBe(true);
		expect(demoOptions(['-h']).help).toBe(true);
		for (const flag of ['--line 1|2', '--headless', '--port', '--sandbox-port', '--examples', '--no-build']) expect(demoUsage()).toContain(flag);
	});

	it('refuses what it does not know, pointing to --help', () => {
		expect(() => demoOptions(['--lines', '1'])).toThrow("Unknown option '--lines' (try --help)");
		expect(() => demoOptions(['1'])).toThrow("Unexpected argument '1'");
		expect(() => demoOptions(['--line'])).toThrow("Option '--line <value>' argument missing (try --help)");
		expect(() => demoOptions(['--line', '3'])).toThrow('n8n line must be 1 (n8n 1.x) or 2 (n8n 2.x), got "3"');
		expect(() => demoOptions(['--port', 'x'])).toThrow('ports must be numbers');
		expect(() => demoOptions(['--sandbox-port', '40.5'])).toThrow('ports must be numbers');
	});
});
