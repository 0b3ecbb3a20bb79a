/** Audit trail (审计日志): records written with each business change, sealed into an SM3 hash chain per city after commit; browse, export and verify for the audit admin. */
export { appendAudit, auditInsert, recordAuditEvent, verifyChain, describeVerification, chainCities, type AuditEvent } from './service.js';
export { AuditSealer, sealAll } from './sealer.js';
export { auditRoutes } from './routes.js';
