import { z } from 'zod';

export const SystemInfoSchema = z.object({
  version: z.string(),
  nodeVersion: z.string(),
  database: z.object({
    mode: z.enum(['embedded', 'external']),
    serverVersion: z.string(),
    migrations: z.array(z.object({ name: z.string(), appliedAt: z.string() })),
  }),
  isDemo: z.boolean(),
  uptimeSeconds: z.number(),
  sessionPolicy: z.object({ idleMinutes: z.number(), absoluteHours: z.number() }),
  passwordPolicy: z.object({ minLength: z.number(), minClasses: z.number(), maxAgeDays: z.number() }),
  lockout: z.object({ threshold: z.number(), minutes: z.number() }),
  totpRequiredForAll: z.boolean(),
});
export type SystemInfo = z.infer<typeof SystemInfoSchema>;
