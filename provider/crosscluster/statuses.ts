/**
 * The one state machine both APIs share (DESIGN §4): outbound VALIDATING → PENDING_ACCEPTANCE | VALIDATION_FAILED;
 * accept → APPROVED → PROVISIONING → ACTIVE; reject → REJECTING → REJECTED; delete → DELETING → DELETED (stays visible).
 */
export const ACCEPTED_ON_THE_WAY = ["APPROVED", "PROVISIONING"] as const;
export const VALIDATED = ["PENDING_ACCEPTANCE", ...ACCEPTED_ON_THE_WAY, "ACTIVE"] as const;
/** Terraform's aws_opensearch_outbound_connection counts these as a successful create; they are failures. */
export const OUTBOUND_FAILED = ["VALIDATION_FAILED", "REJECTING", "REJECTED", "DELETING", "DELETED"] as const;
