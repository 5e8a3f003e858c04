/**
 * An OpenSearch application (OpenSearch UI) with two data sources: a domain, attached with a new observability
 * workspace, and an OpenSearch Serverless collection, attached as it is. The defaults name the local emulator's seeded
 * application and data sources; set `applicationId`, `domainArn` and `collectionArn` in the stack config for your own.
 */
import * as pulumi from "@pulumi/pulumi";
import { opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const applicationId = config.get("applicationId") ?? "logsapp01";

const logs = new opensearch.DataSourceAttachment("app-logs", {
  applicationId,
  dataSourceArn: config.get("domainArn") ?? "arn:aws:es:us-east-1:111111111111:domain/app-logs",
  // Created by AWS once the attachment completes, with the domain as its data source.
  workspaceConfiguration: { name: "Application logs", workspaceType: "OBSERVABILITY" },
  // How long create may wait (changing it changes nothing in AWS: an in-place update of the resource alone).
  timeouts: { create: config.get("createTimeout") ?? "30m" },
});

const events = new opensearch.DataSourceAttachment("events", {
  applicationId,
  dataSourceArn: config.get("collectionArn") ?? "arn:aws:aoss:us-east-1:111111111111:collection/k3xq8m2vd7tb1n9wz4hp",
});

export const applicationArn = logs.applicationArn;
export const logsAttachment = { id: logs.attachmentId, status: logs.status };
export const eventsAttachment = { id: events.attachmentId, status: events.status };
