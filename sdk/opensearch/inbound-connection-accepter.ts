import type * as pulumi from "@pulumi/pulumi";
import { InboundConnectionAccepterResource } from "../crosscluster/inbound-connection-accepter";
import type { InboundConnectionAccepterArgs } from "../crosscluster/inbound-connection-accepter";

export type { InboundConnectionAccepterArgs };

/**
 * The remote domain owner's answer to an OpenSearch cross-cluster connection: accept (waits for ACTIVE) or reject.
 * Destroy rejects a connection still pending and deletes an accepted one. A connection made with the Elasticsearch API
 * needs elasticsearch.InboundConnectionAccepter.
 */
export class InboundConnectionAccepter extends InboundConnectionAccepterResource {
  constructor(name: string, args: InboundConnectionAccepterArgs, opts?: pulumi.CustomResourceOptions) {
    super("opensearch", name, args, opts);
  }
}
