/**
 * Errors that carry context: which resource, which AWS operation, AWS's error code and request id. A create or update
 * that leaves an object behind throws a ResourceInitError, which the dynamic-provider host turns into the engine's
 * ErrorResourceInitFailed: the id stays in state and the next `up` resumes instead of creating a duplicate.
 */

/** The fields of an AWS SDK v3 service exception that matter for messages and retries. */
export interface AwsErrorLike extends Error {
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $fault?: string;
  code?: string;
}

export function isAwsError(error: unknown): error is AwsErrorLike {
  return error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === "object";
}

/** Describes an AWS error with its code and request id, e.g. `DirectConnectClientException: msg (request id 1a2b)`. */
export function describeAwsError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!isAwsError(error)) return error.message;
  const requestId = error.$metadata?.requestId;
  const status = error.$metadata?.httpStatusCode;
  const details = [status ? `HTTP ${status}` : undefined, requestId ? `request id ${requestId}` : undefined].filter(Boolean);
  return `${error.name}: ${error.message}${details.length ? ` (${details.join(", ")})` : ""}`;
}

/**
 * Credentials for `roleArn` could not be had: STS's AssumeRole failed (after its retries). Names the role (an ARN is not
 * secret; the external id is, and is never shown) and STS's error with its request id.
 */
export class AssumeRoleError extends Error {
  constructor(
    readonly roleArn: string,
    readonly stsError: unknown,
  ) {
    super(`AssumeRole of ${roleArn} failed: ${describeAwsError(stsError)}`);
    this.name = "AssumeRoleError";
  }
}

/** An error in an AWS call, with the resource and operation it happened in. */
export class AwsCallError extends Error {
  constructor(
    readonly resource: string,
    readonly operation: string,
    readonly awsError: unknown,
  ) {
    // Credentials come before the call: when they failed, the operation was never sent, and STS's error is the news.
    super(
      awsError instanceof AssumeRoleError
        ? `${resource}: ${awsError.message}; so ${operation} was not sent`
        : `${resource}: ${operation} failed: ${describeAwsError(awsError)}`,
    );
    this.name = "AwsCallError";
  }
}

/** Wraps an AWS call so that a failure names the resource and operation. */
export async function awsCall<T>(resource: string, operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AwsCallError) throw error;
    throw new AwsCallError(resource, operation, error);
  }
}

/** Inputs that break the resource's rules; thrown before any AWS call. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/**
 * The shape the dynamic-provider host looks for (`id`, `properties`, `reasons`) to report ErrorResourceInitFailed.
 * `properties` must include the inputs (with `__provider`: the host does not add it here) so later operations can run.
 */
export class ResourceInitError extends Error {
  readonly reasons: string[];
  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    reason: string,
  ) {
    super(reason);
    this.name = "ResourceInitError";
    this.reasons = [reason];
  }
}

/** The AWS object the resource points at no longer exists. */
export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotFoundError";
  }
}
