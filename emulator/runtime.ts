import { Clock } from "./clock";
import { FaultTable } from "./faults";
import { RequestLog } from "./request-log";
import { checkTimings } from "./services/directconnect/control";
import { DEFAULT_DX_TRANSITIONS } from "./services/directconnect/state-machine";
import type { EmulatorRuntime, RuntimeSettings } from "./services/types";
import { Store, type StoreData } from "./store";
import type { DxTransitionTimings, EmulatorOptions, ResetOptions } from "./types";

/** Everything one running emulator holds: what services see plus the test-control machinery. */
export interface ServerRuntime extends EmulatorRuntime {
  readonly faults: FaultTable;
  readonly log: RequestLog;
  /** Clears state, log and faults; timings go back to the start values unless `keepTimings`. */
  reset(options?: ResetOptions): void;
}

export function createRuntime(options: EmulatorOptions, initialData: StoreData | undefined): ServerRuntime {
  const startTimings: DxTransitionTimings = { ...DEFAULT_DX_TRANSITIONS, ...checkTimings(options.transitions ?? {}) };
  const clock = new Clock({ timeScale: options.timeScale ?? 1, manual: options.manualClock ?? false });
  // Saved ages must not become negative after a restart with a slower clock.
  if (initialData?.clockAt !== undefined) clock.catchUpTo(initialData.clockAt);
  const store = new Store(initialData);
  const settings: RuntimeSettings = { dxTransitions: { ...startTimings } };
  const faults = new FaultTable();
  const log = new RequestLog();
  return {
    clock,
    store,
    settings,
    faults,
    log,
    reset(resetOptions: ResetOptions = {}) {
      store.reset();
      log.clear();
      faults.clear();
      if (!resetOptions.keepTimings) settings.dxTransitions = { ...startTimings };
    },
  };
}
