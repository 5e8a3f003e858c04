import type { AuthFailureKind, DecodedRequest, HttpResponse, Protocol, RawRequest } from "./types";
import { ServiceError } from "./types";
import { authErrorFrom, httpResponse, jsonAuthErrors, jsonObjectBody } from "./common";

/**
 * AWS's JSON services (the Coral front end that awsJson1_0/1_1 services share) answer every authentication failure
 * with HTTP 400 Bad Request, unlike the query services (STS), which use 403; SDKs decide by the error code, so only raw
 * HTTP clients see the difference.
 */
const AUTH_ERRORS = jsonAuthErrors(400);

/**
 * awsJson1_0 / awsJson1_1: every operation is `POST /` with `X-Amz-Target: <Prefix>.<Operation>` and a JSON
 * document body; errors are `{"__type": code, "message": …}` (clients read `__type` first).
 */
export class AwsJsonProtocol implements Protocol {
  private readonly contentType: string;

  constructor(
    private readonly targetPrefix: string,
    version: "1.0" | "1.1" = "1.1",
  ) {
    this.contentType = `application/x-amz-json-${version}`;
  }

  matches(req: RawRequest): boolean {
    return (req.headers["x-amz-target"] ?? "").startsWith(`${this.targetPrefix}.`);
  }

  peekOperation(req: RawRequest): string | undefined {
    const target = req.headers["x-amz-target"] ?? "";
    return target.startsWith(`${this.targetPrefix}.`) ? target.slice(this.targetPrefix.length + 1) : undefined;
  }

  decode(req: RawRequest, knownOperations: ReadonlySet<string>): DecodedRequest {
    const operation = this.peekOperation(req) ?? "";
    if (req.method !== "POST" || !knownOperations.has(operation)) {
      throw new ServiceError("UnknownOperationException", `Operation ${operation || "(none)"} is not supported.`, 400);
    }
    return { operation, input: jsonObjectBody(req) };
  }

  encodeOutput(_operation: string, output: object, requestId: string): HttpResponse {
    return this.response(200, output, requestId);
  }

  encodeError(error: ServiceError, requestId: string): HttpResponse {
    return this.response(error.status, { __type: error.code, message: error.message }, requestId);
  }

  authError(kind: AuthFailureKind, message: string): ServiceError {
    return authErrorFrom(AUTH_ERRORS, kind, message);
  }

  private response(status: number, body: object, requestId: string): HttpResponse {
    return httpResponse(status, this.contentType, requestId, JSON.stringify(body));
  }
}
