import type { DxConnectionState, DxTransitionTimings } from "../../types";
import type { ConnectionRecord, DxRegionState } from "./model";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Realistic defaults. On AWS a new dedicated connection stays `requested` until AWS issues the LOA-CFA (typically
 * within 72 hours), then `pending` until the cross-connect at the location is done (days to weeks). Tests that need
 * a connection to become available compress time (time scale, `advance`) or shorten these through the control API.
 */
export const DEFAULT_DX_TRANSITIONS: Readonly<DxTransitionTimings> = Object.freeze({
  requestedToPending: DAY,
  pendingToAvailable: 3 * DAY,
  deletingToDeleted: 2_000,
  deletedRetention: DAY,
});

/** The names `checkTimings` accepts, in a stable order. */
export const TRANSITION_NAMES: readonly (keyof DxTransitionTimings)[] = ["requestedToPending", "pendingToAvailable", "deletingToDeleted", "deletedRetention"];

/** The automatic transitions; other states (available, down, deleted, rejected) only change by request or control. */
const NEXT: Partial<Record<DxConnectionState, { to: DxConnectionState; after: keyof DxTransitionTimings }>> = {
  requested: { to: "pending", after: "requestedToPending" },
  pending: { to: "available", after: "pendingToAvailable" },
  deleting: { to: "deleted", after: "deletingToDeleted" },
};

/**
 * Brings a connection's state up to emulated time `now`. Run lazily before every read or write, so no timers exist
 * and a state jump of the clock (advance) is observed on the next request. Each transition happens at the exact
 * emulated instant it was due, so a chain (requested → pending → available) ages correctly across one big advance.
 * A `null` timing never fires.
 */
export function advanceConnection(c: ConnectionRecord, now: number, timings: DxTransitionTimings): boolean {
  let changed = false;
  for (;;) {
    const next = NEXT[c.connectionState];
    if (!next) return changed;
    const after = timings[next.after];
    if (after === null) return changed;
    const dueAt = c.stateSince + after;
    if (dueAt > now) return changed;
    c.connectionState = next.to;
    c.stateSince = dueAt;
    changed = true;
  }
}

/** Whether a deleted connection has outlived `deletedRetention` and must no longer exist at `now`. */
export function isExpired(c: ConnectionRecord, now: number, timings: DxTransitionTimings): boolean {
  return c.connectionState === "deleted" && timings.deletedRetention !== null && c.stateSince + timings.deletedRetention <= now;
}

/**
 * Ages every connection of a region to `now` and removes deleted ones past their retention, so they are gone from
 * every operation (not found by id, not listed) as on AWS some time after deletion.
 */
export function ageRegion(region: DxRegionState, now: number, timings: DxTransitionTimings): boolean {
  let changed = false;
  for (const [id, connection] of Object.entries(region.connections)) {
    if (advanceConnection(connection, now, timings)) changed = true;
    if (isExpired(connection, now, timings)) {
      delete region.connections[id];
      changed = true;
    }
  }
  return changed;
}

export function setConnectionState(c: ConnectionRecord, state: DxConnectionState, now: number): void {
  c.connectionState = state;
  c.stateSince = now;
}

/** States that no longer hold a port: they do not count against the per-location limit. */
export function isGone(state: DxConnectionState): boolean {
  return state === "deleted" || state === "rejected";
}
