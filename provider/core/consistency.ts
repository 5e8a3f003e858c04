import { backoffDelay, DEFAULT_PACING, pacingFromEnvironment } from "./wait";

/**
 * How long an object may stay invisible to Describe/List calls after it was made or changed (AWS's eventual
 * consistency) before not-found counts as real. AWS documents no bound; Direct Connect and the OpenSearch
 * configuration API have been seen lagging by seconds, and this package promises to tolerate 30 s: 60 s leaves room.
 * Scales with PULUMI_AWS_CONNECTIONS_POLL_MS (30 of its shortest poll delays), so a test that speeds polling up against
 * the emulator's scaled clock keeps the same window in the emulator's time.
 */
export function consistencyWindowMs(env: NodeJS.ProcessEnv = process.env): number {
  const fast = pacingFromEnvironment(env).minDelayMs;
  return fast !== undefined ? fast * 30 : 60_000;
}

/**
 * Looks with `find` until it sees something or the consistency window has passed (backing off between looks): for an
 * object that exists (AWS answered its create) but may not be visible yet. Undefined when it never showed.
 */
export async function lookUntilVisible<T>(find: () => Promise<T | undefined>, windowMs = consistencyWindowMs()): Promise<T | undefined> {
  const pacing = { ...DEFAULT_PACING, ...pacingFromEnvironment() };
  const until = pacing.now() + windowMs;
  for (let attempt = 0; ; attempt++) {
    const seen = await find();
    if (seen !== undefined) return seen;
    const left = until - pacing.now();
    if (left <= 0) return undefined;
    await pacing.sleep(Math.min(left, backoffDelay(attempt, pacing)));
  }
}
