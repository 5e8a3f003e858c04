import type { ResourceSpec } from "../core/spec";
import { inboundAccepterSpec } from "../crosscluster/accepter-spec";
import type { ConnectionView } from "../crosscluster/wire";
import { elasticsearchWire } from "./wire";

export const inboundAccepterSpecElasticsearch: ResourceSpec<ConnectionView> = inboundAccepterSpec(elasticsearchWire, {
  kind: "elasticsearch:InboundConnectionAccepter",
  typeName: "elasticsearch.InboundConnectionAccepter",
  otherWire: () => (require("../opensearch/wire") as typeof import("../opensearch/wire")).openSearchWire,
});
