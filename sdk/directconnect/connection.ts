import * as pulumi from "@pulumi/pulumi";
import type { CommonArgs } from "../core/common-inputs";
import { DynamicResource } from "../core/dynamic-provider";
import { resourceIdentity } from "../core/identity";

export interface ConnectionArgs extends CommonArgs {
  /** Direct Connect location code, e.g. "EqDC2" (DescribeLocations lists them). Changing it replaces the connection. */
  location: pulumi.Input<string>;
  /** Port speed: a whole number of Gbps, e.g. "1Gbps", "10Gbps", "100Gbps", "400Gbps". Changing it replaces the connection. */
  bandwidth: pulumi.Input<string>;
  /** Name of the connection. Changed in place (UpdateConnection). */
  connectionName: pulumi.Input<string>;
  /** LAG to add the connection to, e.g. "dxlag-ffabc123". Changing it replaces the connection. */
  lagId?: pulumi.Input<string>;
  /** Service provider associated with the connection. Changing it replaces the connection. */
  providerName?: pulumi.Input<string>;
  /** Request a MACsec-capable port (10Gbps and faster only). Changing it replaces the connection. @default false */
  requestMACSec?: pulumi.Input<boolean>;
  /** MACsec encryption mode: "no_encrypt", "should_encrypt" or "must_encrypt" (MACsec connections only). Changed in place. */
  encryptionMode?: pulumi.Input<"no_encrypt" | "should_encrypt" | "must_encrypt">;
  /** Tags: at most 48 (AWS allows 50; two are the provider's: the create token and a takeover marker). Changed in place, exactly the difference. */
  tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /**
   * Wait until the connection is `available`. Physical provisioning (LOA, cross-connect) takes days, so by default a
   * create ends once AWS has accepted the order (`requested`). @default false
   */
  waitForAvailable?: pulumi.Input<boolean>;
}

/**
 * A Direct Connect dedicated connection (CreateConnection). Renames, encryption mode and tags change in place;
 * location, bandwidth, LAG, provider, MACsec and region replace it.
 */
export class Connection extends DynamicResource {
  /** The connection id, e.g. "dxcon-fg5678gh". */
  declare public readonly connectionId: pulumi.Output<string>;
  declare public readonly arn: pulumi.Output<string>;
  /** ordering | requested | pending | available | down | deleting | deleted | rejected | unknown */
  declare public readonly connectionState: pulumi.Output<string>;
  declare public readonly awsDevice: pulumi.Output<string | undefined>;
  declare public readonly hasLogicalRedundancy: pulumi.Output<string | undefined>;
  declare public readonly jumboFrameCapable: pulumi.Output<boolean | undefined>;
  declare public readonly macSecCapable: pulumi.Output<boolean | undefined>;
  declare public readonly portEncryptionStatus: pulumi.Output<string | undefined>;
  declare public readonly ownerAccount: pulumi.Output<string>;
  declare public readonly partnerName: pulumi.Output<string | undefined>;
  declare public readonly vlan: pulumi.Output<number | undefined>;
  /** The region the connection lives in (recorded, so later operations find it even if AWS_REGION changes). */
  declare public readonly region: pulumi.Output<string>;
  declare public readonly location: pulumi.Output<string>;
  declare public readonly bandwidth: pulumi.Output<string>;
  declare public readonly connectionName: pulumi.Output<string>;
  declare public readonly lagId: pulumi.Output<string | undefined>;
  declare public readonly providerName: pulumi.Output<string | undefined>;
  declare public readonly requestMACSec: pulumi.Output<boolean>;
  /** As AWS reports it: any string, including values newer than this package. */
  declare public readonly encryptionMode: pulumi.Output<string | undefined>;
  declare public readonly tags: pulumi.Output<Record<string, string> | undefined>;

  constructor(name: string, args: ConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      "directconnect:Connection",
      name,
      {
        connectionId: undefined, arn: undefined, connectionState: undefined, awsDevice: undefined, hasLogicalRedundancy: undefined,
        jumboFrameCapable: undefined, macSecCapable: undefined, portEncryptionStatus: undefined, ownerAccount: undefined,
        partnerName: undefined, vlan: undefined, region: undefined, lagId: undefined, providerName: undefined,
        encryptionMode: undefined, tags: undefined,
        ...args, __identity: resourceIdentity("directconnect:Connection", name, opts),
      },
      opts,
    );
  }
}
