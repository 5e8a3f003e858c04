import { formatDuration } from "./durations";
import { logToEngine } from "./engine-log";
import { engineGone } from "./engine-watch";
import { writeLine } from "./stderr-writer";

/**
 * What the provider tells the user while it works, from inside the provider host. Durable lines (what was created or
 * deleted, plan notices) go to stderr, which the CLI shows as they come and again among the stack's diagnostics at the
 * end. Status lines during a long wait go to the engine as status messages (./engine-log): shown as they come, never
 * repeated at the end. Progress and status lines are silenced with PULUMI_AWS_CONNECTIONS_QUIET=1.
 */
const PREFIX = "[pulumi-aws-connections]";

/** How often a wait reports while it lasts: well under the 30 s a user should ever go without a line. */
export const DEFAULT_STATUS_INTERVAL_MS = 20_000;

function quiet(): boolean {
  return process.env.PULUMI_AWS_CONNECTIONS_QUIET === "1";
}

export function progress(message: string): void {
  if (quiet()) return;
  notice(message);
}

/**
 * A line about the plan itself, which a reviewer of `pulumi preview --diff` needs and which the CLI cannot show: it
 * prints a dynamic resource's changed fields, but not which of them force its replacement (only `--json` has that).
 * Never silenced. Names fields and ids only, never values (they may be secret).
 */
export function notice(message: string): void {
  writeLine(`${PREFIX} ${message}`);
}

/** A transient line about work under way: a status message of the engine when there is one, else stderr. */
export function status(message: string): void {
  if (quiet()) return;
  const line = `${PREFIX} ${message}`;
  if (!logToEngine(line, true)) writeLine(line);
}

/**
 * `PULUMI_AWS_CONNECTIONS_STATUS_MS` sets how often a wait reports (wall-clock ms); the tests shorten it. Read at run
 * time inside the provider host, so it never enters a resource's serialized provider.
 */
export function statusIntervalFromEnvironment(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.PULUMI_AWS_CONNECTIONS_STATUS_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_STATUS_INTERVAL_MS;
}

export interface WaitStatus {
  /** Records what the last poll saw (undefined: not found), for the next status line. */
  saw(status: string | undefined): void;
  stop(): void;
}

/**
 * While a wait lasts, a status line every interval (wall clock, whatever the poll delays are), e.g.
 * `waiting for directconnect.Connection "edge" (dxcon-abc) to become available: pending, 40s so far`.
 */
export function waitStatus(what: string, intervalMs = statusIntervalFromEnvironment(), now: () => number = Date.now): WaitStatus {
  const started = now();
  let last: string | undefined;
  const timer = setInterval(() => {
    // Nobody to tell once the engine is gone (./engine-watch): the host must go idle.
    if (engineGone()) return clearInterval(timer);
    const elapsed = formatDuration(Math.max(1, Math.round((now() - started) / 1_000)) * 1_000);
    status(`waiting for ${what}: ${last ?? "not visible yet"}, ${elapsed} so far`);
  }, intervalMs);
  // A forgotten stop must never keep a process alive.
  timer.unref();
  return {
    saw: (seen) => (last = seen),
    stop: () => clearInterval(timer),
  };
}
