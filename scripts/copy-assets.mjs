// Copies what the compiled server reads at run time next to it (SQL migrations).
import { cpSync } from 'node:fs';
cpSync('src/server/db/migrations', 'dist/server/db/migrations', { recursive: true });
