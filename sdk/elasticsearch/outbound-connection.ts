import * as pulumi from "@pulumi/pulumi";
import type { AwsSettings, CommonArgs } from "../core/common-inputs";
import type { DomainArgs, DomainInfo } from "../core/domain-input";
import { deleteBeforeReplaceByDefault, DynamicResource } from "../core/dynamic-provider";
import { resourceIdentity } from "../core/identity";

export interface OutboundConnectionArgs extends CommonArgs {
  /** Your Elasticsearch domain, where cross-cluster searches start. */
  sourceDomain: pulumi.Input<DomainArgs>;
  /** The domain to search. */
  destinationDomain: pulumi.Input<DomainArgs>;
  /** Name of the connection: 2–20 characters, a letter then letters, digits, hyphens, underscores. */
  connectionAlias: pulumi.Input<string>;
  /** Accept as the destination domain's owner inside this resource (see opensearch.OutboundConnection). */
  acceptWith?: pulumi.Input<AwsSettings>;
}

/**
 * A legacy Elasticsearch Service cross-cluster search connection, outbound side
 * (CreateOutboundCrossClusterSearchConnection). Same behaviour as opensearch.OutboundConnection on the legacy API.
 */
export class OutboundConnection extends DynamicResource {
  declare public readonly connectionId: pulumi.Output<string>;
  declare public readonly status: pulumi.Output<string>;
  declare public readonly statusMessage: pulumi.Output<string | undefined>;
  declare public readonly region: pulumi.Output<string>;
  /** The domains as AWS resolved them (owner and region filled in). */
  declare public readonly sourceDomainResolved: pulumi.Output<DomainInfo>;
  declare public readonly destinationDomainResolved: pulumi.Output<DomainInfo>;

  constructor(name: string, args: OutboundConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super("elasticsearch:OutboundConnection", name, { connectionId: undefined, status: undefined, statusMessage: undefined, region: undefined, sourceDomainResolved: undefined, destinationDomainResolved: undefined, ...args, __identity: resourceIdentity("elasticsearch:OutboundConnection", name, opts) }, deleteBeforeReplaceByDefault(opts));
  }
}
