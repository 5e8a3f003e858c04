import * as pulumi from "@pulumi/pulumi";
import type { CommonArgs } from "../core/common-inputs";
import type { DomainInfo } from "../core/domain-input";
import { providerFor } from "../core/dynamic-provider";

export interface InboundConnectionAccepterArgs extends CommonArgs {
  /** The connection to answer (its id, as the outbound side's `connectionId`). */
  connectionId: pulumi.Input<string>;
  /** "accept" (waits for ACTIVE) or "reject" (waits for REJECTED). @default "accept" */
  action?: pulumi.Input<"accept" | "reject">;
}

/**
 * The remote domain owner's answer to an OpenSearch cross-cluster connection. Destroy rejects a connection still
 * pending and deletes an accepted one. A connection made with the Elasticsearch API needs `elasticsearch.InboundConnectionAccepter`.
 */
export class InboundConnectionAccepter extends pulumi.dynamic.Resource {
  declare public readonly status: pulumi.Output<string>;
  declare public readonly localDomain: pulumi.Output<DomainInfo>;
  declare public readonly remoteDomain: pulumi.Output<DomainInfo>;
  declare public readonly region: pulumi.Output<string>;

  constructor(name: string, args: InboundConnectionAccepterArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("opensearch:InboundConnectionAccepter"), name, { status: undefined, localDomain: undefined, remoteDomain: undefined, region: undefined, ...args }, opts, "opensearch", "InboundConnectionAccepter");
  }
}
