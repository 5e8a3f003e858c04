import * as pulumi from "@pulumi/pulumi";
import type { CommonArgs } from "../core/common-inputs";
import type { DomainInfo } from "../core/domain-input";
import { DynamicResource } from "../core/dynamic-provider";
import { resourceIdentity } from "../core/identity";

export interface InboundConnectionAccepterArgs extends CommonArgs {
  /** The connection to answer (the outbound side's `connectionId`). */
  connectionId: pulumi.Input<string>;
  /** "accept" (waits until accepted) or "reject" (waits for REJECTED). @default "accept" */
  action?: pulumi.Input<"accept" | "reject">;
}

/**
 * The remote domain owner's answer to a cross-cluster connection, on one API family; the two public classes
 * (opensearch.InboundConnectionAccepter, elasticsearch.InboundConnectionAccepter) differ only in which.
 */
export abstract class InboundConnectionAccepterResource extends DynamicResource {
  /** The inbound side's status: ACTIVE once accepted (legacy API: APPROVED), REJECTED once rejected. */
  declare public readonly status: pulumi.Output<string>;
  declare public readonly localDomain: pulumi.Output<DomainInfo>;
  declare public readonly remoteDomain: pulumi.Output<DomainInfo>;
  declare public readonly region: pulumi.Output<string>;

  protected constructor(family: "opensearch" | "elasticsearch", name: string, args: InboundConnectionAccepterArgs, opts?: pulumi.CustomResourceOptions) {
    super(`${family}:InboundConnectionAccepter`, name, { status: undefined, localDomain: undefined, remoteDomain: undefined, region: undefined, ...args, __identity: resourceIdentity(`${family}:InboundConnectionAccepter`, name, opts) }, opts);
  }
}
