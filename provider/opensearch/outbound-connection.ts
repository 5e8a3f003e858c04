import type { ResourceSpec } from "../core/spec";
import { matches, oneOf } from "../core/validators";
import { outboundConnectionSpec } from "../crosscluster/outbound-spec";
import type { ConnectionView } from "../crosscluster/wire";
import { openSearchWire } from "./wire";

export const outboundConnectionSpecOpenSearch: ResourceSpec<ConnectionView> = outboundConnectionSpec(openSearchWire, {
  kind: "opensearch:OutboundConnection",
  typeName: "opensearch.OutboundConnection",
  local: "localDomain",
  remote: "remoteDomain",
  aliasMaxLength: 100,
  extraFields: {
    connectionMode: { type: "string", immutable: true, default: "DIRECT", validators: [oneOf(["DIRECT", "VPC_ENDPOINT"])] },
    // "The Endpoint attribute cannot be modified" (API reference).
    endpoint: { type: "string", immutable: true, validators: [matches(/^[A-Za-z0-9.-]+$/, "a host name (letters, digits, dots and hyphens)")] },
    skipUnavailable: { type: "string", immutable: true, validators: [oneOf(["ENABLED", "DISABLED"])] },
  },
  extraRules: [
    {
      uses: ["endpoint", "connectionMode"],
      check: (inputs) =>
        inputs.endpoint !== undefined && inputs.connectionMode !== "VPC_ENDPOINT"
          ? [{ path: "endpoint", rule: 'applies only to connectionMode "VPC_ENDPOINT"' }]
          : [],
    },
  ],
  requestExtras: (inputs) => ({
    mode: inputs.connectionMode as string | undefined,
    endpoint: inputs.endpoint as string | undefined,
    skipUnavailable: inputs.skipUnavailable as string | undefined,
  }),
  actualExtras: (view, previous) => ({
    connectionMode: view.mode ?? previous.connectionMode,
    endpoint: previous.endpoint !== undefined ? view.endpoint : undefined,
    skipUnavailable: previous.skipUnavailable !== undefined ? view.skipUnavailable : undefined,
  }),
});
