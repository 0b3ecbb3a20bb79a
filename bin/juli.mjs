#!/usr/bin/env node
// The `juli` command: runs the compiled CLI (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
const entry = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('Juli is not built yet: run `npm run build` first (npm start does it for you).\n');
  process.exit(1);
}
await import(entry);
