import type { DxConnectionState, DxTransitionTimings } from "../../types";
import type { ConnectionRecord } from "./model";

export const DEFAULT_DX_TRANSITIONS: Readonly<DxTransitionTimings> = Object.freeze({
  requestedToPending: 2_000,
  pendingToAvailable: 5_000,
  deletingToDeleted: 2_000,
});

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
 */
export function advanceConnection(c: ConnectionRecord, now: number, timings: DxTransitionTimings): boolean {
  let changed = false;
  for (;;) {
    const next = NEXT[c.connectionState];
    if (!next) return changed;
    const dueAt = c.stateSince + timings[next.after];
    if (dueAt > now) return changed;
    c.connectionState = next.to;
    c.stateSince = dueAt;
    changed = true;
  }
}

export function setConnectionState(c: ConnectionRecord, state: DxConnectionState, now: number): void {
  c.connectionState = state;
  c.stateSince = now;
}

/** States that no longer hold a port: they do not count against the per-location limit. */
export function isGone(state: DxConnectionState): boolean {
  return state === "deleted" || state === "rejected";
}
