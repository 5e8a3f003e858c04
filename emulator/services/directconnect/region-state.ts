import type { EmulatorRuntime, OperationContext } from "../types";
import { DX_STORE_KEY, dxRegion, type DxRegionState } from "./model";
import { ageRegion } from "./state-machine";

/**
 * The caller's Direct Connect state in the request's region, with every connection aged to the current emulated
 * time (and deleted connections past their retention removed). Every handler starts here, so reads and writes always
 * see states as of "now".
 */
export function currentRegion(ctx: OperationContext): DxRegionState {
  return agedRegion(ctx.runtime, ctx.caller.accountId, ctx.region);
}

/** One account's region aged to now; for control routes, which address a region explicitly. */
export function agedRegion(runtime: EmulatorRuntime, accountId: string, region: string): DxRegionState {
  const state = dxRegion(runtime.store, accountId, region);
  ageRegion(state, runtime.clock.now(), runtime.settings.dxTransitions);
  return state;
}

/** Ages every connection of every account and region (for whole-state views such as the control snapshot). */
export function refreshAll(runtime: EmulatorRuntime): void {
  const now = runtime.clock.now();
  for (const { accountId, region } of runtime.store.allRegional<DxRegionState>(DX_STORE_KEY)) {
    // Through dxRegion so that slices loaded from an older state file are brought to the current shape too.
    ageRegion(dxRegion(runtime.store, accountId, region), now, runtime.settings.dxTransitions);
  }
}
