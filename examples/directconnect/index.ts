/**
 * Two Direct Connect dedicated connections at one location: a MACsec primary and a 1Gbps backup whose name and tags
 * come from the primary's outputs (unknown until the primary exists, so `pulumi preview` shows them as such).
 *
 * Try: `pulumi config set connectionName edge-renamed` (renamed in place), `pulumi config set encryptionMode must_encrypt`
 * (in place), `pulumi config set bandwidth 100Gbps` (replaces the primary: new connection first, then the old is deleted).
 */
import * as pulumi from "@pulumi/pulumi";
import { directconnect } from "pulumi-aws-connections";

const config = new pulumi.Config();
const location = config.get("location") ?? "EqDC2";

const primary = new directconnect.Connection("primary", {
  location,
  bandwidth: config.get("bandwidth") ?? "10Gbps",
  connectionName: config.get("connectionName") ?? "edge-primary",
  requestMACSec: true,
  encryptionMode: (config.get("encryptionMode") as "no_encrypt" | "should_encrypt" | "must_encrypt" | undefined) ?? "should_encrypt",
  tags: { team: config.get("team") ?? "network", stack: pulumi.getStack() },
  timeouts: { create: config.get("createTimeout") ?? "30m" },
  waitForAvailable: config.getBoolean("waitForAvailable") ?? false,
});

// Named after the primary's `id` rather than its `connectionId` output (the same value): an id stays known when the
// primary is only updated, so a preview of a rename does not show the backup changing too.
const backup = new directconnect.Connection("backup", {
  location,
  bandwidth: "1Gbps",
  connectionName: pulumi.interpolate`backup-for-${primary.id}`,
  tags: { pairedWith: primary.id },
});

export const primaryId = primary.connectionId;
export const primaryArn = primary.arn;
export const primaryState = primary.connectionState;
export const backupId = backup.connectionId;
