/*
 * OpenSearch applications (OpenSearch UI): data-source attachments and GetApplication, on the OpenSearch 2021-01-01
 * API. Files: model.ts (state), seed.ts + seed-applications.json (fixture and control/option inputs), validation.ts
 * (wire rules), state-machine.ts (lazy ageing: PENDING → ATTACHED | FAILED), operations.ts (the operations),
 * rest-api.ts (routes and wire shapes), control.ts (control routes), ids.ts.
 */
export { openSearchApplications } from "./rest-api";
