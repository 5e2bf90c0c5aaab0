/**
 * A text-level approximation of the GuardDog YARA "threat" rules n8n's scanner also runs on the
 * unpacked tarball (vendored in @n8n/scan-community-package; YARA itself does not run here). Only
 * the rules that apply to JavaScript and package.json and that the ESLint legs do not already
 * cover are approximated, with the same patterns in spirit; the list is not exhaustive.
 */
export const THREAT_PATTERNS: Array<{ rule: string; files: RegExp; pattern: RegExp }> = [
	{ rule: 'npm-preinstall-script', files: /(^|\/)package\.json$/, pattern: /"preinstall"\s*:\s*"[^"]+/i },
	{
		rule: 'runtime-environment-read',
		files: /\.[cm]?js$/,
		pattern: /process\.env\.[A-Z_]*(API_?KEY|SECRET|TOKEN|PASS|AUTH|CRED)|JSON\.stringify\(\s*process\.env\s*\)/i,
	},
	{
		rule: 'network-outbound-shady-links',
		files: /\.[cm]?js$/,
		pattern:
			/\b(bit\.ly|ngrok\.io|ngrok-free\.(app|dev)|trycloudflare\.com|webhook\.(site|cool)|pipedream\.net|discord\.com\/api\/webhooks|transfer\.sh|pastebin\.com|hastebin\.com|paste\.ee|api\.telegram\.org|ipinfo\.io|ipify\.org|ifconfig\.me|files\.catbox\.moe)\b/i,
	},
	{ rule: 'runtime-obfuscation-jsfuck', files: /\.[cm]?js$/, pattern: /\[\s*!\s*!\s*\[\s*\]\s*\]/ },
	{ rule: 'runtime-obfuscation-packer', files: /\.[cm]?js$/, pattern: /\beval\s*\(\s*function\s*\(\s*\w\s*,\s*\w\s*,\s*\w\s*,\s*\w/ },
	{
		rule: 'runtime-obfuscation-fromcharcode',
		files: /\.[cm]?js$/,
		pattern: /\bString\s*\.\s*fromCharCode\s*\(\s*(0x[0-9a-f]+|\d+)(\s*,\s*(0x[0-9a-f]+|\d+)){9,}/i,
	},
	{ rule: 'runtime-obfuscation-hex-string', files: /\.[cm]?js$/, pattern: /(\\x[0-9a-f]{2}){50,}/i },
	{ rule: 'runtime-obfuscation-base64-exec', files: /\.[cm]?js$/, pattern: /(eval|Function)\s*\(\s*(atob|Buffer\.from)\s*\(/ },
];

/** `file: rule` for each pattern found in the given files. */
export function threatFindings(files: Array<{ path: string; text: string }>): string[] {
	return files.flatMap(({ path, text }) =>
		THREAT_PATTERNS.filter(({ files: applies, pattern }) => applies.test(path) && pattern.test(text)).map(({ rule }) => `${path}: ${rule}`),
	);
}
