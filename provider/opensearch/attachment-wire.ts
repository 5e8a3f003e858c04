import { AttachDataSourceCommand, DescribeDataSourceAttachmentCommand, DetachDataSourceCommand, GetApplicationCommand } from "@aws-sdk/client-opensearch";
import type { OpenSearchClient } from "@aws-sdk/client-opensearch";
import { awsClient, IDEMPOTENT, settingsKey } from "../core/aws-clients";
import type { AwsSettings } from "../core/aws-clients";
import { awsCall } from "../core/errors";
import { deleteCall, notFoundAsUndefined } from "../crosscluster/not-found";
// A ResourceContext is one too: it carries the label for messages and the aws settings.
import type { WireCall } from "../crosscluster/wire";
import type { AttachmentKey } from "./attachment-id";

/**
 * OpenSearch Service's application data-source attachment API (restJson1 under /2021-01-01/opensearch/application/…).
 * Every call here is idempotent (AttachDataSource through its client token), so all use the retrying client.
 */
export interface AttachmentView {
  attachmentId: string;
  applicationId: string;
  applicationArn?: string;
  dataSourceArn: string;
  status: string;
  /** Why the attachment is FAILED, as far as AWS lets us tell (the API gives no reason): the application's status. */
  reason?: string;
}

export interface AttachRequest extends AttachmentKey {
  workspaceId?: string;
  workspaceConfiguration?: { name: string; workspaceType: string };
  clientToken: string;
}

/**
 * Application ARNs this host has seen in answers, by settings and application id: the shared poll's list call has none
 * (see attachment-poll-source.ts). A handful of entries (one per application a stack names).
 */
const applicationArns = new Map<string, string>();

function rememberApplicationArn(aws: AwsSettings, applicationId: string, arn: string | undefined): void {
  if (arn) applicationArns.set(`${settingsKey(aws)}|${applicationId}`, arn);
}

export function knownApplicationArn(aws: AwsSettings, applicationId: string): string | undefined {
  return applicationArns.get(`${settingsKey(aws)}|${applicationId}`);
}

function client(call: WireCall): OpenSearchClient {
  return awsClient("opensearch", () => require("@aws-sdk/client-opensearch").OpenSearchClient, call.aws, IDEMPOTENT);
}

export async function attachDataSource(call: WireCall, request: AttachRequest): Promise<AttachmentView> {
  const response = await awsCall(call.label, "AttachDataSource", () =>
    client(call).send(
      new AttachDataSourceCommand({
        id: request.applicationId,
        dataSourceArn: request.dataSourceArn,
        workspaceId: request.workspaceId,
        workspaceConfiguration: request.workspaceConfiguration,
        clientToken: request.clientToken,
      }),
    ),
  );
  rememberApplicationArn(call.aws, request.applicationId, response.arn);
  return {
    attachmentId: response.attachmentId ?? "",
    applicationId: response.id ?? request.applicationId,
    applicationArn: response.arn,
    dataSourceArn: response.dataSourceArn ?? request.dataSourceArn,
    status: response.status ?? "UNKNOWN",
  };
}

/** The attachment of this data source to this application, or undefined when there is none. */
export async function describeAttachment(call: WireCall, key: AttachmentKey): Promise<AttachmentView | undefined> {
  const response = await awsCall(call.label, "DescribeDataSourceAttachment", () =>
    client(call)
      .send(new DescribeDataSourceAttachmentCommand({ id: key.applicationId, dataSourceArn: key.dataSourceArn }))
      .catch(notFoundAsUndefined),
  );
  if (response === undefined) return undefined;
  rememberApplicationArn(call.aws, key.applicationId, response.arn);
  const view: AttachmentView = {
    attachmentId: response.attachmentId ?? "",
    applicationId: response.id ?? key.applicationId,
    applicationArn: response.arn,
    dataSourceArn: response.dataSourceArn ?? key.dataSourceArn,
    status: response.status ?? "UNKNOWN",
  };
  if (view.status === "FAILED") view.reason = await failureReason(call, key);
  return view;
}

export async function detachDataSource(call: WireCall, key: AttachmentKey): Promise<void> {
  await deleteCall(call, "DetachDataSource", `${key.applicationId} ← ${key.dataSourceArn}`, () =>
    client(call).send(new DetachDataSourceCommand({ id: key.applicationId, dataSourceArn: key.dataSourceArn })),
  );
}

/** The application's status, or undefined when it does not exist. */
export async function applicationStatus(call: WireCall, applicationId: string): Promise<string | undefined> {
  const application = await awsCall(call.label, "GetApplication", () => client(call).send(new GetApplicationCommand({ id: applicationId })).catch(notFoundAsUndefined));
  return application === undefined ? undefined : (application.status ?? "UNKNOWN");
}

/**
 * AWS marks a pending attachment FAILED when the application and the data source were not both ACTIVE within 24 hours,
 * or on an error it does not describe. The application's status is what this API can read; the data source's would
 * take the domain's or the collection's own API, so the message says what follows when the application is ACTIVE.
 */
async function failureReason(call: WireCall, key: AttachmentKey): Promise<string> {
  const generic = "AWS marks an attachment FAILED when the application and the data source are not both ACTIVE within 24 hours of the request, or on a non-retryable error";
  const status = await applicationStatus(call, key.applicationId).catch(() => "of unknown status");
  if (status === undefined) return `${generic}; the application ${key.applicationId} no longer exists`;
  if (status === "ACTIVE") return `${generic}; the application is ACTIVE, so the data source ${key.dataSourceArn} did not become ACTIVE in time (or AWS met an error)`;
  return `${generic}; the application is ${status}`;
}
