import { AcceptInboundConnectionCommand, CreateOutboundConnectionCommand, DeleteInboundConnectionCommand, DeleteOutboundConnectionCommand, DescribeInboundConnectionsCommand, DescribeOutboundConnectionsCommand, RejectInboundConnectionCommand } from "@aws-sdk/client-opensearch";
import type { DomainInformationContainer, Filter, InboundConnection, OpenSearchClient, OutboundConnection } from "@aws-sdk/client-opensearch";
import { awsClient, IDEMPOTENT, SINGLE_ATTEMPT } from "../core/aws-clients";
import type { ClientTuning } from "../core/aws-clients";
import { awsCall } from "../core/errors";
import { deleteCall, notFoundAsUndefined } from "../crosscluster/not-found";
import type { ConnectionView, CrossClusterWire, DomainRef, WireCall } from "../crosscluster/wire";

/** OpenSearch Service's cross-cluster API (restJson1 under /2021-01-01/opensearch/cc/…). */
function client(call: WireCall, tuning: ClientTuning): OpenSearchClient {
  return awsClient("opensearch", () => require("@aws-sdk/client-opensearch").OpenSearchClient, call.aws, tuning);
}

function domainOf(container: DomainInformationContainer | undefined): DomainRef {
  const info = container?.AWSDomainInformation;
  return { domainName: info?.DomainName ?? "", ownerId: info?.OwnerId, region: info?.Region };
}

function toContainer(domain: DomainRef): DomainInformationContainer {
  return { AWSDomainInformation: { DomainName: domain.domainName, OwnerId: domain.ownerId, Region: domain.region } };
}

function outboundView(c: OutboundConnection): ConnectionView {
  return {
    id: c.ConnectionId ?? "",
    alias: c.ConnectionAlias,
    status: c.ConnectionStatus?.StatusCode ?? "UNKNOWN",
    message: c.ConnectionStatus?.Message,
    local: domainOf(c.LocalDomainInfo),
    remote: domainOf(c.RemoteDomainInfo),
    mode: c.ConnectionMode,
    endpoint: c.ConnectionProperties?.Endpoint,
    skipUnavailable: c.ConnectionProperties?.CrossClusterSearch?.SkipUnavailable,
  };
}

function inboundView(c: InboundConnection): ConnectionView {
  return {
    id: c.ConnectionId ?? "",
    status: c.ConnectionStatus?.StatusCode ?? "UNKNOWN",
    message: c.ConnectionStatus?.Message,
    local: domainOf(c.LocalDomainInfo),
    remote: domainOf(c.RemoteDomainInfo),
    mode: c.ConnectionMode,
  };
}

const byId = (id: string): Filter[] => [{ Name: "connection-id", Values: [id] }];
/** Ids per shared describe: one page (100) holds every connection they name. */
const IDS_PER_CALL = 100;

export const openSearchWire: CrossClusterWire = {
  family: "opensearch",
  sdkPackage: "@aws-sdk/client-opensearch",
  inboundAccepted: { settling: ["APPROVED", "PROVISIONING"], final: ["ACTIVE"] },

  async createOutbound(call, request) {
    const output = await client(call, SINGLE_ATTEMPT).send(
      new CreateOutboundConnectionCommand({
        LocalDomainInfo: toContainer(request.local),
        RemoteDomainInfo: toContainer(request.remote),
        ConnectionAlias: request.alias,
        ConnectionMode: request.mode as "DIRECT" | "VPC_ENDPOINT" | undefined,
        ConnectionProperties:
          request.endpoint || request.skipUnavailable
            ? {
                Endpoint: request.endpoint,
                CrossClusterSearch: request.skipUnavailable ? { SkipUnavailable: request.skipUnavailable as "ENABLED" | "DISABLED" } : undefined,
              }
            : undefined,
      }),
    );
    if (!output.ConnectionId) throw new Error(`${call.label}: CreateOutboundConnection returned no ConnectionId`);
    return outboundView(output);
  },

  async findOutbound(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "DescribeOutboundConnections", () =>
      client(call, IDEMPOTENT).send(new DescribeOutboundConnectionsCommand({ Filters: byId(id) })).catch(notFoundAsUndefined),
    );
    const found = output?.Connections?.find((c) => c.ConnectionId === id);
    return found ? outboundView(found) : undefined;
  },

  async listOutbound(call, localDomainName) {
    const views: ConnectionView[] = [];
    let NextToken: string | undefined;
    do {
      const page = await awsCall(call.label, "DescribeOutboundConnections", () =>
        client(call, IDEMPOTENT).send(
          new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "local-domain-info.domain-name", Values: [localDomainName] }], MaxResults: 100, NextToken }),
        ),
      );
      views.push(...(page.Connections ?? []).map(outboundView));
      NextToken = page.NextToken;
    } while (NextToken);
    return views;
  },

  async findInbound(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "DescribeInboundConnections", () =>
      client(call, IDEMPOTENT).send(new DescribeInboundConnectionsCommand({ Filters: byId(id) })).catch(notFoundAsUndefined),
    );
    const found = output?.Connections?.find((c) => c.ConnectionId === id);
    return found ? inboundView(found) : undefined;
  },

  async describeMany(call, side, ids) {
    const views: ConnectionView[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_CALL) {
      const Filters: Filter[] = [{ Name: "connection-id", Values: ids.slice(start, start + IDS_PER_CALL) }];
      const found =
        side === "outbound"
          ? ((await awsCall(call.label, "DescribeOutboundConnections", () =>
              client(call, IDEMPOTENT).send(new DescribeOutboundConnectionsCommand({ Filters, MaxResults: 100 })).catch(notFoundAsUndefined),
            ))?.Connections ?? []).map(outboundView)
          : ((await awsCall(call.label, "DescribeInboundConnections", () =>
              client(call, IDEMPOTENT).send(new DescribeInboundConnectionsCommand({ Filters, MaxResults: 100 })).catch(notFoundAsUndefined),
            ))?.Connections ?? []).map(inboundView);
      views.push(...found);
    }
    return views;
  },

  async accept(call, id) {
    const output = await awsCall(`${call.label} (${id})`, "AcceptInboundConnection", () => client(call, IDEMPOTENT).send(new AcceptInboundConnectionCommand({ ConnectionId: id })));
    return output.Connection ? inboundView(output.Connection) : undefined;
  },

  async reject(call, id) {
    await awsCall(`${call.label} (${id})`, "RejectInboundConnection", () => client(call, IDEMPOTENT).send(new RejectInboundConnectionCommand({ ConnectionId: id })));
  },

  deleteOutbound: (call, id) =>
    deleteCall(call, "DeleteOutboundConnection", id, () => client(call, IDEMPOTENT).send(new DeleteOutboundConnectionCommand({ ConnectionId: id }))),

  deleteInbound: (call, id) =>
    deleteCall(call, "DeleteInboundConnection", id, () => client(call, IDEMPOTENT).send(new DeleteInboundConnectionCommand({ ConnectionId: id }))),
};
