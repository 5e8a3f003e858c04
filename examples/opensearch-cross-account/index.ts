/**
 * Across accounts in one resource: the connection is made with this stack's credentials and accepted as the remote
 * domain's owner through a role in their account (`acceptWith`), so `pulumi up` ends with an ACTIVE connection.
 * Terraform can only accept within one account and region.
 */
import * as pulumi from "@pulumi/pulumi";
import { opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const partnerAccount = config.get("partnerAccount") ?? "222222222222";

const connection = new opensearch.OutboundConnection("logs-to-partner", {
  aws: { region: config.get("region") ?? "us-east-1" },
  localDomain: { domainName: config.get("localDomain") ?? "app-logs" },
  remoteDomain: { domainName: config.get("remoteDomain") ?? "partner-logs", ownerId: partnerAccount },
  connectionAlias: config.get("alias") ?? "logs-to-partner",
  acceptWith: {
    roleArn: config.get("partnerRoleArn") ?? `arn:aws:iam::${partnerAccount}:role/connections-admin-external`,
    externalId: config.get("partnerExternalId") ?? "pulumi-aws-connections-test",
  },
  timeouts: { create: config.get("createTimeout") ?? "20m" },
});

export const connectionId = connection.connectionId;
export const status = connection.status;
