import { RestJsonProtocol } from "../../protocols/rest-json";
import type { CrossClusterStatus } from "../../types";
import type { CcConnectionRecord, DomainRef } from "../crosscluster/model";
import {
  acceptInbound,
  createConnection,
  deleteConnection,
  describe,
  rejectInbound,
  type FamilySpec,
  type RequestedDomain,
} from "../crosscluster/operations";
import { Struct, checkAlias, checkDomainName, checkOwnerId, checkRegion } from "../crosscluster/validation";
import type { OperationHandler, ServiceDefinition } from "../types";

const PREFIX = "/2015-01-01/es/";
const ID = "CrossClusterSearchConnectionId";
const MEMBER = "crossClusterSearchConnectionId";
/** The legacy API allows shorter aliases than the OpenSearch API (20 characters, not 100). */
const MAX_ALIAS_LENGTH = 20;

const spec: FamilySpec = {
  family: "elasticsearch",
  filtersMember: "filters",
  outboundFilters: {
    "cross-cluster-search-connection-id": (c) => c.connectionId,
    "destination-domain-info.domain-name": (c) => c.remote.domainName,
    "destination-domain-info.owner-id": (c) => c.remote.ownerId,
    "destination-domain-info.region": (c) => c.remote.region,
    "source-domain-info.domain-name": (c) => c.local.domainName,
  },
  inboundFilters: {
    "cross-cluster-search-connection-id": (c) => c.connectionId,
    "source-domain-info.domain-name": (c) => c.local.domainName,
    "source-domain-info.owner-id": (c) => c.local.ownerId,
    "source-domain-info.region": (c) => c.local.region,
    "destination-domain-info.domain-name": (c) => c.remote.domainName,
  },
};

/**
 * The legacy API has fewer status codes than the OpenSearch API. Outbound: no APPROVED (an accepted connection reports
 * PROVISIONING until ACTIVE) and no REJECTING (REJECTED at once). Inbound: APPROVED is the accepted state (no
 * PROVISIONING or ACTIVE).
 */
function outboundCode(s: CrossClusterStatus): string {
  return s === "APPROVED" ? "PROVISIONING" : s === "REJECTING" ? "REJECTED" : s;
}

function inboundCode(s: CrossClusterStatus): string {
  return s === "PROVISIONING" || s === "ACTIVE" ? "APPROVED" : s;
}

function domainInfo(d: DomainRef): object {
  return { OwnerId: d.ownerId, DomainName: d.domainName, Region: d.region };
}

function status(code: string, c: CcConnectionRecord): object {
  return { StatusCode: code, ...(c.message !== undefined ? { Message: c.message } : {}) };
}

function outbound(c: CcConnectionRecord): object {
  return {
    SourceDomainInfo: domainInfo(c.local),
    DestinationDomainInfo: domainInfo(c.remote),
    CrossClusterSearchConnectionId: c.connectionId,
    ConnectionAlias: c.connectionAlias,
    ConnectionStatus: status(outboundCode(c.status), c),
  };
}

function inbound(c: CcConnectionRecord): object {
  return {
    SourceDomainInfo: domainInfo(c.local),
    DestinationDomainInfo: domainInfo(c.remote),
    CrossClusterSearchConnectionId: c.connectionId,
    ConnectionStatus: status(inboundCode(c.status), c),
  };
}

function requestedDomain(info: Struct): RequestedDomain {
  const ownerId = info.optionalString("OwnerId");
  const region = info.optionalString("Region");
  return {
    domainName: checkDomainName(info.member("DomainName"), info.requiredString("DomainName")),
    ...(ownerId !== undefined ? { ownerId: checkOwnerId(info.member("OwnerId"), ownerId) } : {}),
    ...(region !== undefined ? { region: checkRegion(info.member("Region"), region) } : {}),
  };
}

const createOutbound: OperationHandler = (raw, ctx) => {
  const args = Struct.of(raw, "");
  const local = requestedDomain(args.requiredStruct("SourceDomainInfo"));
  const remote = requestedDomain(args.requiredStruct("DestinationDomainInfo"));
  const connectionAlias = checkAlias("connectionAlias", args.requiredString("ConnectionAlias"), MAX_ALIAS_LENGTH);
  // The legacy API has no connection mode or properties: every connection is DIRECT, SkipUnavailable off.
  return outbound(createConnection(spec, { local, remote, connectionAlias, connectionMode: "DIRECT", skipUnavailable: "DISABLED" }, ctx));
};

const idOf = (raw: Record<string, unknown>): string => Struct.of(raw, "").requiredString(ID);

/** Amazon Elasticsearch Service, the legacy configuration API (2015-01-01): restJson1, SigV4 name "es". */
export const elasticsearch: ServiceDefinition = {
  name: "Elasticsearch",
  signingName: "es",
  protocol: new RestJsonProtocol(PREFIX, [
    { method: "POST", path: `${PREFIX}ccs/outboundConnection`, operation: "CreateOutboundCrossClusterSearchConnection" },
    { method: "POST", path: `${PREFIX}ccs/outboundConnection/search`, operation: "DescribeOutboundCrossClusterSearchConnections" },
    { method: "POST", path: `${PREFIX}ccs/inboundConnection/search`, operation: "DescribeInboundCrossClusterSearchConnections" },
    { method: "DELETE", path: `${PREFIX}ccs/outboundConnection/{${ID}}`, operation: "DeleteOutboundCrossClusterSearchConnection" },
    { method: "PUT", path: `${PREFIX}ccs/inboundConnection/{${ID}}/accept`, operation: "AcceptInboundCrossClusterSearchConnection" },
    { method: "PUT", path: `${PREFIX}ccs/inboundConnection/{${ID}}/reject`, operation: "RejectInboundCrossClusterSearchConnection" },
    { method: "DELETE", path: `${PREFIX}ccs/inboundConnection/{${ID}}`, operation: "DeleteInboundCrossClusterSearchConnection" },
  ]),
  operations: {
    CreateOutboundCrossClusterSearchConnection: createOutbound,
    DescribeOutboundCrossClusterSearchConnections: (raw, ctx) => {
      const page = describe(spec, "outbound", Struct.of(raw, ""), ctx);
      return { CrossClusterSearchConnections: page.connections.map(outbound), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
    DescribeInboundCrossClusterSearchConnections: (raw, ctx) => {
      const page = describe(spec, "inbound", Struct.of(raw, ""), ctx);
      return { CrossClusterSearchConnections: page.connections.map(inbound), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
    },
    DeleteOutboundCrossClusterSearchConnection: (raw, ctx) => ({
      CrossClusterSearchConnection: outbound(deleteConnection(spec, "outbound", MEMBER, idOf(raw), ctx)),
    }),
    AcceptInboundCrossClusterSearchConnection: (raw, ctx) => ({ CrossClusterSearchConnection: inbound(acceptInbound(spec, MEMBER, idOf(raw), ctx)) }),
    RejectInboundCrossClusterSearchConnection: (raw, ctx) => ({ CrossClusterSearchConnection: inbound(rejectInbound(spec, MEMBER, idOf(raw), ctx)) }),
    DeleteInboundCrossClusterSearchConnection: (raw, ctx) => ({
      CrossClusterSearchConnection: inbound(deleteConnection(spec, "inbound", MEMBER, idOf(raw), ctx)),
    }),
  },
  faultErrors: {
    // The legacy model declares no throttling error; AWS's front end answers 429, which the SDK retries.
    throttle: { code: "ThrottlingException", status: 429, message: "Rate exceeded" },
    serverError: { code: "InternalException", status: 500, message: "Internal error. Please try again." },
  },
};
