import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { authenticate } from "./auth";
import { send } from "./http-io";
import { ServiceError, type HttpResponse, type RawRequest } from "./protocols/types";
import type { ServerRuntime } from "./runtime";
import { routeRequest } from "./services/registry";
import type { ServiceDefinition } from "./services/types";
import { isAuthFailure } from "./sigv4";
import type { ArmedFault, RequestLogEntry } from "./types";

type LogDraft = Omit<RequestLogEntry, "seq" | "status">;

/**
 * Serves one AWS API request: route to a service, authenticate, decode, apply any armed fault, run the operation,
 * encode. Every outcome is logged exactly once.
 */
export async function dispatch(raw: RawRequest, res: ServerResponse, runtime: ServerRuntime): Promise<void> {
  const realNow = Date.now();
  const requestId = randomUUID();
  const service = routeRequest(raw);
  if (!service) {
    runtime.log.record({ time: new Date(realNow).toISOString(), service: "Unknown", operation: "Unknown", requestId, status: 400, errorCode: "UnknownOperationException" });
    send(res, {
      status: 400,
      headers: { "Content-Type": "application/x-amz-json-1.1", "x-amzn-RequestId": requestId },
      body: JSON.stringify({ __type: "UnknownOperationException", message: "The request does not name an operation of any emulated service." }),
    });
    return;
  }

  const protocol = service.protocol;
  const draft: LogDraft = { time: new Date(realNow).toISOString(), service: service.name, operation: protocol.peekOperation(raw) ?? "Unknown", requestId };
  const reply = (response: HttpResponse, extra: Partial<RequestLogEntry> = {}): void => {
    runtime.log.record({ ...draft, ...extra, status: response.status });
    send(res, response);
  };
  const replyError = (error: ServiceError, extra: Partial<RequestLogEntry> = {}): void =>
    reply(protocol.encodeError(error, requestId), { ...extra, errorCode: error.code });

  const auth = authenticate(raw, service.signingName, runtime.store, realNow);
  if (isAuthFailure(auth)) {
    replyError(protocol.authError(auth.kind, auth.message));
    return;
  }
  Object.assign(draft, { accountId: auth.caller.accountId, region: auth.region });

  let operation: string;
  let input: Record<string, unknown>;
  try {
    ({ operation, input } = protocol.decode(raw, new Set(Object.keys(service.operations))));
  } catch (err) {
    replyError(asServiceError(err, service));
    return;
  }
  draft.operation = operation;

  const fault = runtime.faults.take({ serviceNames: [service.name, service.signingName], operation });
  if (fault?.kind === "latency") await sleep(fault.latencyMs ?? 0);
  const failing = fault && fault.kind !== "latency" ? fault : undefined;
  if (failing && failing.when !== "after") {
    applyFault(failing, service, res, replyError, draft, runtime);
    return;
  }

  let response: HttpResponse;
  let errorCode: string | undefined;
  // A delayed read (eventual consistency) runs on a copy of the state as it was; everything else on the live state.
  const view = runtime.consistency.viewFor(runtime, service.name, operation);
  try {
    const output = service.operations[operation](input, { caller: auth.caller, region: auth.region, requestId, runtime: view ?? runtime, realNow });
    response = protocol.encodeOutput(operation, output, requestId);
  } catch (err) {
    const error = asServiceError(err, service);
    errorCode = error.code;
    response = protocol.encodeError(error, requestId);
  }
  // Reads age state machines too, so every executed operation may have changed the store. The answer waits until the
  // change is saved (with --state): a response is never sent for a change a crash could still lose.
  try {
    await runtime.store.settle();
  } catch (err) {
    process.stderr.write(`emulator: ${err instanceof Error ? err.message : String(err)}\n`);
    const spec = service.faultErrors.serverError;
    replyError(new ServiceError(spec.code, spec.message, spec.status));
    return;
  }

  if (failing) {
    // "after": the operation ran and its effects stay; only the response is lost or replaced.
    applyFault(failing, service, res, replyError, draft, runtime);
    return;
  }
  reply(response, { ...(fault ? { fault: fault.kind } : {}), ...(errorCode ? { errorCode } : {}) });
}

function applyFault(
  fault: ArmedFault,
  service: ServiceDefinition,
  res: ServerResponse,
  replyError: (error: ServiceError, extra?: Partial<RequestLogEntry>) => void,
  draft: LogDraft,
  runtime: ServerRuntime,
): void {
  if (fault.kind === "reset") {
    runtime.log.record({ ...draft, status: 0, fault: "reset" });
    // No response at all: the client sees ECONNRESET / "socket hang up", like a dropped connection.
    res.socket?.destroy();
    return;
  }
  if (fault.kind === "hang") {
    runtime.log.record({ ...draft, status: 0, fault: "hang" });
    // Nothing is sent: the client waits until its own timeout closes the connection. Once the faults are cleared (or
    // the emulator stops) the connection is dropped, still unanswered, so no test leaves a request hanging forever.
    const socket = res.socket;
    void runtime.faults
      .hold((onClose) => (socket && !socket.destroyed ? socket.once("close", onClose) : onClose()))
      .then(() => socket?.destroy());
    return;
  }
  const spec = fault.kind === "throttle" ? service.faultErrors.throttle : service.faultErrors.serverError;
  replyError(new ServiceError(spec.code, spec.message, spec.status), { fault: fault.kind });
}

function asServiceError(err: unknown, service: ServiceDefinition): ServiceError {
  if (err instanceof ServiceError) return err;
  process.stderr.write(`emulator: ${service.name} handler failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  const spec = service.faultErrors.serverError;
  return new ServiceError(spec.code, spec.message, spec.status);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
