/** The environment of every n8n process of an instance: isolated, quiet, offline, logs as JSON. */
import { join } from 'node:path';
import { n8nMajor, type N8nLine } from './install';

export const ENCRYPTION_KEY = 'pgai-e2e-fixed-encryption-key-do-not-use-in-production';

export interface EnvOptions {
	line: N8nLine;
	userFolder: string;
	/** N8N_CUSTOM_EXTENSIONS; '' without it */
	extensionsDir?: string;
	port: number;
	/** extra environment of every process of the instance */
	env?: Record<string, string>;
}

export function n8nEnv(opts: EnvOptions, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const { line, userFolder } = opts;
	const env: NodeJS.ProcessEnv = {};
	// keep the machine's basics; drop what the caller's n8n settings, Node loaders or test runner set
	// (under jest NODE_ENV=test, and n8n then logs nothing: `execute` prints no run)
	for (const [k, v] of Object.entries(process.env)) {
		if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|GENERIC_|WEBHOOK_URL$|NODE_ENV$|NODE_OPTIONS$|NODE_PATH$|JEST_|npm_)/.test(k)) continue;
		env[k] = v;
	}
	Object.assign(env, {
		HOME: process.env.HOME ?? userFolder,
		N8N_USER_FOLDER: userFolder,
		N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
		N8N_CUSTOM_EXTENSIONS: opts.extensionsDir ?? '',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_FORMAT: 'json',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		// quiet and offline: no telemetry, no update checks, no templates or community-node registry lookups
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
		N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_UNVERIFIED_PACKAGES_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		EXTERNAL_FRONTEND_HOOKS_URLS: '',
		N8N_AI_ENABLED: 'false',
		// Code node in JavaScript only (Python needs a task-runner virtualenv this install lacks)
		N8N_PYTHON_ENABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// local http editor: session cookie without the Secure flag
		N8N_SECURE_COOKIE: 'false',
		N8N_HOST: 'localhost',
		N8N_PORT: String(opts.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
		...(line.expressionEngine ? { N8N_EXPRESSION_ENGINE: line.expressionEngine } : {}),
		// SQLite with a read pool (2.x's default; 1.123 warns without it)
		DB_SQLITE_POOL_SIZE: '2',
		// 2.x refreshes an MCP server registry from n8n's servers on start (names unknown to 1.x are an error)
		...(n8nMajor(line) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		// the Node 24 of line 2 first on PATH for anything n8n spawns (task runners)
		PATH: `${join(line.nodeBin, '..')}:${process.env.PATH ?? ''}`,
	});
	Object.assign(env, opts.env, extra);
	return env;
}
