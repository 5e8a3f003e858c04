import { AcceptInboundCrossClusterSearchConnectionCommand, CreateOutboundCrossClusterSearchConnectionCommand, DeleteInboundCrossClusterSearchConnectionCommand, DeleteOutboundCrossClusterSearchConnectionCommand, DescribeInboundCrossClusterSearchConnectionsCommand, DescribeOutboundCrossClusterSearchConnectionsCommand, RejectInboundCrossClusterSearchConnectionCommand } from "@aws-sdk/client-elasticsearch-service";
import type { DomainInformation, ElasticsearchServiceClient, Filter, InboundCrossClusterSearchConnection, OutboundCrossClusterSearchConnection } from "@aws-sdk/client-elasticsearch-service";
import { awsClient, IDEMPOTENT, SINGLE_ATTEMPT } from "../core/aws-clients";
import type { ClientTuning } from "../core/aws-clients";
import { awsCall } from "../core/errors";
import { deleteCall, notFoundAsUndefined } from "../crosscluster/not-found";
import type { ConnectionView, CrossClusterWire, DomainRef, WireCall } from "../crosscluster/wire";

/**
 * The legacy Elasticsearch Service cross-cluster API (restJson1 under /2015-01-01/es/ccs/…): flat domain info,
 * source/destination instead of local/remote, `CrossClusterSearchConnectionId`, no connection mode or properties.
 */
function client(call: WireCall, tuning: ClientTuning): ElasticsearchServiceClient {
  return awsClient("elasticsearch", () => require("@aws-sdk/client-elasticsearch-service").ElasticsearchServiceClient, call.aws, tuning);
}

function domainOf(info: DomainInformation | undefined): DomainRef {
  return { domainName: info?.DomainName ?? "", ownerId: info?.OwnerId, region: info?.Region };
}

function toInfo(domain: DomainRef): DomainInformation {
  return { DomainName: domain.domainName, OwnerId: domain.ownerId, Region: domain.region };
}

function view(c: OutboundCrossClusterSearchConnection | InboundCrossClusterSearchConnection): ConnectionView {
  return {
    id: c.CrossClusterSearchConnectionId ?? "",
    alias: "ConnectionAlias" in c ? c.ConnectionAlias : undefined,
    status: c.ConnectionStatus?.StatusCode ?? "UNKNOWN",
    message: c.ConnectionStatus?.Message,
    local: domainOf(c.SourceDomainInfo),
    remote: domainOf(c.DestinationDomainInfo),
  };
}

const byId = (id: string): Filter[] => [{ Name: "cross-cluster-search-connection-id", Values: [id] }];
/** Ids per shared describe: one page (100) holds every connection they name. */
const IDS_PER_CALL = 100;

export const elasticsearchWire: CrossClusterWire = {
  family: "elasticsearch",
  sdkPackage: "@aws-sdk/client-elasticsearch-service",
  inboundAccepted: { settling: [], final: ["APPROVED"] },

  async createOutbound(call, request) {
    const output = await client(call, SINGLE_ATTEMPT).send(
      new CreateOutboundCrossClusterSearchConnectionCommand({
        SourceDomainInfo: toInfo(request.local),
        DestinationDomainInfo: toInfo(request.remote),
        ConnectionAlias: request.alias,
      }),
    );
    if (!output.CrossClusterSearchConnectionId) throw new Error(`${call.label}: CreateOutboundCrossClusterSearchConnection returned no id`);
    return view(output);
  },

  async findOutbound(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "DescribeOutboundCrossClusterSearchConnections", () =>
      client(call, IDEMPOTENT).send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: byId(id) })).catch(notFoundAsUndefined),
    );
    const found = output?.CrossClusterSearchConnections?.find((c) => c.CrossClusterSearchConnectionId === id);
    return found ? view(found) : undefined;
  },

  async listOutbound(call, localDomainName) {
    const views: ConnectionView[] = [];
    let NextToken: string | undefined;
    do {
      const page = await awsCall(call.label, "DescribeOutboundCrossClusterSearchConnections", () =>
        client(call, IDEMPOTENT).send(
          new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "source-domain-info.domain-name", Values: [localDomainName] }], MaxResults: 100, NextToken }),
        ),
      );
      views.push(...(page.CrossClusterSearchConnections ?? []).map(view));
      NextToken = page.NextToken;
    } while (NextToken);
    return views;
  },

  async findInbound(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "DescribeInboundCrossClusterSearchConnections", () =>
      client(call, IDEMPOTENT).send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: byId(id) })).catch(notFoundAsUndefined),
    );
    const found = output?.CrossClusterSearchConnections?.find((c) => c.CrossClusterSearchConnectionId === id);
    return found ? view(found) : undefined;
  },

  async describeMany(call, side, ids) {
    const views: ConnectionView[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
      const Filters: Filter[] = [{ Name: "cross-cluster-search-connection-id", Values: ids.slice(start, start + IDS_PER_CALL) }];
      const found =
        side === "outbound"
          ? (await awsCall(call.label, "DescribeOutboundCrossClusterSearchConnections", () =>
              client(call, IDEMPOTENT).send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters, MaxResults: 100 })).catch(notFoundAsUndefined),
            ))?.CrossClusterSearchConnections
          : (await awsCall(call.label, "DescribeInboundCrossClusterSearchConnections", () =>
              client(call, IDEMPOTENT).send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters, MaxResults: 100 })).catch(notFoundAsUndefined),
            ))?.CrossClusterSearchConnections;
      views.push(...(found ?? []).map(view));
    }
    return views;
  },

  async accept(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "AcceptInboundCrossClusterSearchConnection", () =>
      client(call, IDEMPOTENT).send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })),
    );
    return output.CrossClusterSearchConnection ? view(output.CrossClusterSearchConnection) : undefined;
  },

  async reject(call, id) {
    await awsCall(`${call.label} (${id})`, "RejectInboundCrossClusterSearchConnection", () =>
      client(call, IDEMPOTENT).send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })),
    );
  },

  deleteOutbound: (call, id) =>
    deleteCall(call, "DeleteOutboundCrossClusterSearchConnection", id, () =>
      client(call, IDEMPOTENT).send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })),
    ),

  deleteInbound: (call, id) =>
    deleteCall(call, "DeleteInboundCrossClusterSearchConnection", id, () =>
      client(call, IDEMPOTENT).send(new DeleteInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id })),
    ),
};
