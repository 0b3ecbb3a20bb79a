/** Demo (演示): the deterministic Hengyang demo, loaded only on the embedded database in demo mode. */
export {
  DEMO_ACCOUNTS,
  DEMO_CITY,
  DEMO_PASSWORD,
  demoUscc,
  seedDemo,
  seedDemoIfEmpty,
  isDemoIncomplete,
  type DemoSeedResult,
} from './seed.js';
