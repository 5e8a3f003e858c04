import { strict as assert } from "assert";
import {
  AcceptInboundCrossClusterSearchConnectionCommand,
  DeleteOutboundCrossClusterSearchConnectionCommand,
  DescribeInboundCrossClusterSearchConnectionsCommand,
  DescribeOutboundCrossClusterSearchConnectionsCommand,
  RejectInboundCrossClusterSearchConnectionCommand,
} from "@aws-sdk/client-elasticsearch-service";
import type { CliStack } from "../../cli-runner";
import { CreateOutboundConnectionCommand } from "@aws-sdk/client-opensearch";
import * as provider from "../../provider";
import {
  ES_CONNECTION_FIXTURE,
  ES_PAIR_EXAMPLE,
  EXTERNAL_ID,
  PARTNER_ROLE,
  MUTATING_OPERATIONS,
  PARTNER,
  PRIMARY,
  byType,
  connectionById,
  directWorld,
  liveConnections,
  stackWorld,
  untilStatus,
  withId,
  type DirectWorld,
  type StackWorld,
} from "../support/crosscluster";

const OUTBOUND = "elasticsearch:OutboundConnection";
const ACCEPTER = "elasticsearch:InboundConnectionAccepter";

/**
 * elasticsearch.OutboundConnection and elasticsearch.InboundConnectionAccepter (the legacy Elasticsearch Service API)
 * through the real Pulumi CLI (engine and dynamic-provider host), against the emulator, using the example program
 * (examples/elasticsearch-pair) driven by its config: the outbound side in the primary account, the destination
 * owner's accepter acting in the partner account through `aws.roleArn`.
 */
describe("elasticsearch cross-cluster connection lifecycle (real host, emulator)", function () {
  let world: StackWorld;
  before(async () => {
    world = await stackWorld(ES_PAIR_EXAMPLE);
  });
  after(async () => world?.dispose());

  const outbound = () => withId(byType(world.resources(), OUTBOUND));
  const accepter = () => withId(byType(world.resources(), ACCEPTER));
  const assertOk = (result: { ok: boolean; error?: string }) => assert.ok(result.ok, `operation failed: ${result.error}\n${world.output.join("")}`);
  const inboundStatus = async (id: string) =>
    (await world.es(PARTNER).send(new DescribeInboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "cross-cluster-search-connection-id", Values: [id] }] })))
      .CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode;
  const outboundStatus = async (id: string) =>
    (await world.es(PRIMARY).send(new DescribeOutboundCrossClusterSearchConnectionsCommand({ Filters: [{ Name: "cross-cluster-search-connection-id", Values: [id] }] })))
      .CrossClusterSearchConnections?.[0]?.ConnectionStatus?.StatusCode;
  /** The request log entries of one up (or other operation), in order. */
  /** Logical steps only: the physical halves of a replacement (the old instance's delete) are left out. */
  const logical = <T extends { physical?: string }>(steps: T[]) => steps.filter((s) => s.physical === undefined);
  const logSince = async (seq: number) => (await world.emulator.control.log()).filter((e) => e.seq > seq);
  const lastSeq = async () => Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
  /** After a replacement: the new pair is one live connection answered by the accepter, the old one DELETED. */
  async function assertReplaced(oldId: string): Promise<string> {
    const newId = outbound().id;
    assert.notEqual(newId, oldId);
    assert.equal(accepter().id, newId, "the accepter follows the new connection");
    assert.equal(accepter().outputs.status, "APPROVED");
    assert.equal((await connectionById(world.emulator, oldId)).status, "DELETED");
    assert.deepEqual((await liveConnections(world.emulator, "elasticsearch")).map((c) => c.connectionId), [newId]);
    assert.equal(await inboundStatus(newId), "APPROVED");
    return newId;
  }

  it("preview of a new stack plans the outbound connection and its accepter, and calls AWS not at all", async () => {
    const result = await world.stack.preview();
    assertOk(result);
    const planned = result.steps.filter((s) => s.type.includes("dynamic")).map((s) => [s.type.split("/").pop(), s.name, s.op]);
    assert.deepEqual(planned, [
      [OUTBOUND, "legacy-to-partner", "create"],
      [ACCEPTER, "legacy-to-partner", "create"],
    ]);
    assert.deepEqual(await world.emulator.control.counts(), {});
  });

  let firstId = "";
  it("up creates the connection and accepts it in the partner's account through the role: inbound APPROVED", async () => {
    const result = await world.stack.up();
    assertOk(result);
    firstId = outbound().id;
    assert.match(firstId, /^cc-[a-z0-9]{22}$/);
    assert.equal(accepter().id, firstId);
    assert.equal(outbound().outputs.connectionId, firstId);
    assert.equal(outbound().outputs.region, "us-east-1");
    // The legacy inbound status has no ACTIVE: accepted is APPROVED, and that is where the accepter's create ends.
    assert.equal(accepter().outputs.status, "APPROVED");
    assert.deepEqual(accepter().outputs.localDomain, { domainName: "legacy-search", ownerId: PRIMARY.accountId, region: "us-east-1" });
    assert.deepEqual(accepter().outputs.remoteDomain, { domainName: "partner-legacy", ownerId: PARTNER.accountId, region: "us-east-1" });
    assert.equal(result.outputs.connectionId, firstId);
    assert.equal(result.outputs.inboundStatus, "APPROVED");

    const made = await connectionById(world.emulator, firstId);
    assert.equal(made.family, "elasticsearch");
    assert.deepEqual(made.local, { ownerId: PRIMARY.accountId, region: "us-east-1", domainName: "legacy-search" });
    assert.deepEqual(made.remote, { ownerId: PARTNER.accountId, region: "us-east-1", domainName: "partner-legacy" });
    assert.equal(made.connectionAlias, "legacy-partner");
    assert.deepEqual((await liveConnections(world.emulator, "elasticsearch")).map((c) => c.connectionId), [firstId]);
    assert.equal(await inboundStatus(firstId), "APPROVED");
    // The outbound side goes on to ACTIVE (PROVISIONING until then, on the legacy API).
    await untilStatus(world.emulator, firstId, ["ACTIVE"]);
    assert.equal(await outboundStatus(firstId), "ACTIVE");

    // Made by the primary account, accepted by the partner's (the role's session), each through the legacy API only.
    const log = await world.emulator.control.log();
    const byOp = (op: string) => log.filter((e) => e.operation === op && e.status === 200);
    assert.deepEqual(byOp("CreateOutboundCrossClusterSearchConnection").map((e) => e.accountId), [PRIMARY.accountId]);
    assert.deepEqual(byOp("AcceptInboundCrossClusterSearchConnection").map((e) => e.accountId), [PARTNER.accountId]);
    assert.ok(byOp("AssumeRole").length >= 1, "the accepter assumed the partner's role");
    assert.equal(log.filter((e) => e.service === "OpenSearch").length, 0, "nothing went to the OpenSearch API");
  });

  it("a second up with no change is a no-op in AWS", async () => {
    const before = await world.emulator.control.counts();
    const result = await world.stack.up();
    assertOk(result);
    const steps = result.steps.filter((s) => s.type.includes("dynamic"));
    assert.equal(steps.length, 2);
    assert.ok(steps.every((s) => s.op === "same"), JSON.stringify(steps.map((s) => s.op)));
    const after = await world.emulator.control.counts();
    for (const op of MUTATING_OPERATIONS) assert.equal(after[op] ?? 0, before[op] ?? 0, op);
    assert.equal(outbound().id, firstId);
  });

  it("refresh records the outbound side ACTIVE and the answer still APPROVED; the next preview shows no drift", async () => {
    const result = await world.stack.refresh();
    assertOk(result);
    assert.equal(outbound().id, firstId);
    assert.equal(outbound().outputs.status, "ACTIVE");
    assert.equal(accepter().outputs.status, "APPROVED");
    // AWS fills in the owner and region the inputs left out: that is not drift.
    assert.deepEqual(outbound().outputs.sourceDomain, { domainName: "legacy-search" });
    assert.deepEqual(outbound().outputs.destinationDomain, { domainName: "partner-legacy", ownerId: PARTNER.accountId });
    const preview = await world.stack.preview();
    assertOk(preview);
    assert.deepEqual(logical(preview.steps).filter((s) => s.type.includes("dynamic")).map((s) => s.op), ["same", "same"]);
  });

  let secondId = "";
  it("a sourceDomain change replaces: new connection accepted anew, the old one DELETED", async () => {
    await world.emulator.control.putDomain({ account: "primary", region: "us-east-1", domainName: "legacy-archive", engineVersion: "Elasticsearch_7.10" });
    world.stack.setConfig("sourceDomain", "legacy-archive");
    const preview = await world.stack.preview();
    assertOk(preview);
    const planned = byType(logical(preview.steps), OUTBOUND);
    assert.equal(planned.op, "replace");
    assert.deepEqual(planned.replaceKeys, ["sourceDomain"]);
    // The accepter's connectionId is unknown until the new connection exists: it is replaced too.
    assert.equal(byType(logical(preview.steps), ACCEPTER).op, "replace");

    assertOk(await world.stack.up());
    secondId = await assertReplaced(firstId);
    assert.equal((await connectionById(world.emulator, secondId)).local.domainName, "legacy-archive");
    assert.deepEqual(outbound().outputs.sourceDomain, { domainName: "legacy-archive" });
  });

  let thirdId = "";
  it("a destinationDomain change with the alias unchanged replaces delete-before-replace", async () => {
    world.stack.setConfig("destinationDomain", "partner-es68");
    const preview = await world.stack.preview();
    assertOk(preview);
    const planned = byType(logical(preview.steps), OUTBOUND);
    assert.equal(planned.op, "replace");
    assert.deepEqual(planned.replaceKeys, ["destinationDomain"]);

    const since = await lastSeq();
    assertOk(await world.stack.up());
    thirdId = await assertReplaced(secondId);
    const made = await connectionById(world.emulator, thirdId);
    assert.equal(made.remote.domainName, "partner-es68");
    assert.equal(made.connectionAlias, "legacy-partner");
    // One alias per source domain: the old connection had to be deleted before the new one could be made.
    const ops = (await logSince(since)).map((e) => e.operation);
    const created = ops.indexOf("CreateOutboundCrossClusterSearchConnection");
    assert.ok(created > 0, "the replacement was created");
    assert.equal(ops.indexOf("CreateOutboundCrossClusterSearchConnection", created + 1), -1, "created once");
    assert.ok(ops.indexOf("DeleteInboundCrossClusterSearchConnection") >= 0 && ops.indexOf("DeleteInboundCrossClusterSearchConnection") < created, ops.join(", "));
    const old = await connectionById(world.emulator, secondId);
    assert.ok(made.createdAt >= old.statusSince, "the new connection was made after the old one was DELETED");
  });

  let fourthId = "";
  it("a connectionAlias change replaces", async () => {
    world.stack.setConfig("alias", "legacy-renamed");
    const preview = await world.stack.preview();
    assertOk(preview);
    const planned = byType(logical(preview.steps), OUTBOUND);
    assert.equal(planned.op, "replace");
    assert.deepEqual(planned.replaceKeys, ["connectionAlias"]);

    assertOk(await world.stack.up());
    fourthId = await assertReplaced(thirdId);
    assert.equal((await connectionById(world.emulator, fourthId)).connectionAlias, "legacy-renamed");
    assert.equal(outbound().outputs.connectionAlias, "legacy-renamed");
  });

  it("refresh after an out-of-band delete drops both sides from state", async () => {
    await world.es(PRIMARY).send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: fourthId }));
    await untilStatus(world.emulator, fourthId, ["DELETED"]);
    assertOk(await world.stack.refresh());
    assert.deepEqual(world.resources(), []);
  });

  let fifthId = "";
  it("the next up makes the pair again: one new connection, accepted", async () => {
    const result = await world.stack.up();
    assertOk(result);
    fifthId = outbound().id;
    assert.ok(![firstId, secondId, thirdId, fourthId].includes(fifthId));
    assert.deepEqual(
      result.steps.filter((s) => s.type.includes("dynamic")).map((s) => s.op),
      ["create", "create"],
    );
    assert.equal(accepter().id, fifthId);
    assert.deepEqual((await liveConnections(world.emulator, "elasticsearch")).map((c) => c.connectionId), [fifthId]);
    assert.equal(await inboundStatus(fifthId), "APPROVED");
  });

  it("destroy deletes the connection; the emulator shows it DELETED", async () => {
    const result = await world.stack.destroy();
    assertOk(result);
    assert.deepEqual(world.resources(), []);
    assert.equal((await connectionById(world.emulator, fifthId)).status, "DELETED");
    assert.equal(await outboundStatus(fifthId), "DELETED");
    assert.deepEqual(await liveConnections(world.emulator, "elasticsearch"), []);
  });

  it("an OpenSearch-engine destination is refused by the legacy API at create: a clear error, no id, nothing left behind", async () => {
    world.stack.setConfig("destinationDomain", "partner-logs");
    const before = (await world.emulator.control.crossClusterConnections()).length;
    const result = await world.stack.up();
    assert.equal(result.ok, false);
    const message = result.error ?? "";
    assert.match(message, /elasticsearch\.OutboundConnection "legacy-to-partner": CreateOutboundCrossClusterSearchConnection failed: ValidationException/);
    assert.match(message, /partner-logs runs OpenSearch_2\.11/);
    assert.match(message, /request id [\w-]+/);
    assert.deepEqual(world.resources(), [], "no id in state, for either resource");
    assert.equal((await world.emulator.control.crossClusterConnections()).length, before, "no connection was made");
    assert.deepEqual(await liveConnections(world.emulator, "elasticsearch"), []);
  });
});

/**
 * The legacy API's resources through the real host with every input from config (tests/fixtures/elasticsearch/
 * connection): a remote owner who answers out of band, acceptWith, changes that touch nothing in AWS, and an accepter
 * that rejects.
 */
describe("elasticsearch cross-cluster connections driven by config (real host, emulator)", function () {
  let world: StackWorld;
  const json = (value: unknown) => JSON.stringify(value);
  const partnerAws = { roleArn: PARTNER_ROLE, externalId: EXTERNAL_ID };
  const toPartner = (alias: string, extra: Record<string, unknown> = {}) => ({
    sourceDomain: { domainName: "legacy-search" },
    destinationDomain: { domainName: "partner-legacy", ownerId: PARTNER.accountId },
    connectionAlias: alias,
    ...extra,
  });
  before(async () => {
    world = await stackWorld(ES_CONNECTION_FIXTURE, { outbound: json(toPartner("oob-accept")) });
  });
  after(async () => world?.dispose());
  const assertOk = (result: { ok: boolean; error?: string }) => assert.ok(result.ok, `operation failed: ${result.error}\n${world.world.tail()}`);
  const outbound = (stack = world.stack) => withId(byType(stack.readState().resources.filter((r) => r.custom), OUTBOUND));
  const accepter = (stack = world.stack) => withId(byType(stack.readState().resources.filter((r) => r.custom), ACCEPTER));
  const mutationsSince = async (before: Record<string, number>) =>
    Object.fromEntries(Object.entries(await world.world.countsSince(before)).filter(([op]) => MUTATING_OPERATIONS.includes(op)));
  const logicalOp = (steps: { name: string; op: string; physical?: string }[], name: string) => steps.find((s) => s.name === name && !s.physical)?.op;

  it("up without an answer ends at PENDING_ACCEPTANCE; an out-of-band accept: refresh shows ACTIVE", async () => {
    assertOk(await world.stack.up());
    const id = outbound().id;
    assert.equal(outbound().outputs.status, "PENDING_ACCEPTANCE");
    await world.es(PARTNER).send(new AcceptInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    await untilStatus(world.emulator, id, ["ACTIVE"]);
    const before = await world.emulator.control.counts();
    assertOk(await world.stack.refresh());
    assert.equal(outbound().id, id);
    assert.equal(outbound().outputs.status, "ACTIVE");
    assert.deepEqual(await mutationsSince(before), {});
  });

  it("an out-of-band reject: refresh keeps the outbound connection, with status REJECTED", async () => {
    world.stack.setConfig("outbound", json(toPartner("oob-reject")));
    assertOk(await world.stack.up());
    const id = outbound().id;
    await world.es(PARTNER).send(new RejectInboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    await untilStatus(world.emulator, id, ["REJECTED"]);
    assertOk(await world.stack.refresh());
    assert.equal(outbound().id, id);
    assert.equal(outbound().outputs.status, "REJECTED");
  });

  it("an out-of-band delete: refresh drops it from state", async () => {
    const id = outbound().id;
    await world.es(PRIMARY).send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: id }));
    await untilStatus(world.emulator, id, ["DELETED"]);
    const result = await world.stack.refresh();
    assertOk(result);
    assert.equal(logicalOp(result.steps, "conn"), "read-gone");
    assert.deepEqual(world.resources(), []);
  });

  it("acceptWith accepts as the partner (through the role) inside the resource: ACTIVE", async () => {
    world.stack.setConfig("outbound", json(toPartner("inline", { acceptWith: partnerAws, timeouts: { create: "5m" } })));
    const before = await world.emulator.control.counts();
    const since = Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
    assertOk(await world.stack.up());
    assert.equal(outbound().outputs.status, "ACTIVE");
    const accepts = (await world.emulator.control.log()).filter((e) => e.seq > since && e.operation === "AcceptInboundCrossClusterSearchConnection" && e.status === 200);
    assert.deepEqual(accepts.map((e) => e.accountId), [PARTNER.accountId]);
    assert.deepEqual(await mutationsSince(before), {
      "Elasticsearch.CreateOutboundCrossClusterSearchConnection": 1,
      "Elasticsearch.AcceptInboundCrossClusterSearchConnection": 1,
    });
  });

  it("changing only timeouts and acceptWith's credentials (another role) updates in place and changes nothing in AWS", async () => {
    const id = outbound().id;
    world.stack.setConfig("outbound", json(toPartner("inline", { acceptWith: { roleArn: PARTNER_ROLE.replace("connections-admin-external", "connections-admin") }, timeouts: { create: "9m", delete: "2m" } })));
    const before = await world.emulator.control.counts();
    const result = await world.stack.up();
    assertOk(result);
    assert.equal(logicalOp(result.steps, "conn"), "update");
    assert.equal(outbound().id, id);
    assert.deepEqual(await mutationsSince(before), {});
  });

  describe("an accepter that rejects (action: reject)", () => {
    let stack: CliStack;
    before(() => {
      stack = world.world.stack(ES_CONNECTION_FIXTURE, { config: { outbound: json(toPartner("say-no")), accepter: json({ action: "reject", aws: partnerAws }) } });
    });

    it("up: the accepter waits for REJECTED", async () => {
      assertOk(await stack.up());
      assert.equal(accepter(stack).id, outbound(stack).id);
      assert.equal(accepter(stack).outputs.status, "REJECTED");
      assert.equal((await connectionById(world.emulator, outbound(stack).id)).status, "REJECTED");
      assertOk(await stack.refresh());
      assert.equal(accepter(stack).outputs.status, "REJECTED", "REJECTED is what a reject accepter is for: it stays");
      assert.equal(outbound(stack).outputs.status, "REJECTED");
    });

    it("changing the action replaces the accepter (preview)", async () => {
      stack.setConfig("accepter", json({ action: "accept", aws: partnerAws }));
      const preview = await stack.preview();
      assertOk(preview);
      const planned = byType(preview.steps.filter((s) => !s.physical), ACCEPTER);
      assert.equal(planned.op, "replace");
      assert.deepEqual(planned.replaceKeys, ["action"]);
      stack.setConfig("accepter", json({ action: "reject", aws: partnerAws }));
    });

    it("destroy: nothing to undo for the rejection; the outbound side is deleted", async () => {
      const id = outbound(stack).id;
      const before = await world.emulator.control.counts();
      assertOk(await stack.destroy());
      assert.equal(stack.readState().resources.filter((r) => r.custom).length, 0);
      assert.equal((await connectionById(world.emulator, id)).status, "DELETED");
      assert.deepEqual(await mutationsSince(before), { "Elasticsearch.DeleteOutboundCrossClusterSearchConnection": 1 });
    });
  });

  it("destroy deletes the accepted connection", async () => {
    const id = outbound().id;
    assertOk(await world.stack.destroy());
    assert.equal((await connectionById(world.emulator, id)).status, "DELETED");
    assert.deepEqual(await liveConnections(world.emulator, "elasticsearch"), []);
  });
});

/** The provider entry called directly (as the host does), with this process pointed at the emulator. */
describe("elasticsearch cross-cluster connections: refusals (provider entry, emulator)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => world?.dispose());

  it("a connection made with the OpenSearch API, answered with elasticsearch.InboundConnectionAccepter, fails naming opensearch.InboundConnectionAccepter", async () => {
    const made = await world.os(PRIMARY).send(
      new CreateOutboundConnectionCommand({
        LocalDomainInfo: { AWSDomainInformation: { DomainName: "analytics" } },
        RemoteDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } },
        ConnectionAlias: "made-with-opensearch",
      }),
    );
    const id = made.ConnectionId!;
    await untilStatus(world.emulator, id, ["PENDING_ACCEPTANCE"]);

    const error = await provider.create(ACCEPTER, { connectionId: id }).then(
      () => assert.fail("the create should fail"),
      (e: Error & { id?: string }) => e,
    );
    assert.match(error.message, new RegExp(`^elasticsearch\\.InboundConnectionAccepter "${id}": connectionId: ${id} was made with the opensearch API`));
    assert.match(error.message, /use opensearch\.InboundConnectionAccepter/);
    assert.equal(error.id, undefined, "nothing was made, so no id");
    // Nothing was answered: the connection still waits for its owner, and no accept went to either API.
    assert.equal((await connectionById(world.emulator, id)).status, "PENDING_ACCEPTANCE");
    const counts = await world.emulator.control.counts();
    assert.equal(counts["Elasticsearch.AcceptInboundCrossClusterSearchConnection"] ?? 0, 0);
    assert.equal(counts["OpenSearch.AcceptInboundConnection"] ?? 0, 0);
  });

  it("VALIDATION_FAILED (the destination does not exist) fails the create with AWS's message, keeping the id so destroy can remove it", async () => {
    const inputs = {
      sourceDomain: { domainName: "legacy-search" },
      destinationDomain: { domainName: "no-such-domain", ownerId: PARTNER.accountId },
      connectionAlias: "to-nowhere",
    };
    const error = await provider.create(OUTBOUND, inputs).then(
      () => assert.fail("VALIDATION_FAILED must not count as a successful create"),
      (e: Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] }) => e,
    );
    assert.match(error.message, /elasticsearch\.OutboundConnection \(cc-[a-z0-9]{22}\)/);
    assert.match(error.message, /it is VALIDATION_FAILED/);
    // The targets are named once (what the wait was for), then the status, AWS's reason and what to do next.
    assert.match(error.message, /\(cc-[a-z0-9]{22}\) to become PENDING_ACCEPTANCE, APPROVED, PROVISIONING or ACTIVE: it is VALIDATION_FAILED( after \d+m?s)?: Remote domain/);
    assert.equal(error.message.split("PENDING_ACCEPTANCE").length - 1, 1, error.message);
    assert.match(error.message, /is kept in state so it is not lost; fix the cause, then replace it/);
    assert.match(error.message, /Remote domain no-such-domain was not found in account 222222222222/);
    // The connection exists in AWS: its id is kept (ErrorResourceInitFailed) rather than lost.
    assert.match(error.id ?? "", /^cc-[a-z0-9]{22}$/);
    assert.equal(error.properties?.status, "VALIDATION_FAILED");
    assert.equal(error.properties?.connectionAlias, "to-nowhere");
    assert.ok((error.reasons ?? []).length > 0);
    assert.equal((await connectionById(world.emulator, error.id!)).status, "VALIDATION_FAILED");

    await provider.delete(OUTBOUND, error.id!, error.properties!);
    assert.equal((await connectionById(world.emulator, error.id!)).status, "DELETED");
    assert.deepEqual(await liveConnections(world.emulator, "elasticsearch"), []);
  });
});
