/**
 * All emulated AWS state, as one JSON-serializable tree. Services own their slices: a regional slice per
 * (service, account, region), which is how AWS isolates most resources, and a global slice per service (STS sessions).
 * The store does not know the shape of a slice; each service module types and initialises its own.
 */
export interface StoreData {
  version: 1;
  /** Emulated time when the data was saved, so a restarted emulator does not move time backwards. */
  clockAt?: number;
  /** Keyed by `${accountId}/${region}`, then by service key. */
  regional: Record<string, Record<string, unknown>>;
  global: Record<string, unknown>;
}

export function emptyStoreData(): StoreData {
  return { version: 1, regional: {}, global: {} };
}

/**
 * Something that must learn about the store after each request: persistence (durable saving) and the consistency
 * window (history of versions). Only active observers cost anything: without one, `settle()` does no work at all.
 */
export interface StoreObserver {
  readonly active: boolean;
  /**
   * `json` is the whole store (without the clock) after the request; `changed` whether it differs from what the last
   * settle saw. The request's response waits for the returned promise.
   */
  settled(json: string, changed: boolean): Promise<void> | void;
}

export class Store {
  private data: StoreData;
  private readonly observers: StoreObserver[] = [];
  /** The store as the last settle serialized it; what "changed" is measured against. */
  private lastJson: string | undefined;

  constructor(initial?: StoreData) {
    this.data = initial ?? emptyStoreData();
  }

  /**
   * The slice of `service` for one account and region, created with `init` on first use. The cast is the one place
   * where untyped JSON (possibly loaded from a file this module wrote) becomes a service's type.
   */
  regional<T>(service: string, accountId: string, region: string, init: () => T): T {
    const key = `${accountId}/${region}`;
    const scope = (this.data.regional[key] ??= {});
    return (scope[service] ??= init()) as T;
  }

  /** Every existing regional slice of `service`. */
  allRegional<T>(service: string): Array<{ accountId: string; region: string; slice: T }> {
    const out: Array<{ accountId: string; region: string; slice: T }> = [];
    for (const [key, scope] of Object.entries(this.data.regional)) {
      if (!(service in scope)) continue;
      const [accountId, region] = key.split("/");
      out.push({ accountId, region, slice: scope[service] as T });
    }
    return out;
  }

  global<T>(service: string, init: () => T): T {
    return (this.data.global[service] ??= init()) as T;
  }

  /**
   * Called after every request that may have changed the store (handlers mutate it directly, and even reads age state
   * machines). Whether anything changed is found by comparing serializations, so nothing is written for a request that
   * changed nothing. Resolves when every observer is done (the change is durable, for persistence).
   */
  async settle(): Promise<void> {
    const active = this.observers.filter((o) => o.active);
    if (active.length === 0) return;
    const json = this.serialize();
    const changed = json !== this.lastJson;
    this.lastJson = json;
    await Promise.all(active.map((o) => o.settled(json, changed)));
  }

  observe(observer: StoreObserver): void {
    this.observers.push(observer);
  }

  /** The store's content without the save-time clock: equal content gives an equal string. */
  serialize(): string {
    const { version, regional, global } = this.data;
    return JSON.stringify({ version, regional, global });
  }

  /** The live tree; callers must not keep it across requests. */
  raw(): StoreData {
    return this.data;
  }

  /** A deep copy, safe to hand out. */
  snapshot(): StoreData {
    return JSON.parse(JSON.stringify(this.data)) as StoreData;
  }

  /** Empties the store; the caller settles it (the control route does, after re-seeding). */
  reset(): void {
    this.data = emptyStoreData();
  }
}
