import { awsSettingsField } from "../core/common-fields";
import { lookUntilVisible } from "../core/consistency";
import { createOnce } from "../core/create-once";
import { journalKey, readCreateRecord, writeCreateRecord } from "../core/create-journal";
import { recordTakeover } from "../core/handover";
import { identityOf } from "../core/identity";
import { progress } from "../core/progress";
import type { FieldSet } from "../core/fields";
import type { ResourceContext, ResourceSpec } from "../core/spec";
import { deepEqual, withoutUndefined } from "../core/values";
import { lookThrough, waitFor, WaitTimeoutError } from "../core/wait";
import { answerConnection } from "./answer";
import { crossClusterPollSource, findInboundNow, listOutboundNow } from "./poll-source";
import { acceptRegionRule, aliasField, domainField, domainOf, localRegionRule, notSameDomainRule, sameDomain } from "./fields";
import { OUTBOUND_FAILED, VALIDATED } from "./statuses";
import type { ConnectionView, CrossClusterWire, DomainRef, OutboundRequest, WireCall } from "./wire";

/** How one API names things; everything else about an outbound connection is shared. */
export interface OutboundNaming {
  kind: string;
  typeName: string;
  /** Input names of the two sides: localDomain/remoteDomain (OpenSearch) or sourceDomain/destinationDomain (ES). */
  local: string;
  remote: string;
  aliasMaxLength: number;
  /** Extra inputs only one API has (OpenSearch: connectionMode, endpoint, skipUnavailable). */
  extraFields: FieldSet;
  extraRules: ResourceSpec<ConnectionView>["rules"];
  /** The extra inputs as request fields. */
  requestExtras(inputs: Record<string, unknown>): Pick<OutboundRequest, "mode" | "endpoint" | "skipUnavailable">;
  /** The extra inputs as AWS reports them (unset stays unset). */
  actualExtras(view: ConnectionView, previous: Record<string, unknown>): Record<string, unknown>;
}

/**
 * An outbound cross-cluster connection, optionally accepted by the remote owner inside the same resource (`acceptWith`,
 * another account or region). There is no update API: every input that names the connection replaces it.
 */
/** What the remote owner's reject leads to. */
const REJECTED_BY_REMOTE: readonly string[] = ["REJECTING", "REJECTED"];

export function outboundConnectionSpec(wire: CrossClusterWire, naming: OutboundNaming): ResourceSpec<ConnectionView> {
  const callOf = (ctx: ResourceContext): WireCall => ({ label: ctx.label, aws: ctx.aws });
  const sides = (inputs: Record<string, unknown>): [DomainRef, DomainRef] => [domainOf(inputs[naming.local])!, domainOf(inputs[naming.remote])!];
  /** The inputs (named, never quoted) in which an existing connection differs from what these inputs would make. */
  const differingSettings = (view: ConnectionView, inputs: Record<string, unknown>): string[] => {
    const actual = spec.actualSettings(view, inputs);
    return Object.keys(actual).filter((key) => !deepEqual(actual[key], inputs[key]));
  };

  const spec: ResourceSpec<ConnectionView> = {
    kind: naming.kind,
    typeName: naming.typeName,
    fields: {
      [naming.local]: domainField("The domain the connection starts from (yours)."),
      [naming.remote]: domainField("The domain to search (the remote owner's)."),
      connectionAlias: aliasField(naming.aliasMaxLength),
      ...naming.extraFields,
      // How to reach the remote owner; not part of the connection's identity.
      acceptWith: awsSettingsField("Accept as the remote domain's owner, with these AWS settings.", false),
    },
    rules: [
      notSameDomainRule(naming.local, naming.remote),
      localRegionRule(naming.local),
      acceptRegionRule(naming.local, naming.remote),
      ...(naming.extraRules ?? []),
    ],
    // The domains as AWS resolved them (owner and region filled in), so omitted parts can be compared later.
    outputs: ["connectionId", "status", "statusMessage", resolved(naming.local), resolved(naming.remote)],
    defaultTimeouts: { create: 10 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
    // No describe: the alias is a name the user chose and may be secret (see ResourceSpec.describe).

    async create(ctx, inputs) {
      const [local, remote] = sides(inputs);
      const alias = inputs.connectionAlias as string;
      const call = callOf(ctx);
      const operation = wire.family === "opensearch" ? "CreateOutboundConnection" : "CreateOutboundCrossClusterSearchConnection";
      const deadline = ctx.allowance?.deadline ?? Date.now() + ctx.timeouts.create;
      // No client token exists: remember what was there, so a lost response is recognised by what is new.
      const sameAlias = (await listOutboundNow(wire, call, local.domainName, deadline)).filter((c) => c.alias === alias);
      const journal = journalKeyOf(ctx, inputs);
      const clash = sameAlias.find((c) => !FINISHED.includes(c.status));
      if (clash) {
        // AWS allows one live connection per alias on a domain. Ours only if this machine recorded a create of this
        // very resource that started before the connection appeared (the CLI or host died before state was written).
        const record = journal !== undefined ? readCreateRecord(journal) : undefined;
        if (record !== undefined && !record.before.includes(clash.id)) {
          // The record outlives its create (create-journal.ts), so it also covers the connection an earlier create of
          // this resource made that is still in state: the old half of a replacement made create-first (the
          // `deleteBeforeReplace: false` resource option overrides the diff's delete-first, step_generator.go). That one
          // was made for other settings, or for these same ones (`pulumi up --replace`).
          const differing = differingSettings(clash, inputs);
          if (differing.length > 0) {
            throw new Error(
              `${ctx.label}: ${naming.local} already has connection ${clash.id} (${clash.status}) with this connectionAlias, made by an ` +
                `earlier create of this resource with other ${differing.join(", ")}: AWS allows one live connection per alias on a ` +
                "domain, so a replacement that keeps the alias must delete the old connection first. Remove the `deleteBeforeReplace: false` " +
                "resource option (delete-first is this resource's default), or choose another connectionAlias",
            );
          }
          progress(`${ctx.label}: taking over ${clash.id}, which an earlier create of this resource made with these settings`);
          // In this host the old resource's delete (a create-first replacement's second half) must leave it alone.
          recordTakeover(naming.kind, clash.id);
          return clash.id;
        }
        throw new Error(
          `${ctx.label}: ${naming.local} already has connection ${clash.id} (${clash.status}) with this connectionAlias, and nothing ` +
            `on this machine shows that a create of this resource made it. If it is this resource's (e.g. a create interrupted on ` +
            `another machine), add \`adoptId: "${clash.id}"\` to the resource's inputs and run \`pulumi up\`; otherwise delete ${clash.id} ` +
            "or choose another connectionAlias",
        );
      }
      const before = new Set(sameAlias.map((c) => c.id));
      if (journal !== undefined) writeCreateRecord(journal, { before: [...before], startedAt: new Date().toISOString() });
      const made = await createOnce<ConnectionView>({
        resource: ctx.label,
        operation,
        attempt: () => wire.createOutbound(call, { local, remote, alias, ...naming.requestExtras(inputs) }),
        findCreated: async () =>
          (await wire.listOutbound(call, local.domainName)).find(
            (c) => !before.has(c.id) && c.alias === alias && c.remote.domainName === remote.domainName && c.status !== "DELETED",
          ),
      });
      return { id: made.id, object: made };
    },

    sdkPackage: wire.sdkPackage,
    find: (ctx, id) => wire.findOutbound(callOf(ctx), id),
    pollSource: (ctx) => crossClusterPollSource(wire, "outbound", ctx),
    status: (view) => ({ value: view, status: view.status, message: view.message }),
    isGone: (view) => view.status === "DELETED",

    stable: (inputs, step) =>
      inputs.acceptWith !== undefined
        ? { pending: ["VALIDATING", "PENDING_ACCEPTANCE", "APPROVED", "PROVISIONING"], target: ["ACTIVE"], failure: OUTBOUND_FAILED }
        : step === "update"
          ? // The remote owner's answer is theirs to give: a connection they rejected is settled, and an update of this
            // resource's own settings (timeouts, credentials) must not fail on it. A create that meets it still fails.
            { pending: ["VALIDATING"], target: [...VALIDATED, ...REJECTED_BY_REMOTE], failure: OUTBOUND_FAILED.filter((s) => !REJECTED_BY_REMOTE.includes(s)) }
          : { pending: ["VALIDATING"], target: VALIDATED, failure: OUTBOUND_FAILED },
    deletingStatuses: ["DELETING"],

    // The only in-place step: accepting as the remote owner (also how an acceptWith that timed out is resumed).
    async update(ctx, id, _olds, news, current) {
      if (news.acceptWith === undefined) return "unchanged";
      let view = current;
      if (view.status === "VALIDATING") {
        const judge = (seen: ConnectionView | undefined) => seen && { value: seen, status: seen.status, message: seen.message };
        const validated = await waitFor({
          what: `${ctx.label} (${id}) to be validated`,
          pending: ["VALIDATING"],
          target: VALIDATED,
          failure: OUTBOUND_FAILED,
          timeoutMs: ctx.allowance?.timeoutMs ?? ctx.timeouts.update,
          deadlineAt: ctx.allowance?.deadline,
          // `current` was just seen (or is the create's answer): the first look waits a tick.
          initial: judge(current),
          observe: async () => judge(await wire.findOutbound(callOf(ctx), id)),
          lookShared: lookThrough(crossClusterPollSource(wire, "outbound", ctx), id, judge),
        });
        if (validated) view = validated.value;
      }
      if (view.status !== "PENDING_ACCEPTANCE") return view;
      const [, remote] = sides(news);
      const settings = news.acceptWith as Record<string, string | undefined>;
      const owner: WireCall = { label: `${ctx.label} (accepting as the remote owner)`, aws: { ...settings, region: settings.region ?? remote.region ?? ctx.aws.region } };
      // The owner sees the connection once it is validated, and maybe a moment later (eventual consistency).
      const deadline = ctx.allowance?.deadline ?? Date.now() + ctx.timeouts.update;
      // A failure here (a refused role, an endpoint that does not answer) is labelled by whatever failed, e.g. the
      // shared poll: say that it is acceptWith that could not act, so the user knows which input to fix.
      const asOwner = async <T>(step: () => Promise<T>): Promise<T> => {
        try {
          return await step();
        } catch (error) {
          const message = `${ctx.label} (${id}): acceptWith could not act as the remote owner: ${error instanceof Error ? error.message : String(error)}`;
          throw error instanceof WaitTimeoutError ? new WaitTimeoutError(message, error.last) : new Error(message);
        }
      };
      const inbound = await asOwner(() => lookUntilVisible(() => findInboundNow(wire, owner, id, deadline)));
      if (!inbound) {
        throw new Error(
          `${ctx.label} (${id}): the remote owner cannot see the connection: acceptWith must reach the account and region of ${naming.remote}`,
        );
      }
      if (inbound.status === "PENDING_ACCEPTANCE") await asOwner(() => answerConnection(wire, owner, id, "accept"));
      // As last seen (PENDING_ACCEPTANCE, which the wait for ACTIVE passes over): the wait's next look is a tick away
      // instead of at once, where it would only see the APPROVED the accept has just set.
      return view;
    },

    delete: (ctx, id) => wire.deleteOutbound(callOf(ctx), id),

    toOutputs: (view) => ({
      connectionId: view.id,
      status: view.status,
      statusMessage: view.message,
      [resolved(naming.local)]: withoutUndefined({ ...view.local }),
      [resolved(naming.remote)]: withoutUndefined({ ...view.remote }),
    }),
    // The connection is made in the local domain's region; naming it there is enough.
    defaultRegion: (inputs) => domainOf(inputs[naming.local])?.region,
    regionOf: (view, ctx) => view.local.region ?? ctx.aws.region,

    actualSettings: (view, previous) => ({
      [naming.local]: asPreviouslyGiven(view.local, previous[naming.local]),
      [naming.remote]: asPreviouslyGiven(view.remote, previous[naming.remote]),
      connectionAlias: view.alias,
      ...naming.actualExtras(view, previous),
    }),

    diffBaseline: (olds, news) => {
      const before = { ...olds };
      const after = { ...news };
      for (const side of [naming.local, naming.remote]) {
        const given = domainOf(olds[side]);
        const decided = domainOf(olds[resolved(side)]);
        const next = news[side];
        if (!given || !decided || next === null || typeof next !== "object") continue;
        const effective = { domainName: given.domainName, ownerId: given.ownerId ?? decided.ownerId, region: given.region ?? decided.region };
        const wanted = next as Record<string, unknown>;
        before[side] = withoutUndefined(effective);
        // Only the same domain inherits what AWS decided for it; another name is a replacement anyway.
        if (wanted.domainName !== given.domainName) continue;
        after[side] = withoutUndefined({ ...wanted, ownerId: wanted.ownerId ?? effective.ownerId, region: wanted.region ?? effective.region });
      }
      return [before, after];
    },

    // Two connections with one alias on one domain cannot coexist: the old one goes first.
    deleteBeforeReplace: (olds, news) => {
      const [oldLocal] = sides(olds);
      const [newLocal] = sides(news);
      return olds.connectionAlias === news.connectionAlias && oldLocal !== undefined && newLocal !== undefined && sameDomain(oldLocal, newLocal);
    },
  };
  return spec;
}

/** Statuses after which a connection no longer holds its alias. */
const FINISHED: readonly string[] = ["DELETED", "REJECTED"];

/** The journal record of this resource's create (none for programs of 0.1.0, which pass no identity). */
function journalKeyOf(ctx: ResourceContext, inputs: Record<string, unknown>): string | undefined {
  const identity = identityOf(inputs);
  if (identity === undefined) return undefined;
  const connection = [inputs.connectionAlias, inputs.localDomain ?? inputs.sourceDomain];
  return journalKey(["outbound", identity, ctx.aws.endpoint ?? "", ctx.aws.region ?? "", ...connection]);
}

/** The output holding a side's domain as AWS resolved it, e.g. `localDomainResolved`. */
function resolved(side: string): string {
  return `${side}Resolved`;
}

/** AWS fills in owner and region; an input that left them out must not see that as drift. */
function asPreviouslyGiven(actual: DomainRef, previous: unknown): Record<string, string> {
  const given = domainOf(previous);
  const out: Record<string, string> = { domainName: actual.domainName };
  if (given?.ownerId !== undefined && actual.ownerId !== undefined) out.ownerId = actual.ownerId;
  if (given?.region !== undefined && actual.region !== undefined) out.region = actual.region;
  return out;
}
