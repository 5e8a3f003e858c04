import type { Clock } from "./clock";
import { SERVICES } from "./services/registry";
import type { EmulatorRuntime } from "./services/types";
import { Store, type StoreData, type StoreObserver } from "./store";
import type { ConsistencyDelays } from "./types";

/**
 * Operations that only observe state: the ones eventual consistency delays. Everything else (Create, Update, Delete,
 * Accept, Tag, AssumeRole…) reads and writes the live state, as AWS's writes are consistent with each other.
 */
export function isReadOperation(operation: string): boolean {
  return /^(Describe|List|Get)[A-Z]/.test(operation);
}

/** "Service.Operation" of every read operation the emulator serves (services sharing a name, OpenSearch, merged). */
export function readOperationKeys(): string[] {
  return [...new Set(SERVICES.flatMap((s) => Object.keys(s.operations).filter(isReadOperation).map((op) => `${s.name}.${op}`)))];
}

/** Checks delays received as JSON; a bad field is a TypeError naming it. Omitted parts are 0 / none. */
export function checkConsistencyDelays(value: unknown): Required<ConsistencyDelays> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("consistency delays must be an object");
  const { defaultDelayMs, operations, ...unknown } = value as Record<string, unknown>;
  const extra = Object.keys(unknown);
  if (extra.length > 0) throw new TypeError(`unknown consistency field ${extra[0]}; known: defaultDelayMs, operations`);
  const delay = (name: string, v: unknown): number => {
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0) throw new TypeError(`${name} must be a non-negative number of milliseconds`);
    return v;
  };
  const out: Required<ConsistencyDelays> = { defaultDelayMs: defaultDelayMs === undefined ? 0 : delay("defaultDelayMs", defaultDelayMs), operations: {} };
  if (operations === undefined) return out;
  if (typeof operations !== "object" || operations === null || Array.isArray(operations)) {
    throw new TypeError("operations must be an object of operation name to milliseconds");
  }
  const known = readOperationKeys();
  for (const [key, ms] of Object.entries(operations as Record<string, unknown>)) {
    if (!known.includes(key) && !known.some((k) => k.endsWith(`.${key}`))) {
      throw new TypeError(`operations.${key} is not a read operation of the emulator; read operations: ${known.join(", ")}`);
    }
    out.operations[key] = delay(`operations.${key}`, ms);
  }
  return out;
}

/** One version of the whole store, from the request that made it (emulated time) until the next one. */
interface Version {
  at: number;
  json: string;
}

/** A bound on memory when the clock stands still (manual clock) while changes pile up; the oldest go first. */
const MAX_VERSIONS = 10_000;

/**
 * Eventual consistency, as AWS's Describe/List/Get calls show it: a read whose operation has a delay D sees the state
 * as it was D emulated milliseconds ago (aged to now by the state machines, which model AWS's own progress): an object
 * created less than D ago is not there, an object changed (updated, accepted, tagged, deleted, detached…) less than D
 * ago shows its previous version. Writes always act on the live state. Changes made through the control API count as
 * changes too, but a reset (and enabling the window) makes everything there is visible at once.
 *
 * The delay is in emulated time, like every other service-side duration: with a manual clock a test advances the
 * clock past it; with `--time-scale 1000` a 30 s window lasts 30 real ms.
 *
 * Implementation: while any delay is set, every request that changed the store adds a version (a serialization of the
 * store) stamped with the emulated time; a delayed read runs its usual handler on a private copy of the newest version
 * at least D old. Versions no read can need any more are dropped. With no delay set, nothing is recorded.
 */
export class ConsistencyWindow implements StoreObserver {
  private delays: Required<ConsistencyDelays>;
  private versions: Version[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly store: Store,
    start: ConsistencyDelays = {},
  ) {
    this.delays = checkConsistencyDelays(start);
    this.rebase();
  }

  get active(): boolean {
    return this.maxDelay() > 0;
  }

  settings(): Required<ConsistencyDelays> {
    return { defaultDelayMs: this.delays.defaultDelayMs, operations: { ...this.delays.operations } };
  }

  /** Replaces all delays. Turning the window on makes the current state the visible base; turning it off forgets all. */
  configure(input: unknown): Required<ConsistencyDelays> {
    const wasActive = this.active;
    this.delays = checkConsistencyDelays(input);
    if (!this.active || !wasActive) this.rebase();
    return this.settings();
  }

  /** Everything in the store now is visible to every read at once (start, reset). */
  rebase(): void {
    this.versions = this.active ? [{ at: -Infinity, json: this.store.serialize() }] : [];
  }

  settled(json: string, changed: boolean): void {
    if (changed) this.versions.push({ at: this.clock.now(), json });
    this.prune();
  }

  /** Emulated ms by which `service`'s `operation` lags behind; 0 for writes. */
  delayFor(service: string, operation: string): number {
    if (!isReadOperation(operation)) return 0;
    return this.delays.operations[`${service}.${operation}`] ?? this.delays.operations[operation] ?? this.delays.defaultDelayMs;
  }

  /** The runtime a read runs against: a copy of the state as it was, or undefined for the live state. */
  viewFor(runtime: EmulatorRuntime, service: string, operation: string): EmulatorRuntime | undefined {
    const delay = this.delayFor(service, operation);
    if (delay <= 0 || this.versions.length === 0) return undefined;
    const cutoff = this.clock.now() - delay;
    let index = this.versions.length - 1;
    while (index > 0 && this.versions[index].at > cutoff) index--;
    // The newest version is the live state (every change settles): no copy needed.
    if (index === this.versions.length - 1) return undefined;
    return { clock: runtime.clock, settings: runtime.settings, store: new Store(JSON.parse(this.versions[index].json) as StoreData) };
  }

  private maxDelay(): number {
    return Math.max(this.delays.defaultDelayMs, ...Object.values(this.delays.operations));
  }

  /** Keeps the newest version older than the longest delay (what the slowest read sees) and everything after it. */
  private prune(): void {
    const cutoff = this.clock.now() - this.maxDelay();
    let keepFrom = 0;
    for (let i = this.versions.length - 1; i >= 0; i--) {
      if (this.versions[i].at <= cutoff) {
        keepFrom = i;
        break;
      }
    }
    keepFrom = Math.max(keepFrom, this.versions.length - MAX_VERSIONS);
    if (keepFrom > 0) this.versions.splice(0, keepFrom);
  }
}
