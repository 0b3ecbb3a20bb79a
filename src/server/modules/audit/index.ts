/** Audit trail (审计日志): append-only SM3 hash chain per city; browse, export and verify for the audit admin. */
export { appendAudit, recordAuditEvent, verifyChain, describeVerification, chainCities, type AuditEvent } from './service.js';
export { auditRoutes } from './routes.js';
