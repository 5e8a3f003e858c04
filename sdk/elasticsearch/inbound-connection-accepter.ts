import * as pulumi from "@pulumi/pulumi";
import type { CommonArgs } from "../core/common-inputs";
import type { DomainInfo } from "../core/domain-input";
import { providerFor } from "../core/dynamic-provider";

export interface InboundConnectionAccepterArgs extends CommonArgs {
  /** The connection to answer. */
  connectionId: pulumi.Input<string>;
  /** "accept" (waits for ACTIVE) or "reject" (waits for REJECTED). @default "accept" */
  action?: pulumi.Input<"accept" | "reject">;
}

/** The destination owner's answer to a legacy Elasticsearch cross-cluster connection (Accept/RejectInboundCrossClusterSearchConnection). */
export class InboundConnectionAccepter extends pulumi.dynamic.Resource {
  declare public readonly status: pulumi.Output<string>;
  declare public readonly localDomain: pulumi.Output<DomainInfo>;
  declare public readonly remoteDomain: pulumi.Output<DomainInfo>;
  declare public readonly region: pulumi.Output<string>;

  constructor(name: string, args: InboundConnectionAccepterArgs, opts?: pulumi.CustomResourceOptions) {
    super(providerFor("elasticsearch:InboundConnectionAccepter"), name, { status: undefined, localDomain: undefined, remoteDomain: undefined, region: undefined, ...args }, opts, "elasticsearch", "InboundConnectionAccepter");
  }
}
