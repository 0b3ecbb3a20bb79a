import type pg from 'pg';
import type { Config } from './config.js';
import type { Db } from './db/pool.js';
import type { Clock } from './lib/clock.js';
import type { FieldCipher } from './lib/crypto.js';
import type { IdentityDeps } from './modules/identity/index.js';

/** What the app is built from; passed to every module's routes. */
export interface AppDeps {
  config: Config;
  db: Db;
  pool: pg.Pool;
  clock: Clock;
  cipher: FieldCipher;
  identity: IdentityDeps;
  startedAt: Date;
}
