// The wire side of calls to the dynamic-provider host: property maps to and from protobuf Structs, the URN-derived
// identity every resource request carries, and provider errors decoded from gRPC statuses.
import { grpc, provproto, statusproto, structproto } from "./deps";
import type { PropertyMap } from "./props";

export interface InitFailure {
  id: string;
  properties: PropertyMap;
  reasons: string[];
}

/** An error returned by the provider host; `initFailure` is set for ErrorResourceInitFailed (a partial failure). */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly code: number,
    readonly initFailure?: InitFailure,
  ) {
    super(message);
    this.name = "ProviderError";
  }
}

type StructT = InstanceType<typeof structproto.Struct>;

export function toStruct(m: PropertyMap): StructT {
  return structproto.Struct.fromJavaScript(m as Record<string, import("google-protobuf/google/protobuf/struct_pb").JavaScriptValue>);
}

export function fromStruct(s: StructT | undefined): PropertyMap | undefined {
  if (!s) return undefined;
  return s.toJavaScript() as PropertyMap;
}

/** The resource requests (Check, Diff, Create, Update, Read, Delete) all name their resource the same way. */
export interface HasIdentity {
  setUrn(v: string): unknown;
  setName(v: string): unknown;
  setType(v: string): unknown;
}

/** Sets a request's urn, name and type from the URN (the type without the qualifier a parent adds to it). */
export function setIdentity(req: HasIdentity, urn: string): void {
  req.setUrn(urn);
  const parts = urn.split("::");
  req.setName(parts.slice(3).join("::"));
  const qualified = parts[2] ?? "";
  req.setType(qualified.split("$").pop() ?? qualified);
}

/** Decodes a gRPC error, including ErrorResourceInitFailed details in `grpc-status-details-bin`. */
export function toProviderError(err: import("@grpc/grpc-js").ServiceError, hostExited: boolean): ProviderError {
  let init: InitFailure | undefined;
  const bins = err.metadata?.get("grpc-status-details-bin") ?? [];
  for (const bin of bins) {
    try {
      const st = statusproto.Status.deserializeBinary(new Uint8Array(bin as Buffer));
      for (const any of st.getDetailsList()) {
        if (any.getTypeName() === "pulumirpc.ErrorResourceInitFailed" || any.getTypeUrl().endsWith("/pulumirpc.ErrorResourceInitFailed")) {
          const d = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
          init = { id: d.getId(), properties: fromStruct(d.getProperties()) ?? {}, reasons: d.getReasonsList() };
        }
      }
    } catch {
      // not a status we understand
    }
  }
  let message = err.details || err.message;
  if (hostExited && (err.code === grpc.status.UNAVAILABLE || err.code === grpc.status.CANCELLED)) {
    message = `the dynamic-provider host exited: ${message}`;
  }
  return new ProviderError(message, err.code, init && init.id ? init : undefined);
}
