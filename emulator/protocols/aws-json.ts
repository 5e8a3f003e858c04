import type { AuthFailureKind, DecodedRequest, HttpResponse, Protocol, RawRequest } from "./types";
import { ServiceError } from "./types";

/**
 * Status and code of each authentication failure in the JSON protocols. AWS's JSON services (the Coral front end
 * that awsJson1_0/1_1 services share) answer all of these with HTTP 400 Bad Request, unlike the query services (STS),
 * which use 403; SDKs decide by the error code, so only raw HTTP clients see the difference.
 */
const AUTH_ERRORS: Record<AuthFailureKind, { code: string; status: number; fixedMessage?: string }> = {
  missing: { code: "MissingAuthenticationTokenException", status: 400, fixedMessage: "Missing Authentication Token" },
  incomplete: { code: "IncompleteSignatureException", status: 400 },
  "unknown-key": { code: "UnrecognizedClientException", status: 400 },
  "expired-token": { code: "ExpiredTokenException", status: 400 },
  "signature-mismatch": { code: "InvalidSignatureException", status: 400 },
};

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
    const text = req.body.toString("utf8").trim();
    if (text === "") return { operation, input: {} };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ServiceError("SerializationException", "The request body is not valid JSON.", 400);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ServiceError("SerializationException", "Start of structure or map found where not expected.", 400);
    }
    return { operation, input: parsed as Record<string, unknown> };
  }

  encodeOutput(_operation: string, output: object, requestId: string): HttpResponse {
    return this.response(200, output, requestId);
  }

  encodeError(error: ServiceError, requestId: string): HttpResponse {
    return this.response(error.status, { __type: error.code, message: error.message }, requestId);
  }

  authError(kind: AuthFailureKind, message: string): ServiceError {
    const spec = AUTH_ERRORS[kind];
    return new ServiceError(spec.code, spec.fixedMessage ?? message, spec.status);
  }

  private response(status: number, body: object, requestId: string): HttpResponse {
    return {
      status,
      headers: { "Content-Type": this.contentType, "x-amzn-RequestId": requestId },
      body: JSON.stringify(body),
    };
  }
}
