import { lookUntilVisible } from "./consistency";
import { AwsCallError } from "./errors";
import { isTransient } from "./transient";
import { backoffDelay, DEFAULT_PACING, pacingFromEnvironment } from "./wait";

/**
 * Creates an AWS object exactly once, for APIs without a client token (Direct Connect's CreateConnection). The call is
 * made with SDK retries off; after a transient failure we first look for the object the lost attempt may have made (by a
 * token the attempt carried), and only retry when there is none. A naive SDK retry would leave a duplicate behind.
 */
export interface CreateOnceRequest<R> {
  resource: string;
  operation: string;
  /** The create call; resolves with what it made (its id, or the object as the answer describes it). */
  attempt(): Promise<R>;
  /** What an earlier attempt of this same create made, if anything, in the same form. */
  findCreated(): Promise<R | undefined>;
  maxAttempts?: number;
}

export async function createOnce<R>(request: CreateOnceRequest<R>): Promise<R> {
  const pacing = { ...DEFAULT_PACING, minDelayMs: 200, maxDelayMs: 10_000, ...pacingFromEnvironment() };
  const maxAttempts = request.maxAttempts ?? 8;
  let lostOne = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request.attempt();
    } catch (error) {
      if (!isTransient(error)) {
        // After a lost attempt, "already exists" may be that attempt's object, which a lagging list had missed.
        const made = lostOne ? await lookSafely(request) : undefined;
        if (made) return made;
        throw new AwsCallError(request.resource, request.operation, error);
      }
      lostOne = true;
      await pacing.sleep(backoffDelay(attempt - 1, pacing));
      // Look even after the last attempt: giving up without looking could leave an object outside state.
      const made = await lookSafely(request);
      if (made) return made;
      if (attempt >= maxAttempts) throw new AwsCallError(request.resource, request.operation, error);
    }
  }
}

/**
 * Looks for what a failed attempt made, for the whole consistency window: an object AWS made moments ago may not be
 * listed yet, and retrying the create before it shows would make a second one. A lost response is rare; the wait it
 * costs is the price of never duplicating.
 */
async function lookSafely<R>(request: CreateOnceRequest<R>): Promise<R | undefined> {
  let failedLooks = 0;
  return lookUntilVisible(async () => {
    try {
      return await request.findCreated();
    } catch (error) {
      if (!isTransient(error) || ++failedLooks >= 3) throw new AwsCallError(request.resource, `${request.operation} (looking for what a failed attempt made)`, error);
      return undefined;
    }
  });
}
