import type * as pulumi from "@pulumi/pulumi";

/** A domain on one side of a cross-cluster connection. Every part names the connection, so changing any part replaces it. */
export interface DomainArgs {
  /** Domain name: 3–28 characters, a lowercase letter then lowercase letters, digits and hyphens. */
  domainName: pulumi.Input<string>;
  /** The owner's 12-digit account id. @default the caller's account */
  ownerId?: pulumi.Input<string>;
  /** The domain's region. @default the caller's region */
  region?: pulumi.Input<string>;
}

/** A domain as AWS reports it. */
export interface DomainInfo {
  domainName: string;
  ownerId?: string;
  region?: string;
}
