import type { ResourceSpec } from "../core/spec";
import { outboundConnectionSpec } from "../crosscluster/outbound-spec";
import type { ConnectionView } from "../crosscluster/wire";
import { elasticsearchWire } from "./wire";

/** The legacy API names the sides source/destination and has no connection mode or properties. */
export const outboundConnectionSpecElasticsearch: ResourceSpec<ConnectionView> = outboundConnectionSpec(elasticsearchWire, {
  kind: "elasticsearch:OutboundConnection",
  typeName: "elasticsearch.OutboundConnection",
  local: "sourceDomain",
  remote: "destinationDomain",
  aliasMaxLength: 20,
  extraFields: {},
  extraRules: [],
  requestExtras: () => ({}),
  actualExtras: () => ({}),
});
