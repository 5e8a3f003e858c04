/**
 * Saying no: the remote domain's owner rejects a connection request. The outbound side ends REJECTED; destroying the
 * accepter has nothing left to undo.
 */
import * as pulumi from "@pulumi/pulumi";
import { opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "222222222222";

const request = new opensearch.OutboundConnection("unwanted", {
  localDomain: { domainName: config.get("localDomain") ?? "app-logs" },
  remoteDomain: { domainName: config.get("remoteDomain") ?? "partner-logs", ownerId: partnerAccount },
  connectionAlias: config.get("alias") ?? "unwanted-request",
  // How long create may wait (changing it changes nothing in AWS: an in-place update of the resource alone).
  timeouts: { create: config.get("createTimeout") ?? "10m" },
});

const refusal = new opensearch.InboundConnectionAccepter("unwanted", {
  connectionId: request.id,
  action: "reject",
  aws: {
    roleArn: config.get("partnerRoleArn") ?? `arn:aws:iam::${partnerAccount}:role/connections-admin-external`,
    externalId: config.get("partnerExternalId") ?? "pulumi-aws-connections-test",
  },
});

export const connectionId = request.connectionId;
export const answer = refusal.status;
