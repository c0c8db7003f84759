// @kinerja/org-projection: the organisation as identity's events describe it, kept by each service that needs
// it (ARCHITECTURE.md "Services never call each other"): tables, the event applier and the questions on a date.
export { applyIdentityEvent, decodeIdentityEvent, IDENTITY_EVENT_TYPES, SINCE_EVER } from './applier.js';
export type { ApplyOutcome, IdentityMessage } from './applier.js';
export { startOrgProjection, type OrgProjectionOptions } from './consumer.js';
export { OrgDirectory, UNNAMED_REGIONAL_HEAD } from './directory.js';
export type { EmployeeRecord, Placement, Subordinate, TenantProfile, UnitHead, UnitRecord } from './directory.js';
export { knownTenants } from './registry.js';
export { orgProjectionSql } from './schema.js';
export { ratedBySql, type RatedByParams } from './rated-by.js';
export { raterContextSql, resolveFromContext, type RaterContext, type RaterContextParams } from './rater-context.js';
