import { AwsCallError, NotFoundError } from "../core/errors";
import type { WireCall } from "./wire";

/** Both APIs answer an unknown connection id with ResourceNotFoundException (HTTP 409). */
export function isResourceNotFound(error: unknown): boolean {
  return error instanceof Error && error.name === "ResourceNotFoundException";
}

/** For describe calls: not found means there is nothing to describe. */
export function notFoundAsUndefined(error: unknown): undefined {
  if (isResourceNotFound(error)) return undefined;
  throw error;
}

/** Runs a delete call; not-found becomes NotFoundError (which the lifecycle counts as deleted), anything else gets context. */
export async function deleteCall(call: WireCall, operation: string, id: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (isResourceNotFound(error)) throw new NotFoundError(`${call.label} (${id}): ${(error as Error).message}`);
    throw new AwsCallError(`${call.label} (${id})`, operation, error);
  }
}
