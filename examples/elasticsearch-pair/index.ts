/**
 * The legacy Elasticsearch Service API: an outbound connection from this account's domain and the destination
 * owner's accepter, acting in their account through a role. A connection made with this API can only be answered
 * with elasticsearch.InboundConnectionAccepter (the OpenSearch API does not see it).
 */
import * as pulumi from "@pulumi/pulumi";
import { elasticsearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "222222222222";

const connection = new elasticsearch.OutboundConnection("legacy-to-partner", {
  sourceDomain: { domainName: config.get("sourceDomain") ?? "legacy-search" },
  destinationDomain: { domainName: config.get("destinationDomain") ?? "partner-legacy", ownerId: partnerAccount },
  connectionAlias: config.get("alias") ?? "legacy-partner",
  // How long create may wait (changing it changes nothing in AWS: an in-place update of the resource alone).
  timeouts: { create: config.get("createTimeout") ?? "10m" },
});

const answer = new elasticsearch.InboundConnectionAccepter("legacy-to-partner", {
  // `id` rather than the `connectionId` output: it stays known in a preview of an update to the connection.
  connectionId: connection.id,
  aws: {
    roleArn: config.get("partnerRoleArn") ?? `arn:aws:iam::${partnerAccount}:role/connections-admin-external`,
    externalId: config.get("partnerExternalId") ?? "pulumi-aws-connections-test",
  },
});

export const connectionId = connection.connectionId;
export const outboundStatus = connection.status;
export const inboundStatus = answer.status;
