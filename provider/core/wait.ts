import { formatDuration } from "./durations";
import { sleepUnlessEngineGone } from "./engine-watch";
import { REAL_TIMERS, sharedPoller } from "./poller";
import type { LookWindow, PollSource, SharedPoller } from "./poller";
import { waitStatus } from "./progress";
import { jitteredTickDelay, pollModeFromEnvironment, SETTLE_TICK_UNITS } from "./schedule";
import type { PollMode } from "./schedule";

/**
 * Polls until an AWS object reaches a target status, after terraform-provider-aws's StateChangeConf: pending statuses
 * keep waiting, target statuses end the wait, failure statuses (and any status in neither list) fail at once with the
 * object's status message, and not-found is tolerated for a few polls right after a create (eventual consistency).
 */
export interface Observation<T> {
  value: T;
  status: string;
  /** AWS's explanation of the status, shown when the wait fails. */
  message?: string;
}

export interface WaitSpec {
  pending: readonly string[];
  target: readonly string[];
  /** Statuses that end the wait with an error. Any status in none of the lists fails too. */
  failure?: readonly string[];
  /** For deletes: not-found means the wait succeeded. */
  notFoundIsTarget?: boolean;
}

export interface Pacing {
  /** The shortest delay, and the unit of the adaptive schedule (schedule.ts). */
  minDelayMs: number;
  /** The longest delay of the per-resource backoff. */
  maxDelayMs: number;
  /** "shared": adaptive ticks, through the shared poller when the wait has one; "per-resource": backoff, own looks. */
  mode: PollMode;
  /** How many consecutive not-found polls are tolerated before giving up (right after a create). */
  notFoundChecks: number;
  sleep(ms: number): Promise<void>;
  now(): number;
  random(): number;
}

export const DEFAULT_PACING: Pacing = {
  minDelayMs: 2_000,
  maxDelayMs: 30_000,
  notFoundChecks: 5,
  mode: "shared",
  // Never ends once the host's engine is gone (./engine-watch): the loop waiting on it stops, and the host idles.
  sleep: sleepUnlessEngineGone,
  now: () => Date.now(),
  random: Math.random,
};

export interface WaitRequest<T> extends WaitSpec {
  /**
   * What is awaited, naming the target, e.g. `directconnect.Connection "edge" (dxcon-abc) to become available`. Error
   * messages start with it and do not repeat the target list.
   */
  what: string;
  /** The time allowed, as the user gave it (messages name it). */
  timeoutMs: number;
  /** When the time runs out, if the allowance started earlier (one deadline for several steps); default now + timeoutMs. */
  deadlineAt?: number;
  /**
   * Besides the `notFoundChecks` polls, how long (ms from the start of the wait) not-found is tolerated: for objects
   * that take a while to become visible (e.g. an inbound connection, which its owner sees only once validated).
   */
  notFoundForMs?: number;
  /** Reads the object; undefined means not found. */
  observe(): Promise<Observation<T> | undefined>;
  /**
   * An answer already in hand (the create's or the accept's, or a look just made): judged first, instead of an
   * immediate look that would only repeat it. Ignored in per-resource mode, which keeps 0.1.0's looks as they were.
   */
  initial?: Observation<T>;
  /** A look through the host's shared poller, inside the window (shared mode only; see poller.ts). */
  lookShared?(window: LookWindow): Promise<Observation<T> | undefined>;
  /**
   * Shared mode, without an answer in hand: the first look too goes through the shared poller, within one tick unit
   * (`minDelayMs`), so the first looks of many waits that start together are one call.
   */
  firstLookShared?: boolean;
  pacing?: Partial<Pacing>;
}

/** The wait ran out of time; `last` is the last observation, so callers can keep partial outputs. */
export class WaitTimeoutError<T> extends Error {
  constructor(message: string, readonly last: Observation<T> | undefined) {
    super(message);
    this.name = "WaitTimeoutError";
  }
}

/** The object reached a failure status or one this wait does not know. */
export class UnexpectedStatusError<T> extends Error {
  constructor(message: string, readonly last: Observation<T> | undefined) {
    super(message);
    this.name = "UnexpectedStatusError";
  }
}

/** Resolves with the last observation (undefined only when not-found is the target). */
export async function waitFor<T>(request: WaitRequest<T>): Promise<Observation<T> | undefined> {
  // However long the polls are spaced, the user hears about a long wait while it lasts: every observation counts,
  // whether its own look, the answer in hand or a shared poller's tick.
  const status = waitStatus(request.what);
  const reported = <A extends unknown[]>(look: (...args: A) => Promise<Observation<T> | undefined>) =>
    async (...args: A): Promise<Observation<T> | undefined> => {
      const seen = await look(...args);
      status.saw(seen?.status);
      return seen;
    };
  if (request.initial) status.saw(request.initial.status);
  const lookShared = request.lookShared;
  try {
    return await pollUntilSettled({
      ...request,
      observe: reported(request.observe),
      lookShared: lookShared ? reported(lookShared) : undefined,
    });
  } finally {
    status.stop();
  }
}

async function pollUntilSettled<T>(request: WaitRequest<T>): Promise<Observation<T> | undefined> {
  const pacing: Pacing = { ...DEFAULT_PACING, ...pacingFromEnvironment(), mode: pollModeFromEnvironment(), ...request.pacing };
  const adaptive = pacing.mode === "shared";
  const started = pacing.now();
  const deadline = request.deadlineAt ?? started + request.timeoutMs;
  let attempt = 0;
  let notFound = 0;
  let last: Observation<T> | undefined;
  // The first look: the answer in hand, if any; later ones come at the end of each round (a sleep, or a shared tick).
  let next: () => Promise<Observation<T> | undefined> = request.observe;
  const sharedFirst = request.lookShared;
  if (adaptive && request.initial) next = async () => request.initial;
  else if (adaptive && sharedFirst && request.firstLookShared) {
    next = () => sharedFirst({ earliest: started, latest: started + pacing.minDelayMs, deadline });
  }
  for (;;) {
    const seen = await next();
    if (seen === undefined) {
      if (request.notFoundIsTarget) return undefined;
      notFound++;
      const tolerated = notFound <= pacing.notFoundChecks || pacing.now() - started < (request.notFoundForMs ?? 0);
      if (!tolerated) {
        throw new UnexpectedStatusError(`${request.what}: the object was not found (${notFound} checks in a row)`, last);
      }
    } else {
      notFound = 0;
      last = seen;
      if (request.target.includes(seen.status)) return seen;
      if (request.failure?.includes(seen.status) || !request.pending.includes(seen.status)) {
        // `what` names the target; the status and AWS's reason are what is new here.
        const after = pacing.now() - started >= 1_000 ? ` after ${waited(started, pacing)}` : "";
        throw new UnexpectedStatusError(`${request.what}: it is ${seen.status}${after}${seen.message ? `: ${seen.message}` : ""}`, last);
      }
    }
    const now = pacing.now();
    const remaining = deadline - now;
    if (remaining <= 0) {
      const status = last ? `still ${last.status}${last.message ? `: ${last.message}` : ""}` : "not found";
      throw new WaitTimeoutError(`${request.what}: timed out after ${formatDuration(request.timeoutMs)} (${status})`, last);
    }
    const delay = Math.min(remaining, adaptive ? jitteredTickDelay(now - started, pacing, pacing.random) : backoffDelay(attempt++, pacing));
    const shared = adaptive ? request.lookShared : undefined;
    if (shared) {
      // Any tick from half the delay on serves this wait (another wait's tick then costs nothing extra), and one comes
      // within a settle tick (10 s) at the latest: a young wait does not make the host's poller tick every 2 s while
      // other waits keep starting, yet still sees a short transition within one tick.
      const latest = now + Math.min(remaining, Math.max(delay, SETTLE_TICK_UNITS * pacing.minDelayMs));
      next = () => shared({ earliest: now + delay / 2, latest, deadline });
    } else {
      await pacing.sleep(delay);
      next = request.observe;
    }
  }
}

/** Time since `started`, rounded to whole seconds (ms below one second). */
function waited(started: number, pacing: Pick<Pacing, "now">): string {
  const ms = pacing.now() - started;
  return formatDuration(ms >= 1_000 ? Math.round(ms / 1_000) * 1_000 : Math.max(0, Math.round(ms)));
}

/** "A", "A or B", "A, B or C". */
export function alternatives(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

/** Exponential backoff with "equal jitter": half the delay is fixed, half random, so parallel waits spread out. */
export function backoffDelay(attempt: number, pacing: Pick<Pacing, "minDelayMs" | "maxDelayMs" | "random">): number {
  const ceiling = Math.min(pacing.maxDelayMs, pacing.minDelayMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + pacing.random() * (ceiling / 2);
}

/**
 * `PULUMI_AWS_CONNECTIONS_POLL_MS="min[,max]"` shortens polling against the local emulator, whose clock runs fast: `min`
 * is the adaptive schedule's unit (every tick scales with it), `max` caps the per-resource backoff.
 * Read at run time inside the provider host, so it never enters a resource's serialized provider.
 */
export function pacingFromEnvironment(env: NodeJS.ProcessEnv = process.env): Partial<Pacing> {
  const raw = env.PULUMI_AWS_CONNECTIONS_POLL_MS;
  if (!raw) return {};
  const [min, max] = raw.split(",").map((part) => Number(part.trim()));
  if (!Number.isFinite(min) || min <= 0) return {};
  return { minDelayMs: min, maxDelayMs: Number.isFinite(max) && max >= min ? max : Math.max(min, min * 8) };
}

/**
 * A wait's `lookShared` through the host's poller for `source`: the tick's answer for `id`, read as an observation
 * (undefined: not found). The poller's schedule unit is the same `minDelayMs` the waits use.
 */
export function lookThrough<O, T>(
  source: PollSource<O>,
  id: string,
  observe: (object: O | undefined) => Observation<T> | undefined,
): (window: LookWindow) => Promise<Observation<T> | undefined> {
  const poller = hostPoller(source);
  return async (window) => observe(await poller.look(id, window));
}

/** The host's poller for `source`, on the schedule unit the waits use (`PULUMI_AWS_CONNECTIONS_POLL_MS` or 2 s). */
export function hostPoller<O>(source: PollSource<O>): SharedPoller<O> {
  const minDelayMs = pacingFromEnvironment().minDelayMs ?? DEFAULT_PACING.minDelayMs;
  return sharedPoller(source, { ...REAL_TIMERS, minDelayMs });
}

/** A window for a look wanted now: any tick from now on serves it, and one comes within the shortest tick. */
export function lookNowWindow(deadline: number): LookWindow {
  const now = Date.now();
  const minDelayMs = pacingFromEnvironment().minDelayMs ?? DEFAULT_PACING.minDelayMs;
  return { earliest: now, latest: Math.min(deadline, now + minDelayMs), deadline };
}
