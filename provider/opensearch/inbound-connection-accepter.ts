import type { ResourceSpec } from "../core/spec";
import { inboundAccepterSpec } from "../crosscluster/accepter-spec";
import type { ConnectionView } from "../crosscluster/wire";
import { openSearchWire } from "./wire";

export const inboundAccepterSpecOpenSearch: ResourceSpec<ConnectionView> = inboundAccepterSpec(openSearchWire, {
  kind: "opensearch:InboundConnectionAccepter",
  typeName: "opensearch.InboundConnectionAccepter",
  otherWire: () => (require("../elasticsearch/wire") as typeof import("../elasticsearch/wire")).elasticsearchWire,
});
