import type { Caller } from "../auth";
import type { Clock } from "../clock";
import type { Protocol } from "../protocols/types";
import type { Store } from "../store";
import type { CrossClusterTransitionTimings, DomainInfo, DxTransitionTimings } from "../types";
import type { ApplicationSeed } from "./applications/seed";

/** Mutable settings the control API can change at run time. */
export interface RuntimeSettings {
  dxTransitions: DxTransitionTimings;
  /** OpenSearch/Elasticsearch cross-cluster connection timings. */
  ccTransitions: CrossClusterTransitionTimings;
  /** The OpenSearch/Elasticsearch domains that an empty state (start, reset) begins with. */
  readonly domainSeed: readonly DomainInfo[];
  /** The OpenSearch applications and data sources that an empty state (start, reset) begins with. */
  readonly applicationSeed: ApplicationSeed;
}

/** What every service handler may use; one instance per running emulator. */
export interface EmulatorRuntime {
  readonly clock: Clock;
  readonly store: Store;
  readonly settings: RuntimeSettings;
}

export interface OperationContext {
  readonly caller: Caller;
  readonly region: string;
  readonly requestId: string;
  readonly runtime: EmulatorRuntime;
  /** Real wall-clock milliseconds at arrival: for things clients check against their own clock (credential expiry). */
  readonly realNow: number;
}

/**
 * Runs one operation. `input` is untrusted decoded wire input; the handler validates it, mutates the store and returns
 * the output structure, or throws a ServiceError. Handlers are synchronous so that a request is atomic.
 */
export type OperationHandler = (input: Record<string, unknown>, ctx: OperationContext) => object;

export interface ErrorSpec {
  code: string;
  status: number;
  message: string;
}

/** A service-specific route of the control API, under `/_emulator/<path>`. */
export interface ControlRoute {
  method: "GET" | "POST" | "DELETE";
  /** Without the `/_emulator/` prefix, e.g. "opensearch/domains". */
  path: string;
  /** Returns the JSON response body; throws TypeError/RangeError for bad input (sent as 400). */
  handle(body: unknown, runtime: EmulatorRuntime): unknown;
}

export interface ServiceDefinition {
  /** Name used in the request log and counts ("DirectConnect.CreateConnection"). */
  readonly name: string;
  /** SigV4 signing name the credential scope must carry. */
  readonly signingName: string;
  readonly protocol: Protocol;
  readonly operations: Readonly<Record<string, OperationHandler>>;
  /** How this service reports injected throttling and internal errors. */
  readonly faultErrors: { readonly throttle: ErrorSpec; readonly serverError: ErrorSpec };
  readonly controlRoutes?: readonly ControlRoute[];
  /**
   * Brings all of this service's stored state up to the current emulated time. Handlers age state lazily per
   * request; this runs before whole-state views (snapshot) so they do not show stale states.
   */
  readonly refresh?: (runtime: EmulatorRuntime) => void;
}
