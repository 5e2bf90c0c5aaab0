#!/usr/bin/env node
// `npx pgai-sandbox [options]`: the sandbox is TypeScript, run through tsx's CommonJS loader.
require('tsx/cjs');
require('../cli.ts');
