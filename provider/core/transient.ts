/**
 * Which failures are worth retrying: throttling, server faults and broken connections. These are also the failures after
 * which a create may or may not have happened in AWS (the response was lost), so a create must look before retrying.
 */
const THROTTLING_CODES = new Set(["ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded", "SlowDown"]);
const NETWORK_CODES = new Set(["ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN"]);

export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const details = error as Error & { code?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  if (THROTTLING_CODES.has(details.name) || (details.code && THROTTLING_CODES.has(details.code))) return true;
  if (details.code && NETWORK_CODES.has(details.code)) return true;
  if (details.name === "TimeoutError" || /socket hang up|ECONNRESET/i.test(details.message)) return true;
  const status = details.$metadata?.httpStatusCode;
  return (status !== undefined && (status >= 500 || status === 429)) || details.$fault === "server";
}
