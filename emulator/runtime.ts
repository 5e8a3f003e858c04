import { Clock } from "./clock";
import { ConsistencyWindow } from "./consistency";
import { FaultTable } from "./faults";
import { RequestLog } from "./request-log";
import { APPS_STORE_KEY, appsState, type AppsState } from "./services/applications/model";
import { initialState, replaceApplications, replaceDataSources, seedFromOptions } from "./services/applications/seed";
import { CC_STORE_KEY, type CcState } from "./services/crosscluster/model";
import { SEEDED_DOMAINS, loadDomainsFile, toDomainList } from "./services/crosscluster/domains";
import { DEFAULT_CROSS_CLUSTER_TRANSITIONS, checkCrossClusterTimings } from "./services/crosscluster/state-machine";
import { checkTimings } from "./services/directconnect/control";
import { DEFAULT_DX_TRANSITIONS } from "./services/directconnect/state-machine";
import type { EmulatorRuntime, RuntimeSettings } from "./services/types";
import { Store, type StoreData } from "./store";
import type { CrossClusterTransitionTimings, DomainInfo, DxTransitionTimings, EmulatorOptions, ResetOptions } from "./types";

/** Everything one running emulator holds: what services see plus the test-control machinery. */
export interface ServerRuntime extends EmulatorRuntime {
  readonly faults: FaultTable;
  readonly log: RequestLog;
  /** Eventual consistency of reads: delays, and the versions delayed reads see. */
  readonly consistency: ConsistencyWindow;
  /** Clears state, log and faults; timings and consistency delays go back to the start values unless `keepTimings`. */
  reset(options?: ResetOptions): void;
}

export function createRuntime(options: EmulatorOptions, initialData: StoreData | undefined): ServerRuntime {
  const startTimings: DxTransitionTimings = { ...DEFAULT_DX_TRANSITIONS, ...checkTimings(options.transitions ?? {}) };
  const startCcTimings: CrossClusterTransitionTimings = {
    ...DEFAULT_CROSS_CLUSTER_TRANSITIONS,
    ...checkCrossClusterTimings(options.crossClusterTransitions ?? {}),
  };
  const explicitDomains = domainsFromOptions(options);
  const domainSeed = explicitDomains ?? toDomainList(SEEDED_DOMAINS);
  const clock = new Clock({ timeScale: options.timeScale ?? 1, manual: options.manualClock ?? false });
  // Saved ages must not become negative after a restart with a slower clock.
  if (initialData?.clockAt !== undefined) clock.catchUpTo(initialData.clockAt);
  const store = new Store(initialData);
  // Domains given explicitly replace those of a loaded state file; otherwise a state file keeps its own.
  const saved = initialData?.global[CC_STORE_KEY] as CcState | undefined;
  if (explicitDomains && saved) saved.domains = explicitDomains.map((d) => ({ ...d }));
  // The same rule for applications and data sources, part by part.
  const { seed: applicationSeed, explicit } = seedFromOptions(options);
  const savedApps = initialData?.global[APPS_STORE_KEY] as AppsState | undefined;
  if (savedApps && explicit.applications) replaceApplications(savedApps, applicationSeed.applications, clock.now());
  if (savedApps && explicit.dataSources) replaceDataSources(savedApps, applicationSeed.dataSources, clock.now());
  const settings: RuntimeSettings = { dxTransitions: { ...startTimings }, ccTransitions: { ...startCcTimings }, domainSeed, applicationSeed };
  // Seeded at once rather than on first use, so that a seeded `activeAfterMs` counts from the start (or the reset).
  const seedApplications = (): void => void appsState(store, () => initialState(applicationSeed, clock.now()));
  seedApplications();
  const faults = new FaultTable();
  const log = new RequestLog();
  const consistency = new ConsistencyWindow(clock, store, options.consistency);
  const startConsistency = consistency.settings();
  store.observe(consistency);
  return {
    clock,
    store,
    settings,
    faults,
    log,
    consistency,
    reset(resetOptions: ResetOptions = {}) {
      store.reset();
      seedApplications();
      log.clear();
      faults.clear();
      if (!resetOptions.keepTimings) {
        settings.dxTransitions = { ...startTimings };
        settings.ccTransitions = { ...startCcTimings };
        consistency.configure(startConsistency);
      }
      consistency.rebase();
    },
  };
}

function domainsFromOptions(options: EmulatorOptions): DomainInfo[] | undefined {
  if (options.domains !== undefined && options.domainsFile !== undefined) throw new Error("give domains or domainsFile, not both");
  if (options.domainsFile !== undefined) return loadDomainsFile(options.domainsFile);
  if (options.domains !== undefined) return toDomainList(options.domains);
  return undefined;
}
