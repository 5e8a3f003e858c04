import { InputError } from "../core/errors";
import { progress } from "../core/progress";
import type { ResourceContext, ResourceSpec } from "../core/spec";
import { isUnknown } from "../core/unknown";
import { deepEqual } from "../core/values";
import { ATTACHMENT_FIELDS, ATTACHMENT_RULES } from "./attachment-fields";
import { attachmentResourceId, parseAttachmentResourceId, type AttachmentKey } from "./attachment-id";
import { attachmentClientToken } from "./attachment-token";
import { waitOutPending } from "./attachment-pending";
import { attachDataSource, describeAttachment, detachDataSource, type AttachmentCall, type AttachmentView } from "./attachment-wire";

type Props = Record<string, unknown>;
type WorkspaceConfiguration = { name: string; workspaceType: string };

/** How many tokens of the deterministic chain a create tries before giving up (see attachment-token.ts). */
const TOKEN_GENERATIONS = 5;

const callOf = (ctx: ResourceContext): AttachmentCall => ({ label: ctx.label, aws: ctx.aws });

function keyOf(inputs: Props): AttachmentKey {
  return { applicationId: inputs.applicationId as string, dataSourceArn: inputs.dataSourceArn as string };
}

function keyOfId(ctx: ResourceContext, id: string): AttachmentKey {
  const key = parseAttachmentResourceId(id);
  if (!key) throw new InputError(`${ctx.label}: "${id}" is not a data-source attachment id; expected "<applicationId>,<dataSourceArn>"`);
  return key;
}

/** The short name in messages: `logsapp01 ← app-logs` (application and the last part of the data source ARN). */
function describeInputs(inputs: Props): string {
  const arn = typeof inputs.dataSourceArn === "string" ? inputs.dataSourceArn : "";
  return `${String(inputs.applicationId ?? "application")} ← ${arn.slice(arn.lastIndexOf("/") + 1) || "data source"}`;
}

/** `arn:aws:opensearch:<region>:<account>:application/<id>` → region. */
function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(":")[3] || undefined;
}

/**
 * Attaches a data source (an OpenSearch domain or Serverless collection) to an OpenSearch application. No update API
 * exists: every input that names the attachment replaces; `waitForAttached`, `timeouts` and credentials change nothing.
 */
export const dataSourceAttachmentSpec: ResourceSpec<AttachmentView> = {
  kind: "opensearch:DataSourceAttachment",
  typeName: "opensearch.DataSourceAttachment",
  fields: ATTACHMENT_FIELDS,
  rules: ATTACHMENT_RULES,
  outputs: ["attachmentId", "status", "applicationArn"],
  // An application still being created can keep an attachment PENDING for many minutes.
  defaultTimeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 30 * 60_000 },
  describe: describeInputs,

  async create(ctx, inputs) {
    const key = keyOf(inputs);
    const call = callOf(ctx);
    const request = {
      ...key,
      workspaceId: inputs.workspaceId as string | undefined,
      workspaceConfiguration: inputs.workspaceConfiguration as WorkspaceConfiguration | undefined,
    };
    for (let generation = 0; generation < TOKEN_GENERATIONS; generation++) {
      const clientToken = attachmentClientToken({ ...request, region: ctx.aws.region }, generation);
      const made = await attachDataSource(call, { ...request, clientToken });
      // AWS answers a token it has seen with what that token made, which may have been detached since: only an
      // attachment Describe still shows is ours. (One the pair already had is returned as documented, and kept.)
      const live = await describeAttachment(call, key);
      if (live !== undefined) {
        if (live.attachmentId !== made.attachmentId) progress(`${ctx.label}: AWS already had attachment ${live.attachmentId} for this pair; it is now managed here`);
        return attachmentResourceId(key);
      }
      progress(`${ctx.label}: client token ${clientToken} named attachment ${made.attachmentId}, which no longer exists; trying the next token`);
    }
    throw new Error(
      `${ctx.label}: AttachDataSource answered ${TOKEN_GENERATIONS} client tokens with attachments that no longer exist; ` +
        "nothing is attached. Check the application and data source, then run again",
    );
  },

  find: (ctx, id) => describeAttachment(callOf(ctx), keyOfId(ctx, id)),
  status: (view) => ({ value: view, status: view.status, message: view.reason }),
  // Not found is gone; FAILED is a real attachment record (shown in outputs until detached).
  isGone: () => false,

  stable: (inputs) =>
    inputs.waitForAttached === false
      ? { pending: [], target: ["PENDING", "ATTACHED"], failure: ["FAILED"] }
      : { pending: ["PENDING"], target: ["ATTACHED"], failure: ["FAILED"] },
  deletingStatuses: [],

  async delete(ctx, id, current) {
    const key = keyOfId(ctx, id);
    // AWS refuses to detach a PENDING attachment (ConflictException): it must become ATTACHED or FAILED first.
    if (current.status === "PENDING") {
      const settled = await waitOutPending(ctx, id, () => describeAttachment(callOf(ctx), key));
      if (settled === undefined) return;
    }
    await detachDataSource(callOf(ctx), key);
  },

  toOutputs: (view) => ({ attachmentId: view.attachmentId, status: view.status, applicationArn: view.applicationArn }),
  regionOf: (view, ctx) => ctx.aws.region ?? regionOfArn(view.applicationArn),
  actualSettings: (view, previous) => ({
    applicationId: previous.applicationId ?? view.applicationId,
    dataSourceArn: view.dataSourceArn,
  }),

  /**
   * An application has at most one attachment per data source, and AttachDataSource returns the existing one: a
   * replacement made first would share the old attachment, which the engine then detaches. So detach first whenever
   * the new attachment may be for the same pair in the same region (unknown counts as maybe).
   */
  deleteBeforeReplace(olds, news) {
    const same = (name: string, a: unknown, b: unknown) => isUnknown(a) || isUnknown(b) || deepEqual(a, b) || (name === "region" && (a === undefined || b === undefined));
    const region = (props: Props) => (isUnknown(props.aws) ? props.aws : (props.aws as Props | undefined)?.region);
    return same("applicationId", olds.applicationId, news.applicationId) && same("dataSourceArn", olds.dataSourceArn, news.dataSourceArn) && same("region", region(olds), region(news));
  },
};
