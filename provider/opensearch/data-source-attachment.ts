import { randomUUID } from "node:crypto";
import { InputError } from "../core/errors";
import { recordTakeover } from "../core/handover";
import { progress } from "../core/progress";
import type { ResourceContext, ResourceSpec } from "../core/spec";
import { isUnknown } from "../core/unknown";
import { deepEqual } from "../core/values";
import { waitFor } from "../core/wait";
import { keepingId, lookOnceAfterAttach } from "./attachment-create";
import { attachmentsPollSource } from "./attachment-poll-source";
import { ATTACHMENT_FIELDS, ATTACHMENT_RULES } from "./attachment-fields";
import { attachmentResourceId, parseAttachmentResourceId } from "./attachment-id";
import type { AttachmentKey } from "./attachment-id";
import { waitForActiveApplication, waitOutPending } from "./attachment-pending";
import { attachmentClientToken } from "./attachment-token";
import { attachDataSource, describeAttachment, detachDataSource } from "./attachment-wire";
import type { AttachmentView } from "./attachment-wire";

type Props = Record<string, unknown>;
type WorkspaceConfiguration = { name: string; workspaceType: string };

/**
 * Client tokens change every hour (see attachment-token.ts): a retry soon after the first attempt sends the same one,
 * and a token AWS remembers from an attachment detached since stops mattering an hour later. Within the hour, create
 * steps past such a stale token with a fresh one.
 */
const TOKEN_PERIOD_MS = 60 * 60_000;

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

/** The region part of an ARN (`arn:<partition>:<service>:<region>:…`): the application's or the data source's. */
function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(":")[3] || undefined;
}

const KIND = "opensearch:DataSourceAttachment";

/**
 * Attaches a data source (an OpenSearch domain or Serverless collection) to an OpenSearch application. No update API
 * exists: every input that names the attachment replaces; `waitForAttached`, `timeouts` and credentials change nothing.
 */
export const dataSourceAttachmentSpec: ResourceSpec<AttachmentView> = {
  kind: KIND,
  typeName: "opensearch.DataSourceAttachment",
  fields: ATTACHMENT_FIELDS,
  rules: ATTACHMENT_RULES,
  outputs: ["attachmentId", "status", "applicationArn"],
  // An application still being created can keep an attachment PENDING for many minutes.
  defaultTimeouts: { create: 30 * 60_000, update: 30 * 60_000, delete: 30 * 60_000 },
  describe: describeInputs,

  async create(ctx, inputs) {
    const key = keyOf(inputs);
    const id = attachmentResourceId(key);
    // AWS keeps one attachment per pair and hands it to any AttachDataSource: one that exists is this resource's (a
    // create retried after a crash or a lost response finds what the first attempt made, and attaches nothing).
    const existing = await describeAttachment(ctx, key);
    if (existing !== undefined) {
      progress(`${ctx.label}: ${existing.attachmentId} already attaches this data source; it is now managed here`);
      // If it was the resource being replaced (create-before-delete), that one's delete in this run leaves it attached.
      recordTakeover(KIND, id);
      return { id, object: existing };
    }
    const request = {
      ...key,
      workspaceId: inputs.workspaceId as string | undefined,
      workspaceConfiguration: inputs.workspaceConfiguration as WorkspaceConfiguration | undefined,
    };
    const deadline = ctx.allowance?.deadline ?? Date.now() + ctx.timeouts.create;
    const hour = Math.floor(Date.now() / TOKEN_PERIOD_MS);
    const clientToken = attachmentClientToken({ ...request, region: ctx.aws.region }, hour);
    const made = await attachDataSource(ctx, { ...request, clientToken });
    // From here an attachment may exist: every failure keeps the id in state (it is known without asking AWS).
    return keepingId(ctx, id, inputs, async () => {
      const seen = await lookOnceAfterAttach(ctx, key, deadline);
      // What this look saw is where the wait for ATTACHED starts (no second look right after it).
      if (seen !== undefined && seen.attachmentId === made.attachmentId) return { id, object: seen };
      // Not seen (yet): AWS replayed a token whose attachment was detached since (it performs "no further action" for a
      // token it knows: the n-th re-attach within the hour), or the new attachment is not visible yet. A token AWS has
      // never seen tells at once, with no grace period to wait out: AWS answers it with the pair's attachment if there
      // is one ("the existing attachment is returned"), and otherwise attaches. Either way that answer is live, so
      // every re-attach costs at most two AttachDataSource calls, however many came before (issue 8).
      const fresh = await attachDataSource(ctx, { ...request, clientToken: randomUUID() });
      if (fresh.attachmentId !== made.attachmentId) {
        progress(`${ctx.label}: client token ${clientToken} named attachment ${made.attachmentId}, which no longer exists; attached as ${fresh.attachmentId}`);
      }
      // Being live, the answer is where the wait starts too (unless it named no status, which the wait would refuse).
      return fresh.status === "UNKNOWN" ? id : { id, object: fresh };
    });
  },

  sdkPackage: "@aws-sdk/client-opensearch",
  find: (ctx, id) => describeAttachment(ctx, keyOfId(ctx, id)),
  pollSource: (ctx, id) => attachmentsPollSource(ctx, keyOfId(ctx, id)),
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
    // One deadline for every wait of the destroy: the PENDING wait, the application's, and the one after the detach.
    const deadline = Date.now() + ctx.timeouts.delete;
    // AWS refuses to detach a PENDING attachment (ConflictException): it must become ATTACHED or FAILED first.
    if (current.status === "PENDING") {
      const settled = await waitOutPending(ctx, id, () => describeAttachment(ctx, key), deadline);
      if (settled === undefined) return;
    }
    // "The application must be in the ACTIVE state" to detach (API reference): e.g. one still CREATING.
    await waitForActiveApplication(ctx, id, key.applicationId, deadline);
    await detachDataSource(ctx, key);
    await waitFor({
      what: `${ctx.label} (${id}) to be detached`,
      // What Describe showed before may linger for a moment (eventual consistency).
      pending: ["PENDING", "ATTACHED", "FAILED"],
      target: [],
      notFoundIsTarget: true,
      timeoutMs: ctx.timeouts.delete,
      deadlineAt: deadline,
      observe: async () => {
        const view = await describeAttachment(ctx, key);
        return view && { value: view, status: view.status };
      },
    });
  },

  toOutputs: (view) => ({ attachmentId: view.attachmentId, status: view.status, applicationArn: view.applicationArn }),
  regionOf: (view, ctx) => ctx.aws.region ?? regionOfArn(view.applicationArn),
  // An application attaches data sources of its own region: the data source's ARN names it, whatever AWS_REGION says.
  defaultRegion: (inputs) => (typeof inputs.dataSourceArn === "string" && !isUnknown(inputs.dataSourceArn) ? regionOfArn(inputs.dataSourceArn) : undefined),
  // create already takes over the attachment the pair has: adoptId only states the intent (see attachment-fields.ts).
  createTakesOverExisting: true,
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
