import type * as pulumi from "@pulumi/pulumi";

/**
 * Which AWS account and region a resource acts in. Credentials are never inputs: name a profile or a role, and the
 * provider resolves them at run time from the standard AWS chain (so no secret is ever written to state).
 */
export interface AwsSettings {
  /**
   * Region of the AWS object. Changing it replaces the resource.
   * @default AWS_REGION, or the profile's region
   */
  region?: pulumi.Input<string>;
  /** Shared config/credentials profile to use. Changing it changes nothing in AWS. @default the standard chain */
  profile?: pulumi.Input<string>;
  /** IAM role to assume (e.g. in another account). Changing it changes nothing in AWS. */
  roleArn?: pulumi.Input<string>;
  /** External id the role's trust policy requires. */
  externalId?: pulumi.Input<string>;
  /** Service endpoint URL, e.g. a VPC endpoint or the local emulator. @default AWS_ENDPOINT_URL_<SERVICE>, then AWS's */
  endpoint?: pulumi.Input<string>;
}

/** How long operations may wait for AWS, as durations like "30s", "10m", "1h30m". Pulumi's `customTimeouts` does not reach dynamic providers. */
export interface Timeouts {
  create?: pulumi.Input<string>;
  update?: pulumi.Input<string>;
  delete?: pulumi.Input<string>;
}

/** Inputs every resource of this package takes. */
export interface CommonArgs {
  /** Account and region to act in. @default the standard AWS chain */
  aws?: pulumi.Input<AwsSettings>;
  /** Wait limits. Defaults depend on the resource. */
  timeouts?: pulumi.Input<Timeouts>;
  /**
   * Take over this existing AWS object instead of creating one (Pulumi's `import` does not work for dynamic
   * providers). Its settings must match the inputs; otherwise the create fails and names each differing input.
   */
  adoptId?: pulumi.Input<string>;
}
