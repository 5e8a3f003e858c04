import { afterUnlessEngineGone } from "./engine-watch";
import { AwsCallError } from "./errors";
import { LONGEST_TICK_UNITS } from "./schedule";
import { isTransient } from "./transient";

/**
 * One poller per service, account and region (or per domain or application, where the API lists by those): the waits
 * of one provider host share one Describe/List per tick instead of each looking on its own. A Pulumi program with
 * hundreds of connections runs all their creates concurrently in one host, so N waits cost one call a tick, not N.
 *
 * Each wait asks for a look inside a window [earliest, latest] (its adaptive tick, see schedule.ts). A tick happens at
 * the soonest `latest` of all waits, and serves every wait whose window has opened: a wait that would look in 8 s is
 * served by a tick in 5 s that a younger wait needed anyway, at no extra cost. A tick that AWS throttles (after the
 * SDK's own retries) is not a failure: the waits it would have served are put back, and the poller slows down,
 * doubling its delay with each throttled tick, until one succeeds or a wait's deadline comes.
 */
export interface PollSource<T> {
  /** Which poller: service and operation, the AWS settings, and the domain or application where the API lists by those. */
  key: string;
  /** The objects with these ids, in as few calls as the API allows; an id missing from the answer was not found. */
  fetch(ids: readonly string[]): Promise<ReadonlyMap<string, T>>;
  /**
   * True when `fetch` lists every object whatever the ids (Direct Connect's DescribeConnections without an id): then a
   * tick can also answer "everything there is" (`lookAll`), e.g. a create's search for what an earlier attempt made.
   */
  listsEverything?: boolean;
}

/** The poller's clock and randomness (a fake in tests); `minDelayMs` is the schedule's unit. */
export interface PollerTimers {
  now(): number;
  /** Calls `run` after `ms`; returns a function that cancels it. */
  after(ms: number, run: () => void): () => void;
  random(): number;
  minDelayMs: number;
}

export interface LookWindow {
  /** Looking earlier than this is not wanted. */
  earliest: number;
  /** Looking later than this is not allowed: a tick happens by then. */
  latest: number;
  /** After a throttled tick, a wait is given up on (with the throttling error) rather than put back past this. */
  deadline: number;
}

interface Waiter<T> extends LookWindow {
  /** The object this wait is for, or EVERYTHING for a `lookAll`. */
  id: string | typeof EVERYTHING;
  resolve(value: T | ReadonlyMap<string, T> | undefined): void;
  reject(error: unknown): void;
}

const EVERYTHING = Symbol("every object the source lists");

export class SharedPoller<T> {
  private readonly waiters = new Set<Waiter<T>>();
  private cancelTimer: (() => void) | undefined;
  private timerAt = Infinity;
  private fetching = false;
  /** Throttled ticks in a row: each doubles the delay before the next. */
  private throttled = 0;

  constructor(
    private readonly source: PollSource<T>,
    private readonly timers: PollerTimers,
  ) {}

  /** The object with this id as the tick inside the window saw it; undefined when that tick did not find it. */
  look(id: string, window: LookWindow): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      this.add({ id, ...window, resolve: (value) => resolve(value as T | undefined), reject });
    });
  }

  /** Every object the source lists, as the tick inside the window saw it (only for sources that list everything). */
  lookAll(window: LookWindow): Promise<ReadonlyMap<string, T>> {
    if (this.source.listsEverything !== true) throw new Error(`${this.source.key}: this source lists objects by id only`);
    return new Promise<ReadonlyMap<string, T>>((resolve, reject) => {
      this.add({ id: EVERYTHING, ...window, resolve: (value) => resolve(value as ReadonlyMap<string, T>), reject });
    });
  }

  private add(waiter: Waiter<T>): void {
    this.waiters.add(waiter);
    // Only a window closing before the planned tick moves it: adding a wait costs O(1), so a fleet of N waits costs
    // O(N) per tick, never O(N²) (the full rescan happens once per tick, in tick()).
    if (!this.fetching && waiter.latest < this.timerAt) this.planTick(waiter.latest);
  }

  /** Waits not served yet. */
  get waiting(): number {
    return this.waiters.size;
  }

  private schedule(): void {
    // A tick under way reschedules when it ends (waits that came meanwhile are then served at once if due).
    if (this.fetching) return;
    let next = Infinity;
    for (const waiter of this.waiters) next = Math.min(next, waiter.latest);
    if (next === Infinity || next >= this.timerAt) return;
    this.planTick(next);
  }

  private planTick(at: number): void {
    this.cancelTimer?.();
    this.timerAt = at;
    this.cancelTimer = this.timers.after(Math.max(0, at - this.timers.now()), () => void this.tick());
  }

  private async tick(): Promise<void> {
    this.cancelTimer = undefined;
    this.timerAt = Infinity;
    const now = this.timers.now();
    const due = [...this.waiters].filter((waiter) => waiter.earliest <= now);
    for (const waiter of due) this.waiters.delete(waiter);
    if (due.length > 0) {
      this.fetching = true;
      try {
        const ids = new Set<string>();
        for (const waiter of due) if (waiter.id !== EVERYTHING) ids.add(waiter.id);
        const found = await this.source.fetch([...ids]);
        this.throttled = 0;
        for (const waiter of due) waiter.resolve(waiter.id === EVERYTHING ? found : found.get(waiter.id));
      } catch (error) {
        this.afterFailure(due, error);
      } finally {
        this.fetching = false;
      }
    }
    this.schedule();
  }

  private afterFailure(due: Waiter<T>[], error: unknown): void {
    if (!isTransient(error instanceof AwsCallError ? error.awsError : error)) {
      for (const waiter of due) waiter.reject(error);
      return;
    }
    this.throttled++;
    const unit = this.timers.minDelayMs;
    const ceiling = Math.min(LONGEST_TICK_UNITS * unit, unit * 2 ** Math.min(this.throttled, 20));
    const retryAt = this.timers.now() + ceiling / 2 + this.timers.random() * (ceiling / 2);
    for (const waiter of due) {
      if (retryAt > waiter.deadline) {
        waiter.reject(error);
      } else {
        waiter.earliest = retryAt;
        waiter.latest = retryAt;
        this.waiters.add(waiter);
      }
    }
  }
}

export const REAL_TIMERS: Omit<PollerTimers, "minDelayMs"> = {
  now: () => Date.now(),
  // No tick once the host's engine is gone (./engine-watch): its waits then stay unserved, and the host idles.
  after: afterUnlessEngineGone,
  random: Math.random,
};

const pollers = new Map<string, SharedPoller<unknown>>();

/**
 * The host's poller for this source (made on first use). Pollers live as long as the host: one holds no timer while
 * no wait is registered, and a stack names only a handful of services, accounts, regions and domains.
 */
export function sharedPoller<T>(source: PollSource<T>, timers: PollerTimers): SharedPoller<T> {
  const key = `${source.key}|${timers.minDelayMs}`;
  let poller = pollers.get(key) as SharedPoller<T> | undefined;
  if (!poller) {
    poller = new SharedPoller(source, timers);
    pollers.set(key, poller as SharedPoller<unknown>);
  }
  return poller;
}

/** For tests: forget every poller. */
export function resetPollers(): void {
  pollers.clear();
}
