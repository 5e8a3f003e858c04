/**
 * Across regions: a domain in us-east-1 searches one in us-west-2 (same account). The remote side of the connection
 * lives in the remote domain's region, which is where `acceptWith` answers it.
 */
import * as pulumi from "@pulumi/pulumi";
import { opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const remoteRegion = config.get("remoteRegion") ?? "us-west-2";

const connection = new opensearch.OutboundConnection("east-to-west", {
  aws: { region: config.get("region") ?? "us-east-1" },
  localDomain: { domainName: config.get("localDomain") ?? "app-logs" },
  remoteDomain: { domainName: config.get("remoteDomain") ?? "app-logs-west", region: remoteRegion },
  connectionAlias: config.get("alias") ?? "east-to-west",
  acceptWith: { region: remoteRegion },
  // How long create may wait (changing it changes nothing in AWS: an in-place update of the resource alone).
  timeouts: { create: config.get("createTimeout") ?? "10m" },
});

export const connectionId = connection.connectionId;
export const status = connection.status;
