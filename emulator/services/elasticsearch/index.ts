import type { CrossClusterStatus } from "../../types";
import type { CcConnectionRecord } from "../crosscluster/model";
import type { FamilySpec } from "../crosscluster/operations";
import { connectionStatus, crossClusterService, domainInformation, requestedDomain } from "../crosscluster/rest-api";
import { checkAlias } from "../crosscluster/validation";
import type { ServiceDefinition } from "../types";

const PREFIX = "/2015-01-01/es/";
const ID = "CrossClusterSearchConnectionId";
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

function outbound(c: CcConnectionRecord): object {
  return {
    SourceDomainInfo: domainInformation(c.local),
    DestinationDomainInfo: domainInformation(c.remote),
    CrossClusterSearchConnectionId: c.connectionId,
    ConnectionAlias: c.connectionAlias,
    ConnectionStatus: connectionStatus(outboundCode(c.status), c),
  };
}

function inbound(c: CcConnectionRecord): object {
  return {
    SourceDomainInfo: domainInformation(c.local),
    DestinationDomainInfo: domainInformation(c.remote),
    CrossClusterSearchConnectionId: c.connectionId,
    ConnectionStatus: connectionStatus(inboundCode(c.status), c),
  };
}

/** Amazon Elasticsearch Service, the legacy configuration API (2015-01-01): restJson1, SigV4 name "es". */
export const elasticsearch: ServiceDefinition = crossClusterService({
  name: "Elasticsearch",
  prefix: PREFIX,
  routes: {
    create: { method: "POST", path: `${PREFIX}ccs/outboundConnection`, operation: "CreateOutboundCrossClusterSearchConnection" },
    describeOutbound: { method: "POST", path: `${PREFIX}ccs/outboundConnection/search`, operation: "DescribeOutboundCrossClusterSearchConnections" },
    describeInbound: { method: "POST", path: `${PREFIX}ccs/inboundConnection/search`, operation: "DescribeInboundCrossClusterSearchConnections" },
    deleteOutbound: { method: "DELETE", path: `${PREFIX}ccs/outboundConnection/{${ID}}`, operation: "DeleteOutboundCrossClusterSearchConnection" },
    accept: { method: "PUT", path: `${PREFIX}ccs/inboundConnection/{${ID}}/accept`, operation: "AcceptInboundCrossClusterSearchConnection" },
    reject: { method: "PUT", path: `${PREFIX}ccs/inboundConnection/{${ID}}/reject`, operation: "RejectInboundCrossClusterSearchConnection" },
    deleteInbound: { method: "DELETE", path: `${PREFIX}ccs/inboundConnection/{${ID}}`, operation: "DeleteInboundCrossClusterSearchConnection" },
  },
  spec,
  idLabel: ID,
  idMember: "crossClusterSearchConnectionId",
  listMember: "CrossClusterSearchConnections",
  itemMember: "CrossClusterSearchConnection",
  createRequest: (args) => ({
    local: requestedDomain(args.requiredStruct("SourceDomainInfo")),
    remote: requestedDomain(args.requiredStruct("DestinationDomainInfo")),
    connectionAlias: checkAlias("connectionAlias", args.requiredString("ConnectionAlias"), MAX_ALIAS_LENGTH),
    // The legacy API has no connection mode or properties: every connection is DIRECT, SkipUnavailable off.
    connectionMode: "DIRECT",
    skipUnavailable: "DISABLED",
  }),
  outbound,
  inbound,
});
