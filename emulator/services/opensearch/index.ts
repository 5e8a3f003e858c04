import { RestJsonProtocol } from "../../protocols/rest-json";
import { crossClusterControlRoutes } from "../crosscluster/control";
import { validation } from "../crosscluster/errors";
import type { CcConnectionRecord, DomainRef } from "../crosscluster/model";
import {
  acceptInbound,
  createConnection,
  currentState,
  deleteConnection,
  describe,
  rejectInbound,
  type FamilySpec,
  type RequestedDomain,
} from "../crosscluster/operations";
import { Struct, checkAlias, checkDomainName, checkEndpoint, checkEnum, checkOwnerId, checkRegion } from "../crosscluster/validation";
import type { OperationHandler, ServiceDefinition } from "../types";

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
  return { AWSDomainInformation: { OwnerId: d.ownerId, DomainName: d.domainName, Region: d.region } };
}

function status(c: CcConnectionRecord): object {
  return { StatusCode: c.status, ...(c.message !== undefined ? { Message: c.message } : {}) };
}

/** OutboundConnection (also the flat CreateOutboundConnection response). */
function outbound(c: CcConnectionRecord): object {
  return {
    LocalDomainInfo: domainInfo(c.local),
    RemoteDomainInfo: domainInfo(c.remote),
    ConnectionId: c.connectionId,
    ConnectionAlias: c.connectionAlias,
    ConnectionStatus: status(c),
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
    ConnectionStatus: status(c),
    ConnectionMode: c.connectionMode,
  };
}

function requestedDomain(container: Struct): RequestedDomain {
  const info = container.requiredStruct("AWSDomainInformation");
  const ownerId = info.optionalString("OwnerId");
  const region = info.optionalString("Region");
  return {
    domainName: checkDomainName(info.member("DomainName"), info.requiredString("DomainName")),
    ...(ownerId !== undefined ? { ownerId: checkOwnerId(info.member("OwnerId"), ownerId) } : {}),
    ...(region !== undefined ? { region: checkRegion(info.member("Region"), region) } : {}),
  };
}

const createOutboundConnection: OperationHandler = (raw, ctx) => {
  const args = Struct.of(raw, "");
  const local = requestedDomain(args.requiredStruct("LocalDomainInfo"));
  const remote = requestedDomain(args.requiredStruct("RemoteDomainInfo"));
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
  const c = createConnection(spec, { local, remote, connectionAlias, connectionMode, ...(endpoint !== undefined ? { endpoint } : {}), skipUnavailable }, ctx);
  return outbound(c);
};

const idOf = (raw: Record<string, unknown>): string => Struct.of(raw, "").requiredString(ID);
const MEMBER = "connectionId";

const describeOutboundConnections: OperationHandler = (raw, ctx) => {
  const page = describe(spec, "outbound", Struct.of(raw, ""), ctx);
  return { Connections: page.connections.map(outbound), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

const describeInboundConnections: OperationHandler = (raw, ctx) => {
  const page = describe(spec, "inbound", Struct.of(raw, ""), ctx);
  return { Connections: page.connections.map(inbound), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

/**
 * Amazon OpenSearch Service (configuration API 2021-01-01): restJson1, SigV4 name "es". Only the cross-cluster
 * connection operations are emulated; domains come from a fixture and the control API.
 */
export const openSearch: ServiceDefinition = {
  name: "OpenSearch",
  signingName: "es",
  protocol: new RestJsonProtocol(PREFIX, [
    { method: "POST", path: `${PREFIX}cc/outboundConnection`, operation: "CreateOutboundConnection" },
    { method: "POST", path: `${PREFIX}cc/outboundConnection/search`, operation: "DescribeOutboundConnections" },
    { method: "POST", path: `${PREFIX}cc/inboundConnection/search`, operation: "DescribeInboundConnections" },
    { method: "DELETE", path: `${PREFIX}cc/outboundConnection/{${ID}}`, operation: "DeleteOutboundConnection" },
    { method: "PUT", path: `${PREFIX}cc/inboundConnection/{${ID}}/accept`, operation: "AcceptInboundConnection" },
    { method: "PUT", path: `${PREFIX}cc/inboundConnection/{${ID}}/reject`, operation: "RejectInboundConnection" },
    { method: "DELETE", path: `${PREFIX}cc/inboundConnection/{${ID}}`, operation: "DeleteInboundConnection" },
  ]),
  operations: {
    CreateOutboundConnection: createOutboundConnection,
    DescribeOutboundConnections: describeOutboundConnections,
    DescribeInboundConnections: describeInboundConnections,
    DeleteOutboundConnection: (raw, ctx) => ({ Connection: outbound(deleteConnection(spec, "outbound", MEMBER, idOf(raw), ctx)) }),
    AcceptInboundConnection: (raw, ctx) => ({ Connection: inbound(acceptInbound(spec, MEMBER, idOf(raw), ctx)) }),
    RejectInboundConnection: (raw, ctx) => ({ Connection: inbound(rejectInbound(spec, MEMBER, idOf(raw), ctx)) }),
    DeleteInboundConnection: (raw, ctx) => ({ Connection: inbound(deleteConnection(spec, "inbound", MEMBER, idOf(raw), ctx)) }),
  },
  faultErrors: {
    throttle: { code: "ThrottlingException", status: 429, message: "Rate exceeded" },
    serverError: { code: "InternalException", status: 500, message: "Internal error. Please try again." },
  },
  // The cross-cluster control routes (domains, timings, forced statuses) serve both API families; they live here.
  controlRoutes: crossClusterControlRoutes,
  refresh: (runtime) => void currentState(runtime),
};
