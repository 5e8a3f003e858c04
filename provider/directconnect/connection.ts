import { randomUUID } from "crypto";
import { CreateConnectionCommand, DeleteConnectionCommand, TagResourceCommand, UntagResourceCommand, UpdateConnectionCommand } from "@aws-sdk/client-direct-connect";
import type { Connection } from "@aws-sdk/client-direct-connect";
import { IDEMPOTENT, SINGLE_ATTEMPT } from "../core/aws-clients";
import { createOnce } from "../core/create-once";
import { recordTakeover } from "../core/handover";
import { deterministicToken, identityOf } from "../core/identity";
import { progress } from "../core/progress";
import { AwsCallError, awsCall, NotFoundError } from "../core/errors";
import type { ResourceContext, ResourceSpec } from "../core/spec";
import { directConnectClient } from "./client";
import { CONNECTION_FIELDS, CONNECTION_RULES } from "./fields";
import { connectionWithToken, connectionWithTokenNow, connectionsPollSource, findConnectionByID, GONE_STATES as GONE, isConnectionNotFound, listConnections } from "./find";
import { CREATE_TOKEN_TAG, TAKEOVER_TAG, tagChanges, tagsToList, userTagsOf } from "./tags";

/** Connection states (the API also has "ordering" for hosted connections and "unknown" while AWS cannot tell). */
const EXISTS = ["ordering", "requested", "pending", "available", "down", "unknown"];

const KIND = "directconnect:Connection";

export const connectionSpec: ResourceSpec<Connection> = {
  kind: KIND,
  typeName: "directconnect.Connection",
  fields: CONNECTION_FIELDS,
  rules: CONNECTION_RULES,
  outputs: [
    "connectionId", "arn", "connectionState", "awsDevice", "hasLogicalRedundancy", "jumboFrameCapable",
    "macSecCapable", "portEncryptionStatus", "ownerAccount", "partnerName", "vlan",
  ],
  defaultTimeouts: { create: 30 * 60_000, update: 10 * 60_000, delete: 10 * 60_000 },
  // No describe: the connection name may be secret (see ResourceSpec.describe).

  async create(ctx, inputs) {
    const token = createTokenFor(ctx, inputs);
    const userTags = (inputs.tags ?? {}) as Record<string, string>;
    const deadline = ctx.allowance?.deadline ?? Date.now() + ctx.timeouts.create;
    const madeWith = async (): Promise<Connection | undefined> => connectionWithToken(await listConnections(ctx), token);
    // A connection with this token is this resource's: one a create left when it died (CLI or host killed after
    // CreateConnection), or the very one a `pulumi up --replace` with the same settings replaces. Either way it is taken
    // over instead of ordering a second port, marked so that the old resource's delete leaves it alone (handover.ts).
    // Only the id is returned: the takeover tag just changed the object, so the wait's first look reads it again.
    // This look shares the host's poll: a fleet's creates cost a few listings between them, not one each.
    const interrupted = identityOf(inputs) !== undefined ? (await connectionWithTokenNow(ctx, deadline, token))?.connectionId : undefined;
    if (interrupted !== undefined) {
      await markTakeover(ctx, interrupted);
      progress(`${ctx.label}: taking over ${interrupted}, which an earlier create of this resource ordered`);
      return interrupted;
    }
    const made: Connection = await createOnce<Connection>({
      resource: ctx.label,
      operation: "CreateConnection",
      attempt: async () => {
        const output = await directConnectClient(ctx, SINGLE_ATTEMPT).send(
          new CreateConnectionCommand({
            location: inputs.location as string,
            bandwidth: inputs.bandwidth as string,
            connectionName: inputs.connectionName as string,
            lagId: inputs.lagId as string | undefined,
            providerName: inputs.providerName as string | undefined,
            requestMACSec: inputs.requestMACSec as boolean | undefined,
            tags: [...tagsToList(userTags), { key: CREATE_TOKEN_TAG, value: token }],
          }),
        );
        if (!output.connectionId) throw new Error(`${ctx.label}: CreateConnection returned no connectionId`);
        // The answer is the new connection (DescribeConnections' shape): no look needed to know its state.
        const { $metadata: _metadata, ...connection } = output;
        return connection;
      },
      findCreated: madeWith,
    });
    return { id: made.connectionId as string, object: made };
  },

  sdkPackage: "@aws-sdk/client-direct-connect",
  find: findConnectionByID,
  takeoverMarkerOn: (connection) => connection.tags?.find((tag) => tag.key === TAKEOVER_TAG)?.value,
  pollSource: connectionsPollSource,
  status: (connection) => ({ value: connection, status: connection.connectionState ?? "unknown" }),
  isGone: (connection, _inputs) => GONE.includes(connection.connectionState ?? ""),

  stable: (inputs) =>
    inputs.waitForAvailable === true
      ? { pending: ["ordering", "requested", "pending", "unknown"], target: ["available"], failure: ["down", "deleting", ...GONE] }
      : { pending: [], target: EXISTS, failure: ["deleting", ...GONE] },
  deletingStatuses: ["deleting"],

  async update(ctx, id, olds, news, current) {
    // Compared with what AWS has now, so only real differences are sent (a timeouts-only change calls nothing).
    const client = directConnectClient(ctx, IDEMPOTENT);
    const label = `${ctx.label} (${id})`;
    const rename = news.connectionName !== current.connectionName ? (news.connectionName as string) : undefined;
    const mode = news.encryptionMode !== undefined && news.encryptionMode !== current.encryptionMode ? (news.encryptionMode as string) : undefined;
    let updated: Connection | undefined;
    if (rename !== undefined || mode !== undefined) {
      const { $metadata: _metadata, ...answer } = await awsCall(label, "UpdateConnection", () =>
        client.send(new UpdateConnectionCommand({ connectionId: id, connectionName: rename, encryptionMode: mode })),
      );
      updated = answer;
    }
    await applyTags(ctx, label, current, (news.tags ?? {}) as Record<string, string>, (olds.tags ?? {}) as Record<string, string>);
    // Tags change neither the state nor an output read from the connection (outputs echo the tags given).
    return updated ?? "unchanged";
  },

  async delete(ctx, id) {
    try {
      await directConnectClient(ctx, IDEMPOTENT).send(new DeleteConnectionCommand({ connectionId: id }));
    } catch (error) {
      if (isConnectionNotFound(error)) throw new NotFoundError(String(error));
      throw new AwsCallError(`${ctx.label} (${id})`, "DeleteConnection", error);
    }
  },

  toOutputs: (connection) => ({
    connectionId: connection.connectionId,
    arn: connectionArn(connection),
    connectionState: connection.connectionState,
    awsDevice: connection.awsDeviceV2 ?? connection.awsDevice,
    hasLogicalRedundancy: connection.hasLogicalRedundancy,
    jumboFrameCapable: connection.jumboFrameCapable,
    macSecCapable: connection.macSecCapable,
    portEncryptionStatus: connection.portEncryptionStatus,
    ownerAccount: connection.ownerAccount,
    partnerName: connection.partnerName,
    vlan: connection.vlan,
  }),

  regionOf: (connection) => connection.region,

  actualSettings: (connection, previous) => ({
    location: connection.location,
    bandwidth: connection.bandwidth,
    connectionName: connection.connectionName,
    // Unset stays unset: joining a LAG out of band (AssociateConnectionWithLag) must not turn into a replacement.
    lagId: previous.lagId !== undefined ? connection.lagId : undefined,
    providerName: previous.providerName !== undefined ? connection.providerName : undefined,
    requestMACSec: connection.macSecCapable === true,
    // Unset stays unset: AWS's default mode is not drift. Any value AWS reports is kept as a string, even one this
    // package does not know (terraform-provider-aws fails refresh on those).
    encryptionMode: previous.encryptionMode !== undefined ? connection.encryptionMode : undefined,
    tags: previous.tags !== undefined || Object.keys(userTagsOf(connection.tags)).length > 0 ? userTagsOf(connection.tags) : undefined,
  }),
};

async function applyTags(ctx: ResourceContext, label: string, current: Connection, wanted: Record<string, string>, managed: Record<string, string>): Promise<void> {
  const changes = tagChanges(userTagsOf(current.tags), wanted, managed);
  const client = directConnectClient(ctx, IDEMPOTENT);
  const resourceArn = connectionArn(current);
  if (changes.remove.length > 0) {
    await awsCall(label, "UntagResource", () => client.send(new UntagResourceCommand({ resourceArn, tagKeys: changes.remove })));
  }
  if (changes.set.length > 0) {
    await awsCall(label, "TagResource", () => client.send(new TagResourceCommand({ resourceArn, tags: changes.set })));
  }
}

function connectionArn(connection: Connection): string {
  const region = connection.region ?? "";
  const partition = region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  return `arn:${partition}:directconnect:${region}:${connection.ownerAccount}:dxcon/${connection.connectionId}`;
}

/**
 * The create token: derived from the resource's identity and the settings that define the port, so every process
 * computes the same one for the same create (and a replacement with other settings another). Programs of 0.1.0 pass
 * no identity: their creates keep a random token (safe against a lost response, not against a crash).
 */
function createTokenFor(ctx: ResourceContext, inputs: Record<string, unknown>): string {
  const identity = identityOf(inputs);
  if (identity === undefined) return randomUUID();
  const settings = [ctx.aws.region ?? "", inputs.location, inputs.bandwidth, inputs.lagId ?? "", inputs.providerName ?? "", inputs.requestMACSec === true];
  return deterministicToken("pac-", identity, settings);
}

/** Marks a connection this create takes over (provider/core/handover.ts): on the connection, and in this host. */
async function markTakeover(ctx: ResourceContext, connectionId: string): Promise<void> {
  const connection = await findConnectionByID(ctx, connectionId);
  if (connection === undefined) return;
  const marker = randomUUID();
  await awsCall(`${ctx.label} (${connectionId})`, "TagResource", () =>
    directConnectClient(ctx, IDEMPOTENT).send(new TagResourceCommand({ resourceArn: connectionArn(connection), tags: [{ key: TAKEOVER_TAG, value: marker }] })),
  );
  recordTakeover(KIND, connectionId, marker);
}
