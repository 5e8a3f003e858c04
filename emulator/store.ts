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

export class Store {
  private data: StoreData;
  private readonly listeners: Array<() => void> = [];

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

  /** Called after anything changed; persistence listens. */
  changed(): void {
    for (const listener of this.listeners) listener();
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** The live tree; callers must not keep it across requests. */
  raw(): StoreData {
    return this.data;
  }

  /** A deep copy, safe to hand out. */
  snapshot(): StoreData {
    return JSON.parse(JSON.stringify(this.data)) as StoreData;
  }

  reset(): void {
    this.data = emptyStoreData();
    this.changed();
  }
}
