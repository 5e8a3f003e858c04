import { ListDataSourceAttachmentsCommand } from "@aws-sdk/client-opensearch";
import type { OpenSearchClient } from "@aws-sdk/client-opensearch";
import { awsClient, IDEMPOTENT, settingsKey } from "../core/aws-clients";
import { awsCall } from "../core/errors";
import type { PollSource } from "../core/poller";
import type { ResourceContext } from "../core/spec";
import { notFoundAsUndefined } from "../crosscluster/not-found";
import { attachmentResourceId } from "./attachment-id";
import type { AttachmentKey } from "./attachment-id";
import { describeAttachment, knownApplicationArn } from "./attachment-wire";
import type { AttachmentView } from "./attachment-wire";

function client(ctx: ResourceContext): OpenSearchClient {
  return awsClient("opensearch", () => require("@aws-sdk/client-opensearch").OpenSearchClient, ctx.aws, IDEMPOTENT);
}

/**
 * The host's shared poll of one application's attachments: ListDataSourceAttachments (100 a page) answers for every
 * data source attached to it, so one tick serves every wait on that application. The list gives no application ARN
 * (an output) nor any reason for FAILED: the ARN comes from an earlier answer of this host, and the few attachments
 * without one, or FAILED, are described one by one.
 */
export function attachmentsPollSource(ctx: ResourceContext, key: AttachmentKey): PollSource<AttachmentView> {
  const label = `the shared poll of application ${key.applicationId}'s data sources`;
  return {
    key: `opensearch|ListDataSourceAttachments|${settingsKey(ctx.aws)}|${key.applicationId}`,
    fetch: async (ids) => {
      const wanted = new Set(ids);
      const found = new Map<string, AttachmentView>();
      let nextToken: string | undefined;
      do {
        const page = await awsCall(label, "ListDataSourceAttachments", () =>
          client(ctx).send(new ListDataSourceAttachmentsCommand({ id: key.applicationId, maxResults: 100, nextToken })).catch(notFoundAsUndefined),
        );
        for (const summary of page?.attachments ?? []) {
          const id = attachmentResourceId({ applicationId: key.applicationId, dataSourceArn: summary.dataSourceArn ?? "" });
          if (!wanted.has(id)) continue;
          const status = summary.status ?? "UNKNOWN";
          const applicationArn = knownApplicationArn(ctx.aws, key.applicationId);
          if (status === "FAILED" || applicationArn === undefined) {
            const described = await describeAttachment({ ...ctx, label }, { applicationId: key.applicationId, dataSourceArn: summary.dataSourceArn ?? "" });
            if (described) found.set(id, described);
            continue;
          }
          found.set(id, { attachmentId: summary.attachmentId ?? "", applicationId: key.applicationId, applicationArn, dataSourceArn: summary.dataSourceArn ?? "", status });
        }
        nextToken = page?.nextToken;
      } while (nextToken);
      return found;
    },
  };
}
