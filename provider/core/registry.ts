import type { ResourceSpec } from "./spec";

/**
 * Kind → spec, loaded on first use so a program with one resource type loads one AWS SDK client. Old state names its
 * kind forever: never rename or remove a kind here, only add.
 */
const SPECS: Record<string, () => ResourceSpec<unknown>> = {
  "directconnect:Connection": () => (require("../directconnect/connection") as typeof import("../directconnect/connection")).connectionSpec as ResourceSpec<unknown>,
  "opensearch:OutboundConnection": () =>
    (require("../opensearch/outbound-connection") as typeof import("../opensearch/outbound-connection")).outboundConnectionSpecOpenSearch as ResourceSpec<unknown>,
  "opensearch:InboundConnectionAccepter": () =>
    (require("../opensearch/inbound-connection-accepter") as typeof import("../opensearch/inbound-connection-accepter")).inboundAccepterSpecOpenSearch as ResourceSpec<unknown>,
  "elasticsearch:OutboundConnection": () =>
    (require("../elasticsearch/outbound-connection") as typeof import("../elasticsearch/outbound-connection")).outboundConnectionSpecElasticsearch as ResourceSpec<unknown>,
  "elasticsearch:InboundConnectionAccepter": () =>
    (require("../elasticsearch/inbound-connection-accepter") as typeof import("../elasticsearch/inbound-connection-accepter")).inboundAccepterSpecElasticsearch as ResourceSpec<unknown>,
  "opensearch:DataSourceAttachment": () =>
    (require("../opensearch/data-source-attachment") as typeof import("../opensearch/data-source-attachment")).dataSourceAttachmentSpec as ResourceSpec<unknown>,
};

export function specFor(kind: string): ResourceSpec<unknown> {
  const load = SPECS[kind];
  if (!load) throw new Error(`pulumi-aws-connections does not know the resource kind "${kind}"; known: ${Object.keys(SPECS).join(", ")}`);
  return load();
}
