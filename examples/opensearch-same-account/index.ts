/**
 * Same account, same region: the outbound connection and the owner's answer to it are two resources in one program.
 * Acceptance is needed even within one account. The defaults name the local emulator's seeded domains; set
 * `localDomain` / `remoteDomain` in the stack config for your own (the source must not run an older version).
 */
import * as pulumi from "@pulumi/pulumi";
import { opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();

const connection = new opensearch.OutboundConnection("analytics-to-logs", {
  localDomain: { domainName: config.get("localDomain") ?? "analytics" },
  remoteDomain: { domainName: config.get("remoteDomain") ?? "app-logs" },
  connectionAlias: config.get("alias") ?? "analytics-to-logs",
  skipUnavailable: "ENABLED",
  // How long create may wait (changing it changes nothing in AWS: an in-place update of the resource alone).
  timeouts: { create: config.get("createTimeout") ?? "10m" },
});

const answer = new opensearch.InboundConnectionAccepter("analytics-to-logs", {
  // `id` rather than the `connectionId` output: it stays known in a preview of an update to the connection.
  connectionId: connection.id,
});

export const connectionId = connection.connectionId;
export const outboundStatus = connection.status;
export const inboundStatus = answer.status;
