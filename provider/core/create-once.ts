import { AwsCallError } from "./errors";
import { isTransient } from "./transient";
import { backoffDelay, DEFAULT_PACING, pacingFromEnvironment } from "./wait";

/**
 * Creates an AWS object exactly once, for APIs without a client token (Direct Connect's CreateConnection). The call is
 * made with SDK retries off; after a transient failure we first look for the object the lost attempt may have made (by a
 * token the attempt carried), and only retry when there is none. A naive SDK retry would leave a duplicate behind.
 */
export interface CreateOnceRequest {
  resource: string;
  operation: string;
  attempt(): Promise<string>;
  /** The id of an object made by an earlier attempt of this same create, if any. */
  findCreated(): Promise<string | undefined>;
  maxAttempts?: number;
}

export async function createOnce(request: CreateOnceRequest): Promise<string> {
  const pacing = { ...DEFAULT_PACING, minDelayMs: 200, maxDelayMs: 10_000, ...pacingFromEnvironment() };
  const maxAttempts = request.maxAttempts ?? 8;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request.attempt();
    } catch (error) {
      if (!isTransient(error) || attempt >= maxAttempts) throw new AwsCallError(request.resource, request.operation, error);
      await pacing.sleep(backoffDelay(attempt - 1, pacing));
      const made = await request.findCreated();
      if (made) return made;
    }
  }
}
