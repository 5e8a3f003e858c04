import * as pulumi from "@pulumi/pulumi";
import type { AwsSettings, CommonArgs } from "../core/common-inputs";
import type { DomainArgs, DomainInfo } from "../core/domain-input";
import { deleteBeforeReplaceByDefault, DynamicResource } from "../core/dynamic-provider";
import { resourceIdentity } from "../core/identity";

export interface OutboundConnectionArgs extends CommonArgs {
  /** Your domain, where cross-cluster searches start. */
  localDomain: pulumi.Input<DomainArgs>;
  /** The domain to search. */
  remoteDomain: pulumi.Input<DomainArgs>;
  /** Name of the connection: 2–100 characters, a letter then letters, digits, hyphens, underscores. */
  connectionAlias: pulumi.Input<string>;
  /** "DIRECT" or "VPC_ENDPOINT". @default "DIRECT" */
  connectionMode?: pulumi.Input<"DIRECT" | "VPC_ENDPOINT">;
  /** The remote domain's endpoint, for VPC_ENDPOINT only. Cannot be modified (a change replaces). */
  endpoint?: pulumi.Input<string>;
  /** Whether searches return partial results when the remote cluster is unavailable: "ENABLED" or "DISABLED". */
  skipUnavailable?: pulumi.Input<"ENABLED" | "DISABLED">;
  /**
   * Accept the connection as the remote domain's owner, inside this resource, with these AWS settings (another
   * account through `profile` or `roleArn`, another region through `region`, default the remote domain's region).
   * Then create waits for ACTIVE; without it, create ends at PENDING_ACCEPTANCE and the owner answers with an
   * `opensearch.InboundConnectionAccepter`.
   */
  acceptWith?: pulumi.Input<AwsSettings>;
}

/**
 * An OpenSearch Service cross-cluster search connection, outbound side (CreateOutboundConnection). Create waits until
 * AWS has validated it; VALIDATION_FAILED or REJECTED fail the create with AWS's message (the id stays in state).
 * No update API exists: every input that names the connection replaces it.
 */
export class OutboundConnection extends DynamicResource {
  declare public readonly connectionId: pulumi.Output<string>;
  /** VALIDATING | VALIDATION_FAILED | PENDING_ACCEPTANCE | APPROVED | PROVISIONING | ACTIVE | REJECTING | REJECTED | DELETING | DELETED */
  declare public readonly status: pulumi.Output<string>;
  declare public readonly statusMessage: pulumi.Output<string | undefined>;
  declare public readonly endpoint: pulumi.Output<string | undefined>;
  declare public readonly region: pulumi.Output<string>;
  /** The domains as AWS resolved them (owner and region filled in). */
  declare public readonly localDomainResolved: pulumi.Output<DomainInfo>;
  declare public readonly remoteDomainResolved: pulumi.Output<DomainInfo>;

  constructor(name: string, args: OutboundConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("opensearch:OutboundConnection", name, { connectionId: undefined, status: undefined, statusMessage: undefined, region: undefined, localDomainResolved: undefined, remoteDomainResolved: undefined, ...args, __identity: resourceIdentity("opensearch:OutboundConnection", name, opts) }, deleteBeforeReplaceByDefault(opts));
  }
}
