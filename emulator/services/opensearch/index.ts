import { crossClusterControlRoutes } from "../crosscluster/control";
import { validation } from "../crosscluster/errors";
import type { CcConnectionRecord, DomainRef } from "../crosscluster/model";
import { currentState, type CreateRequest, type FamilySpec } from "../crosscluster/operations";
import { connectionStatus, crossClusterService, domainInformation, requestedDomain } from "../crosscluster/rest-api";
import { Struct, checkAlias, checkEndpoint, checkEnum } from "../crosscluster/validation";
import type { ServiceDefinition } from "../types";

const PREFIX = "/2021-01-01/opensearch/";
const ID = "ConnectionId";

const spec: FamilySpec = {
  family: "opensearch",
  filtersMember: "filters",
  outboundFilters: {
    "connection-id": (c) => c.connectionId,
    "remote-domain-info.domain-name": (c) => c.remote.domainName,
    "remote-domain-info.owner-id": (c) => c.remote.ownerId,
    "remote-domain-info.region": (c) => c.remote.region,
    "local-domain-info.domain-name": (c) => c.local.domainName,
  },
  // An inbound connection's LocalDomainInfo is still the source domain: the inbound filters name the other side in full.
  inboundFilters: {
    "connection-id": (c) => c.connectionId,
    "local-domain-info.domain-name": (c) => c.local.domainName,
    "local-domain-info.owner-id": (c) => c.local.ownerId,
    "local-domain-info.region": (c) => c.local.region,
    "remote-domain-info.domain-name": (c) => c.remote.domainName,
  },
};

function domainInfo(d: DomainRef): object {
  return { AWSDomainInformation: domainInformation(d) };
}

/** OutboundConnection (also the flat CreateOutboundConnection response). */
function outbound(c: CcConnectionRecord): object {
  return {
    LocalDomainInfo: domainInfo(c.local),
    RemoteDomainInfo: domainInfo(c.remote),
    ConnectionId: c.connectionId,
    ConnectionAlias: c.connectionAlias,
    ConnectionStatus: connectionStatus(c.status, c),
    ConnectionMode: c.connectionMode,
    ConnectionProperties: {
      ...(c.endpoint !== undefined ? { Endpoint: c.endpoint } : {}),
      CrossClusterSearch: { SkipUnavailable: c.skipUnavailable },
    },
  };
}

/** InboundConnection: no alias and no properties; the status codes are those of the outbound side. */
function inbound(c: CcConnectionRecord): object {
  return {
    LocalDomainInfo: domainInfo(c.local),
    RemoteDomainInfo: domainInfo(c.remote),
    ConnectionId: c.connectionId,
    ConnectionStatus: connectionStatus(c.status, c),
    ConnectionMode: c.connectionMode,
  };
}

function createRequest(args: Struct): CreateRequest {
  const local = requestedDomain(args.requiredStruct("LocalDomainInfo").requiredStruct("AWSDomainInformation"));
  const remote = requestedDomain(args.requiredStruct("RemoteDomainInfo").requiredStruct("AWSDomainInformation"));
  const connectionAlias = checkAlias("connectionAlias", args.requiredString("ConnectionAlias"), 100);
  const mode = args.optionalString("ConnectionMode");
  const connectionMode = mode === undefined ? "DIRECT" : checkEnum("connectionMode", mode, ["DIRECT", "VPC_ENDPOINT"] as const);
  const properties = args.optionalStruct("ConnectionProperties");
  const rawEndpoint = properties?.optionalString("Endpoint");
  const endpoint = rawEndpoint === undefined ? undefined : checkEndpoint("connectionProperties.endpoint", rawEndpoint);
  const skip = properties?.optionalStruct("CrossClusterSearch")?.optionalString("SkipUnavailable");
  const skipUnavailable = skip === undefined ? "DISABLED" : checkEnum("connectionProperties.crossClusterSearch.skipUnavailable", skip, ["ENABLED", "DISABLED"] as const);
  if (connectionMode === "VPC_ENDPOINT" && endpoint === undefined) {
    throw validation("ConnectionProperties.Endpoint is required when ConnectionMode is VPC_ENDPOINT.");
  }
  if (connectionMode === "DIRECT" && endpoint !== undefined) {
    throw validation("ConnectionProperties.Endpoint can only be specified when ConnectionMode is VPC_ENDPOINT.");
  }
  return { local, remote, connectionAlias, connectionMode, ...(endpoint !== undefined ? { endpoint } : {}), skipUnavailable };
}

/**
 * Amazon OpenSearch Service (configuration API 2021-01-01): restJson1, SigV4 name "es". Only the cross-cluster
 * connection operations are emulated; domains come from a fixture and the control API.
 */
export const openSearch: ServiceDefinition = crossClusterService(
  {
    name: "OpenSearch",
    prefix: PREFIX,
    routes: {
      create: { method: "POST", path: `${PREFIX}cc/outboundConnection`, operation: "CreateOutboundConnection" },
      describeOutbound: { method: "POST", path: `${PREFIX}cc/outboundConnection/search`, operation: "DescribeOutboundConnections" },
      describeInbound: { method: "POST", path: `${PREFIX}cc/inboundConnection/search`, operation: "DescribeInboundConnections" },
      deleteOutbound: { method: "DELETE", path: `${PREFIX}cc/outboundConnection/{${ID}}`, operation: "DeleteOutboundConnection" },
      accept: { method: "PUT", path: `${PREFIX}cc/inboundConnection/{${ID}}/accept`, operation: "AcceptInboundConnection" },
      reject: { method: "PUT", path: `${PREFIX}cc/inboundConnection/{${ID}}/reject`, operation: "RejectInboundConnection" },
      deleteInbound: { method: "DELETE", path: `${PREFIX}cc/inboundConnection/{${ID}}`, operation: "DeleteInboundConnection" },
    },
    spec,
    idLabel: ID,
    idMember: "connectionId",
    listMember: "Connections",
    itemMember: "Connection",
    createRequest,
    outbound,
    inbound,
  },
  {
    // The cross-cluster control routes (domains, timings, forced statuses) serve both API families; they live here.
    controlRoutes: crossClusterControlRoutes,
    refresh: (runtime) => void currentState(runtime),
  },
);
