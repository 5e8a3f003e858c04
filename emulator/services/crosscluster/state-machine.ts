import type { CrossClusterStatus, CrossClusterTransitionTimings } from "../../types";
import type { CcConnectionRecord, CcState } from "./model";

const SECOND = 1000;

/**
 * Defaults in the range AWS shows: validation takes seconds, provisioning after acceptance about a minute, rejection
 * and deletion tens of seconds. DELETED connections stay listed (deletedRetention null). Tests on a manual clock step
 * over these with `advance`, or change them through the control API.
 */
export const DEFAULT_CROSS_CLUSTER_TRANSITIONS: Readonly<CrossClusterTransitionTimings> = Object.freeze({
  validation: 5 * SECOND,
  approvedToProvisioning: 5 * SECOND,
  provisioningToActive: 60 * SECOND,
  rejectingToRejected: 5 * SECOND,
  deletingToDeleted: 30 * SECOND,
  deletedRetention: null,
});

export const CC_TRANSITION_NAMES: readonly (keyof CrossClusterTransitionTimings)[] = [
  "validation",
  "approvedToProvisioning",
  "provisioningToActive",
  "rejectingToRejected",
  "deletingToDeleted",
  "deletedRetention",
];

export const CC_STATUSES: readonly CrossClusterStatus[] = [
  "VALIDATING",
  "VALIDATION_FAILED",
  "PENDING_ACCEPTANCE",
  "APPROVED",
  "PROVISIONING",
  "ACTIVE",
  "REJECTING",
  "REJECTED",
  "DELETING",
  "DELETED",
];

/** The automatic transitions; everything else changes only by request (accept, reject, delete) or control. */
const NEXT: Partial<Record<CrossClusterStatus, { after: keyof CrossClusterTransitionTimings; to: (c: CcConnectionRecord) => CrossClusterStatus }>> = {
  VALIDATING: { after: "validation", to: (c) => (c.validationFailure !== undefined ? "VALIDATION_FAILED" : "PENDING_ACCEPTANCE") },
  APPROVED: { after: "approvedToProvisioning", to: () => "PROVISIONING" },
  PROVISIONING: { after: "provisioningToActive", to: () => "ACTIVE" },
  REJECTING: { after: "rejectingToRejected", to: () => "REJECTED" },
  DELETING: { after: "deletingToDeleted", to: () => "DELETED" },
};

/**
 * Brings one connection up to emulated time `now`, each step at the exact instant it was due, so a chain
 * (APPROVED → PROVISIONING → ACTIVE) ages correctly across one big advance. Lazy: no timers exist.
 */
export function advanceConnection(c: CcConnectionRecord, now: number, timings: CrossClusterTransitionTimings): boolean {
  let changed = false;
  for (;;) {
    const next = NEXT[c.status];
    if (!next) return changed;
    const after = timings[next.after];
    if (after === null) return changed;
    const dueAt = c.statusSince + after;
    if (dueAt > now) return changed;
    setStatus(c, next.to(c), dueAt);
    if (c.status === "VALIDATION_FAILED") c.message = c.validationFailure;
    changed = true;
  }
}

/** Ages every connection and drops DELETED ones past their retention. */
export function ageAll(state: CcState, now: number, timings: CrossClusterTransitionTimings): boolean {
  let changed = false;
  for (const [id, connection] of Object.entries(state.connections)) {
    if (advanceConnection(connection, now, timings)) changed = true;
    if (connection.status === "DELETED" && timings.deletedRetention !== null && connection.statusSince + timings.deletedRetention <= now) {
      delete state.connections[id];
      changed = true;
    }
  }
  return changed;
}

export function setStatus(c: CcConnectionRecord, status: CrossClusterStatus, now: number): void {
  c.status = status;
  c.statusSince = now;
  if (status !== "VALIDATION_FAILED") delete c.message;
  // Every status past validation, except deletion (which can also end a connection still validating), means the
  // remote owner has been told.
  if (!["VALIDATING", "VALIDATION_FAILED", "DELETING", "DELETED"].includes(status)) c.reachedRemote = true;
}

/**
 * Validates a partial set of timings from JSON or options: non-negative emulated ms, or null for never. Unknown names
 * are an error; an undefined value (options objects) is skipped.
 */
export function checkCrossClusterTimings(value: unknown): Partial<CrossClusterTransitionTimings> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("transitions must be an object");
  const out: Partial<CrossClusterTransitionTimings> = {};
  for (const [key, ms] of Object.entries(value)) {
    const name = CC_TRANSITION_NAMES.find((n) => n === key);
    if (name === undefined) throw new TypeError(`unknown transition ${key}; known: ${CC_TRANSITION_NAMES.join(", ")}`);
    if (ms === undefined) continue;
    if (ms !== null && (typeof ms !== "number" || !Number.isFinite(ms) || ms < 0)) {
      throw new TypeError(`${key} must be a non-negative number of ms, or null for never`);
    }
    out[name] = ms;
  }
  return out;
}
