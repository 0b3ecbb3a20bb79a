/** Identity (身份): users, roles and jurisdiction, password and TOTP sign-in, server-side sessions. */
export {
  type IdentityDeps,
  type ResolvedSession,
  resolveSession,
  isCsrfTokenValid,
  createUserInCity,
  consoleResetPassword,
  consoleUnlock,
  findUserIdByUsername,
  hashPassword,
  matchTotp,
  purgeDeadSessions,
  requiresTotp,
  findActiveUsersByRole,
  getUserBrief,
} from './service.js';
export { identityRoutes } from './routes.js';
