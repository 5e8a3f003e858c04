import * as pulumi from "@pulumi/pulumi";
import type { CommonArgs } from "../core/common-inputs";
import { deleteBeforeReplaceByDefault, DynamicResource } from "../core/dynamic-provider";
import { resourceIdentity } from "../core/identity";

/** A workspace the attachment creates in the application, linked to the data source. */
export interface WorkspaceConfigurationArgs {
  /** 1–40 letters, digits, parentheses, brackets, hyphens, underscores and spaces. */
  name: pulumi.Input<string>;
  /** The use-case features the workspace enables. */
  workspaceType: pulumi.Input<"OBSERVABILITY" | "SECURITY_ANALYTICS" | "SEARCH">;
}

export interface DataSourceAttachmentArgs extends CommonArgs {
  /** The OpenSearch application (OpenSearch UI): 3–30 lowercase letters and digits. */
  applicationId: pulumi.Input<string>;
  /**
   * The data source: an OpenSearch domain ARN (`arn:aws:es:<region>:<account>:domain/<name>`) or an OpenSearch
   * Serverless collection ARN (`arn:aws:aoss:<region>:<account>:collection/<id>`).
   */
  dataSourceArn: pulumi.Input<string>;
  /** An existing workspace of the application to add the data source to. Not with `workspaceConfiguration`. */
  workspaceId?: pulumi.Input<string>;
  /** A workspace to create with the attachment. Not with `workspaceId`. */
  workspaceConfiguration?: pulumi.Input<WorkspaceConfigurationArgs>;
  /**
   * Wait until AWS reports ATTACHED (it stays PENDING while the application or the data source is not ACTIVE, and turns
   * FAILED after 24 hours). With false, create ends at PENDING. Changing it changes nothing in AWS.
   * @default true
   */
  waitForAttached?: pulumi.Input<boolean>;
}

/**
 * Attaches an OpenSearch domain or Serverless collection to an OpenSearch application (AttachDataSource). The call's
 * client token is derived from the inputs, so a create retried after a crash never attaches twice. Every input but
 * `waitForAttached`, `timeouts` and the credentials replaces (there is no update API); a replacement for the same
 * application and data source detaches first. Destroy detaches, waiting out a PENDING attachment first.
 *
 * The resource id is `<applicationId>,<dataSourceArn>` (use it as `adoptId` to take over an existing attachment).
 */
export class DataSourceAttachment extends DynamicResource {
  /** AWS's id of the attachment. */
  declare public readonly attachmentId: pulumi.Output<string>;
  /** PENDING | ATTACHED | FAILED */
  declare public readonly status: pulumi.Output<string>;
  /** The application's ARN. */
  declare public readonly applicationArn: pulumi.Output<string>;
  declare public readonly region: pulumi.Output<string>;

  constructor(name: string, args: DataSourceAttachmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "opensearch:DataSourceAttachment",
      name,
      { attachmentId: undefined, status: undefined, applicationArn: undefined, region: undefined, ...args, __identity: resourceIdentity("opensearch:DataSourceAttachment", name, opts) },
      deleteBeforeReplaceByDefault(opts),
    );
  }
}
