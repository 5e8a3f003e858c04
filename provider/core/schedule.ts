/**
 * When to look next while waiting, given how long the wait has lasted ("ticks that fit the wait"). A wait that has just
 * begun looks every few seconds, so a short transition is seen within one tick of at most 10 s; a wait that has lasted
 * long looks less often, in proportion (a tenth of the time waited), up to once every 15 minutes. So a Direct Connect
 * connection provisioned over four days costs about 450 Describes, not the 15,000 a fixed 2–30 s backoff makes, and
 * the lag after a change is always under one tick and under a tenth of the time already waited.
 *
 * Through the shared poller (poller.ts) a wait asks for a look from half its delay on and within one settle tick (10 s)
 * at the latest, so the waits of a fleet line up on the same ticks.
 *
 * Every figure is a multiple of one unit, `minDelayMs` (2 s): tests and the benchmark shrink it with
 * `PULUMI_AWS_CONNECTIONS_POLL_MS` to match the emulator's fast clock, and the whole schedule shrinks with it.
 */
export interface TickUnit {
  /** The shortest tick (2 s against AWS). */
  minDelayMs: number;
}

/** The early ticks grow to this many units (10 s) … */
export const SETTLE_TICK_UNITS = 5;
/** … and stay there until the wait has lasted this many (100 s); from then on a tick is a tenth of the time waited … */
export const SETTLE_PHASE_UNITS = 50;
/** … up to this many units (15 min), reached after 2.5 hours. */
export const LONGEST_TICK_UNITS = 450;

/** The delay before the next look after `waitedMs` of waiting, without jitter. */
export function tickDelay(waitedMs: number, unit: TickUnit): number {
  const min = unit.minDelayMs;
  const waited = Math.max(0, waitedMs);
  if (waited < SETTLE_PHASE_UNITS * min) return clamp(waited / 4, min, SETTLE_TICK_UNITS * min);
  return Math.min(LONGEST_TICK_UNITS * min, waited / 10);
}

/** `tickDelay` with up to 10 % taken off at random, so waits that started together do not stay in lockstep. */
export function jitteredTickDelay(waitedMs: number, unit: TickUnit, random: () => number): number {
  return tickDelay(waitedMs, unit) * (1 - 0.1 * random());
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/**
 * How waits look at AWS. "shared" (the default): one poller per service, account and region (or domain, or
 * application) serves every wait of the provider host with one Describe/List per tick, on the adaptive ticks above.
 * "per-resource": every wait looks on its own with exponential backoff (2–30 s) — this package's behaviour up to
 * 0.1.0, kept as the benchmark's baseline. Chosen with `PULUMI_AWS_CONNECTIONS_POLLER=shared|per-resource`, read at
 * run time in the provider host (never part of a resource's state).
 */
export type PollMode = "shared" | "per-resource";

export function pollModeFromEnvironment(env: NodeJS.ProcessEnv = process.env): PollMode {
  const raw = env.PULUMI_AWS_CONNECTIONS_POLLER?.trim();
  if (raw === undefined || raw === "" || raw === "shared") return "shared";
  if (raw === "per-resource") return "per-resource";
  throw new Error(`PULUMI_AWS_CONNECTIONS_POLLER: must be "shared" or "per-resource"`);
}
