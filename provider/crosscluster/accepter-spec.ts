import { formatDuration } from "../core/durations";
import { InputError } from "../core/errors";
import { recordTakeover } from "../core/handover";
import type { ResourceContext, ResourceSpec } from "../core/spec";
import { lengthBetween, matches, oneOf } from "../core/validators";
import { withoutUndefined } from "../core/values";
import { UnexpectedStatusError, waitFor, WaitTimeoutError } from "../core/wait";
import type { Observation } from "../core/wait";
import { answerConnection, answeredStatuses } from "./answer";
import { crossClusterPollSource } from "./poll-source";
import { ACCEPTED_ON_THE_WAY } from "./statuses";
import { ACCEPTER_TYPE } from "./wire";
import type { ApiFamily, ConnectionView, CrossClusterWire, WireCall } from "./wire";

export interface AccepterNaming {
  kind: string;
  typeName: string;
  /** The other API's adapter, loaded only to explain a connection made there. */
  otherWire(): CrossClusterWire;
}

const ACTIONS = ["accept", "reject"] as const;

/**
 * How long an accepter looks for a connection its owner cannot see yet, at most (within `timeouts.create`): the remote
 * owner sees the inbound side only once AWS has validated the connection, which takes seconds to a minute or two, so an
 * accepter created right after the outbound side (e.g. in another stack) waits it out instead of failing at once.
 */
export const INBOUND_VISIBLE_WITHIN_MS = 2 * 60_000;

/**
 * The inbound side of connection `id`, as the remote owner sees it; waits (bounded) while it is not visible yet. A
 * connection that shows up on the other API family fails at once, naming the resource type to use.
 */
async function findAnswerable(wire: CrossClusterWire, naming: AccepterNaming, ctx: ResourceContext, id: string): Promise<ConnectionView> {
  const call: WireCall = { label: ctx.label, aws: ctx.aws };
  const other = naming.otherWire();
  // Looked for on both APIs: a connection made with the other one is invisible there too until validated.
  const look = async (): Promise<Observation<{ view: ConnectionView; family: ApiFamily }> | undefined> => {
    const view = await wire.findInbound(call, id);
    if (view) return { value: { view, family: wire.family }, status: "visible" };
    const there = await other.findInbound(call, id).catch(() => undefined);
    return there && { value: { view: there, family: other.family }, status: "visible" };
  };
  const timeoutMs = ctx.allowance?.timeoutMs ?? ctx.timeouts.create;
  const started = Date.now();
  const deadline = Math.min(ctx.allowance?.deadline ?? started + timeoutMs, started + INBOUND_VISIBLE_WITHIN_MS);
  let seen: Observation<{ view: ConnectionView; family: ApiFamily }> | undefined;
  try {
    seen = await waitFor({
      what: `${ctx.label} (${id}) to be visible to the remote domain's owner`,
      pending: [],
      target: ["visible"],
      timeoutMs,
      deadlineAt: deadline,
      notFoundForMs: INBOUND_VISIBLE_WITHIN_MS,
      observe: look,
    });
  } catch (error) {
    // Not visible within the time allowed: said below, in the terms of the input.
    if (!(error instanceof WaitTimeoutError) && !(error instanceof UnexpectedStatusError)) throw error;
  }
  if (!seen) {
    const looked = formatDuration(Math.max(1_000, Math.round((Date.now() - started) / 1_000) * 1_000));
    throw new InputError(
      `${ctx.label}: connectionId: no inbound connection ${id} in this account and region after looking for ${looked} ` +
        "(the remote domain owner's; set aws to reach it). A connection AWS is still validating is not visible to that owner yet: " +
        "if it was only just made, run again",
    );
  }
  if (seen.value.family !== wire.family) {
    throw new InputError(`${ctx.label}: connectionId: ${id} was made with the ${other.family} API, which alone can answer it: use ${ACCEPTER_TYPE[other.family]}`);
  }
  return seen.value.view;
}

/**
 * The remote owner's answer to an inbound connection: accept (waits for ACTIVE) or reject (waits for REJECTED).
 * Destroy rejects a connection still pending and deletes an accepted one.
 */
export function inboundAccepterSpec(wire: CrossClusterWire, naming: AccepterNaming): ResourceSpec<ConnectionView> {
  const callOf = (ctx: ResourceContext): WireCall => ({ label: ctx.label, aws: ctx.aws });
  const rejecting = (inputs: Record<string, unknown>) => inputs.action === "reject";

  return {
    kind: naming.kind,
    typeName: naming.typeName,
    fields: {
      connectionId: { type: "string", required: true, immutable: true, validators: [lengthBetween(10, 256), matches(/^[a-z0-9][a-z0-9-]*$/, "a connection id (lowercase letters, digits, hyphens)")] },
      // An accepted connection cannot be rejected later (nor the reverse): a different answer means a new resource.
      action: { type: "string", immutable: true, default: "accept", validators: [oneOf(ACTIONS)] },
    },
    outputs: ["status", "localDomain", "remoteDomain"],
    defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
    describe: (inputs) => String(inputs.connectionId ?? "connection"),

    async create(ctx, inputs) {
      const id = inputs.connectionId as string;
      const call = callOf(ctx);
      const view = await findAnswerable(wire, naming, ctx, id);
      const action = rejecting(inputs) ? "reject" : "accept";
      if (view.status === "PENDING_ACCEPTANCE") {
        // The accept's answer (APPROVED) is what a look right after it would see: the wait starts from it.
        const answered = await answerConnection(wire, call, id, action);
        return { id, object: answered };
      }
      // Already answered the same way (a create retried after the answer was given, or the replacement of an accepter
      // of this connection): nothing to do in AWS, and the old accepter's delete in this run must not undo the answer.
      if (answeredStatuses(wire, action).includes(view.status)) {
        recordTakeover(naming.kind, id);
        return id;
      }
      throw new InputError(`${ctx.label}: cannot ${action} connection ${id}: it is ${view.status}${view.message ? ` (${view.message})` : ""}`);
    },

    sdkPackage: wire.sdkPackage,
    find: (ctx, id) => wire.findInbound(callOf(ctx), id),
    pollSource: (ctx) => crossClusterPollSource(wire, "inbound", ctx),
    status: (view) => ({ value: view, status: view.status, message: view.message }),
    // A rejected connection is what a reject accepter is for; for an accept accepter it means the answer is gone.
    isGone: (view, inputs) => view.status === "DELETED" || (view.status === "REJECTED" && !rejecting(inputs)),

    stable: (inputs) =>
      rejecting(inputs)
        ? { pending: ["PENDING_ACCEPTANCE", "REJECTING"], target: ["REJECTED"], failure: [...ACCEPTED_ON_THE_WAY, "ACTIVE", "DELETING", "DELETED"] }
        : { pending: ["PENDING_ACCEPTANCE", ...wire.inboundAccepted.settling], target: wire.inboundAccepted.final, failure: ["REJECTING", "REJECTED", "DELETING", "DELETED"] },
    // Its own replacement would find the same connection in the same state: the connection must be made again.
    failedStatusAdvice:
      "this connection cannot be answered any more: replace the outbound connection (`pulumi up --replace <its urn>`, " +
      "or a new connectionAlias); an accepter whose connectionId comes from it follows",
    deletingStatuses: ["DELETING", "REJECTING"],
    deletedStatuses: ["DELETED", "REJECTED"],

    async delete(ctx, id, current) {
      // A connection never accepted cannot be deleted by its remote owner, only rejected.
      if (current.status === "PENDING_ACCEPTANCE") await answerConnection(wire, callOf(ctx), id, "reject");
      else await wire.deleteInbound(callOf(ctx), id);
    },

    toOutputs: (view) => ({ status: view.status, localDomain: withoutUndefined({ ...view.local }), remoteDomain: withoutUndefined({ ...view.remote }) }),
    regionOf: (view, ctx) => ctx.aws.region ?? view.remote.region,
    actualSettings: (view, previous) => ({ connectionId: view.id, action: previous.action }),
  };
}
