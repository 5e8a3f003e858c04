import type { EmulatorRuntime, OperationContext } from "../types";
import { DX_STORE_KEY, dxRegion, type DxRegionState } from "./model";
import { advanceConnection } from "./state-machine";

/**
 * The caller's Direct Connect state in the request's region, with every connection aged to the current emulated
 * time. Every handler starts here, so reads and writes always see states as of "now".
 */
export function currentRegion(ctx: OperationContext): DxRegionState {
  const state = dxRegion(ctx.runtime.store, ctx.caller.accountId, ctx.region);
  const now = ctx.runtime.clock.now();
  for (const connection of Object.values(state.connections)) {
    advanceConnection(connection, now, ctx.runtime.settings.dxTransitions);
  }
  return state;
}

/** Ages every connection of every account and region (for whole-state views such as the control snapshot). */
export function refreshAll(runtime: EmulatorRuntime): void {
  const now = runtime.clock.now();
  for (const { slice } of runtime.store.allRegional<DxRegionState>(DX_STORE_KEY)) {
    for (const connection of Object.values(slice.connections)) advanceConnection(connection, now, runtime.settings.dxTransitions);
  }
}
