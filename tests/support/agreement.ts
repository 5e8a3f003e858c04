import { strict as assert } from "assert";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import type { CliStack, StateResource } from "../../cli-runner";
import { sdkClientConfig, type World } from "./world";

/**
 * The one-to-one check of the engine tests: what the emulator holds (the "cloud") against what the stacks' real
 * checkpoints hold, for all six resource kinds. Each live AWS object belongs to exactly one resource in state and each
 * resource in state names a live object, whose status fits the resource:
 *   - Direct Connect: the connections not `deleted`/`rejected` (every account and region the stacks use);
 *   - outbound connections (per API family): the connections not DELETED;
 *   - accepters: their connection exists and is answered their way (accept: APPROVED, PROVISIONING or ACTIVE;
 *     reject: REJECTING or REJECTED), and every answered connection has an accepter or an outbound `acceptWith`;
 *   - data-source attachments: the emulator's attachments, as `<applicationId>,<dataSourceArn>`.
 */
const DX_TYPE = "pulumi-nodejs:dynamic/directconnect:Connection";
const OUTBOUND_TYPES = { opensearch: "pulumi-nodejs:dynamic/opensearch:OutboundConnection", elasticsearch: "pulumi-nodejs:dynamic/elasticsearch:OutboundConnection" };
const ACCEPTER_TYPES = { opensearch: "pulumi-nodejs:dynamic/opensearch:InboundConnectionAccepter", elasticsearch: "pulumi-nodejs:dynamic/elasticsearch:InboundConnectionAccepter" };
const ATTACHMENT_TYPE = "pulumi-nodejs:dynamic/opensearch:DataSourceAttachment";
const ACCEPTED = ["APPROVED", "PROVISIONING", "ACTIVE"];
const REJECTED = ["REJECTING", "REJECTED"];

export interface CloudView {
  dx: string[];
  outbound: { opensearch: string[]; elasticsearch: string[] };
  /** connection id → status, for every connection of each family. */
  connections: Map<string, { family: string; status: string }>;
  attachments: string[];
}

/** Everything live in the emulator, as the one-to-one check sees it. */
export async function cloudView(world: World, dxScopes: { account: string; region: string }[] = [{ account: "primary", region: "us-east-1" }]): Promise<CloudView> {
  const dx: string[] = [];
  for (const scope of dxScopes) {
    const client = new DirectConnectClient(sdkClientConfig(world.emulator, scope.account, scope.region));
    try {
      const all = (await client.send(new DescribeConnectionsCommand({}))).connections ?? [];
      dx.push(...all.filter((c) => !["deleted", "rejected"].includes(c.connectionState ?? "")).map((c) => c.connectionId!));
    } finally {
      client.destroy();
    }
  }
  const records = await world.emulator.control.crossClusterConnections();
  const live = records.filter((c) => c.status !== "DELETED");
  const attachments = await world.emulator.control.dataSourceAttachments();
  return {
    dx: dx.sort(),
    outbound: {
      opensearch: live.filter((c) => c.family === "opensearch").map((c) => c.connectionId).sort(),
      elasticsearch: live.filter((c) => c.family !== "opensearch").map((c) => c.connectionId).sort(),
    },
    connections: new Map(records.map((c) => [c.connectionId, { family: c.family, status: c.status }])),
    attachments: attachments.map((a) => `${a.applicationId},${a.dataSourceArn}`).sort(),
  };
}

function idsOf(resources: StateResource[], type: string): string[] {
  return resources.filter((r) => r.type === type).map((r) => r.id ?? "<no id>").sort();
}

/** Asserts that the emulator and the stacks' checkpoints agree one to one (see the top of this file). */
export async function assertCloudMatchesState(world: World, stacks: CliStack[], dxScopes?: { account: string; region: string }[]): Promise<void> {
  const cloud = await cloudView(world, dxScopes);
  const resources = stacks.flatMap((s) => s.readState().resources);
  const pending = stacks.flatMap((s) => s.readState().pendingOperations);
  assert.deepEqual(pending, [], "no operation is left pending in state");
  const where = (what: string) => `${what} (state: ${resources.map((r) => `${r.name}=${r.id}`).join(", ")})`;
  assert.deepEqual(idsOf(resources, DX_TYPE), cloud.dx, where("Direct Connect connections"));
  assert.deepEqual(idsOf(resources, ATTACHMENT_TYPE), cloud.attachments, where("data-source attachments"));
  for (const family of ["opensearch", "elasticsearch"] as const) {
    assert.deepEqual(idsOf(resources, OUTBOUND_TYPES[family]), cloud.outbound[family], where(`${family} outbound connections`));
    const accepters = resources.filter((r) => r.type === ACCEPTER_TYPES[family]);
    for (const a of accepters) {
      const connection = cloud.connections.get(a.id ?? "");
      assert.ok(connection, where(`${family} accepter ${a.name}: its connection ${a.id} exists`));
      const rejects = a.outputs.action === "reject";
      assert.ok((rejects ? REJECTED : ACCEPTED).includes(connection.status), where(`${family} accepter ${a.name}: ${a.id} is ${connection.status}`));
    }
    // An answered connection is someone's answer: an accepter's, or its outbound resource's acceptWith.
    const answeredBy = new Set([
      ...accepters.map((a) => a.id),
      ...resources.filter((r) => r.type === OUTBOUND_TYPES[family] && r.outputs.acceptWith !== undefined).map((r) => r.id),
    ]);
    for (const id of cloud.outbound[family]) {
      const status = cloud.connections.get(id)!.status;
      if (ACCEPTED.includes(status)) assert.ok(answeredBy.has(id), where(`${family} connection ${id} (${status}) is answered by a resource in state`));
    }
  }
}
