import type * as pulumi from "@pulumi/pulumi";
import { InboundConnectionAccepterResource } from "../crosscluster/inbound-connection-accepter";
import type { InboundConnectionAccepterArgs } from "../crosscluster/inbound-connection-accepter";

export type { InboundConnectionAccepterArgs };

/**
 * The destination owner's answer to a legacy Elasticsearch cross-cluster connection
 * (Accept/RejectInboundCrossClusterSearchConnection): accept (waits for APPROVED, the legacy API's accepted status)
 * or reject. A connection made with the OpenSearch API needs opensearch.InboundConnectionAccepter.
 */
export class InboundConnectionAccepter extends InboundConnectionAccepterResource {
  constructor(name: string, args: InboundConnectionAccepterArgs, opts?: pulumi.CustomResourceOptions) {
    super("elasticsearch", name, args, opts);
  }
}
