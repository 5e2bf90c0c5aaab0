import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// n8n-core writes an encryption-key config into the user folder on first use; keep it out of $HOME.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'pgai-n8n-'));

// n8n's logger prints every node error a test provokes on purpose; silent unless PGAI_TEST_N8N_LOGS
// names a level (e.g. PGAI_TEST_N8N_LOGS=debug npm test), so a real failure stands out.
process.env.N8N_LOG_LEVEL = process.env.PGAI_TEST_N8N_LOGS || 'silent';
