import { strict as assert } from "assert";
import { DeleteConnectionCommand, DescribeConnectionsCommand, TagResourceCommand, UpdateConnectionCommand } from "@aws-sdk/client-direct-connect";
import { DX_EXAMPLE, dxWorld, resourceByName, withId, type DxWorld } from "../support/dx-world";
import { assertAllSame } from "../support/world";

/**
 * directconnect.Connection through the real Pulumi CLI (engine and dynamic-provider host), against the emulator,
 * using the example program (examples/directconnect) driven by its config, as a user would.
 */
describe("directconnect.Connection lifecycle (real host, emulator)", function () {
  let world: DxWorld;
  before(async () => {
    world = await dxWorld(DX_EXAMPLE);
  });
  after(async () => world?.dispose());

  const state = () => world.stack.readState();
  const primary = () => withId(resourceByName(state().resources, "primary"));
  const backup = () => withId(resourceByName(state().resources, "backup"));
  const awsConnection = async (id: string) => (await world.dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections![0];
  const assertOk = (result: { ok: boolean; error?: string }) => assert.ok(result.ok, `operation failed: ${result.error}\n${world.output.join("")}`);

  it("preview of a new stack plans two creates, the backup's name unknown, and calls AWS not at all", async () => {
    const result = await world.stack.preview();
    assertOk(result);
    assert.deepEqual(result.steps.filter((s) => s.type.includes("dynamic")).map((s) => [s.name, s.op]), [["primary", "create"], ["backup", "create"]]);
    assert.deepEqual(await world.emulator.control.counts(), {});
  });

  let firstId = "";
  it("up creates both connections, with tags and the MACsec encryption mode applied after create", async () => {
    assertOk(await world.stack.up());
    firstId = primary().id;
    assert.match(firstId, /^dxcon-[a-z0-9]{8}$/);
    const made = await awsConnection(firstId);
    assert.equal(made.connectionName, "edge-primary");
    assert.equal(made.encryptionMode, "should_encrypt");
    assert.equal(made.macSecCapable, true);
    assert.deepEqual(Object.fromEntries((made.tags ?? []).filter((t) => !t.key!.startsWith("pulumi-aws-connections:")).map((t) => [t.key, t.value])), { team: "network", stack: "test" });
    assert.equal(primary().outputs.arn, `arn:aws:directconnect:us-east-1:${world.emulator.accounts[0].accountId}:dxcon/${firstId}`);
    assert.equal((await awsConnection(backup().id)).connectionName, `backup-for-${firstId}`);
    assert.equal((await world.liveConnections()).length, 2);
  });

  it("a second up with no change is a no-op in AWS", async () => {
    const before = await world.emulator.control.counts();
    const result = await world.stack.up();
    assertOk(result);
    assertAllSame(result.steps, state().resources);
    assert.equal(state().resources.filter((r) => r.type.includes("dynamic")).length, 2);
    const after = await world.emulator.control.counts();
    for (const op of ["CreateConnection", "UpdateConnection", "DeleteConnection", "TagResource", "UntagResource"]) {
      assert.equal(after[`DirectConnect.${op}`] ?? 0, before[`DirectConnect.${op}`] ?? 0, op);
    }
  });

  it("rename: preview shows an in-place update; up keeps the id", async () => {
    world.stack.setConfig("connectionName", "edge-renamed");
    const preview = await world.stack.preview();
    assert.equal(resourceByName(preview.steps, "primary").op, "update");
    assertOk(await world.stack.up());
    assert.equal(primary().id, firstId);
    assert.equal((await awsConnection(firstId)).connectionName, "edge-renamed");
  });

  it("encryption mode changes in place", async () => {
    world.stack.setConfig("encryptionMode", "must_encrypt");
    assertOk(await world.stack.up());
    assert.equal(primary().id, firstId);
    assert.equal((await awsConnection(firstId)).encryptionMode, "must_encrypt");
  });

  it("a tag change tags exactly the difference", async () => {
    const before = await world.emulator.control.counts();
    world.stack.setConfig("team", "platform");
    assertOk(await world.stack.up());
    const after = await world.emulator.control.counts();
    assert.equal((after["DirectConnect.TagResource"] ?? 0) - (before["DirectConnect.TagResource"] ?? 0), 1);
    assert.equal(after["DirectConnect.UntagResource"] ?? 0, before["DirectConnect.UntagResource"] ?? 0);
    assert.equal(primary().id, firstId);
    assert.deepEqual(primary().outputs.tags, { team: "platform", stack: "test" });
  });

  let secondId = "";
  it("a bandwidth change replaces: new id, the old connection deleted, the backup renamed to follow", async () => {
    world.stack.setConfig("bandwidth", "100Gbps");
    const preview = await world.stack.preview();
    const planned = resourceByName(preview.steps, "primary");
    assert.equal(planned.op, "replace");
    assert.deepEqual(planned.replaceKeys, ["bandwidth"]);
    assertOk(await world.stack.up());
    secondId = primary().id;
    assert.notEqual(secondId, firstId);
    assert.equal((await awsConnection(firstId)).connectionState, "deleted");
    assert.equal((await awsConnection(secondId)).bandwidth, "100Gbps");
    assert.equal((await awsConnection(backup().id)).connectionName, `backup-for-${secondId}`);
    assert.equal((await world.liveConnections()).length, 2);
  });

  it("refresh picks up an out-of-band rename and tag edit", async () => {
    await world.dx.send(new UpdateConnectionCommand({ connectionId: secondId, connectionName: "renamed-in-console" }));
    const arn = primary().outputs.arn as string;
    await world.dx.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "owner", value: "someone" }] }));
    assertOk(await world.stack.refresh());
    assert.equal(primary().outputs.connectionName, "renamed-in-console");
    assert.deepEqual(primary().outputs.tags, { team: "platform", stack: "test", owner: "someone" });
    // The next preview shows the drift as an in-place update back to the program's values.
    assert.equal(resourceByName((await world.stack.preview()).steps, "primary").op, "update");
  });

  it("refresh after an out-of-band delete drops the connection from state", async () => {
    const backupId = backup().id;
    await world.dx.send(new DeleteConnectionCommand({ connectionId: backupId }));
    assertOk(await world.stack.refresh());
    assert.equal(state().resources.some((r) => r.name === "backup"), false);
    assert.ok(state().resources.some((r) => r.name === "primary"));
  });

  it("destroy deletes everything; the emulator shows it deleted", async () => {
    assertOk(await world.stack.destroy());
    assert.equal(state().resources.filter((r) => r.type.includes("dynamic")).length, 0);
    assert.equal((await awsConnection(secondId)).connectionState, "deleted");
    assert.equal((await world.liveConnections()).length, 0);
  });
});

describe("directconnect.Connection stuck in pending past timeouts.create", function () {
  let world: DxWorld;
  before(async () => {
    world = await dxWorld(DX_EXAMPLE, { waitForAvailable: "true", createTimeout: "2s" });
  });
  after(async () => world?.dispose());

  it("keeps the id in state, and the next up finishes it without a second connection", async () => {
    // The LOA comes at once, then the port stays pending "forever": the create's 2 s wait must run out.
    await world.emulator.control.setTransitions({ requestedToPending: 1000, pendingToAvailable: null });
    const first = await world.stack.up();
    assert.equal(first.ok, false);
    assert.match(first.error ?? "", /timed out after 2s \(still pending\)/);
    const stuck = withId(resourceByName(world.stack.readState().resources, "primary"));
    assert.match(stuck.id, /^dxcon-/);
    assert.ok(stuck.initErrors && stuck.initErrors.length > 0, "the resource is kept with its init error");
    assert.equal((await world.liveConnections()).length, 1);

    await world.emulator.control.setTransitions({ pendingToAvailable: 1000 });
    const second = await world.stack.up();
    assert.ok(second.ok, second.error);
    const done = resourceByName(world.stack.readState().resources, "primary");
    assert.equal(done.id, stuck.id);
    assert.equal(done.outputs.connectionState, "available");
    assert.equal(done.initErrors?.length ?? 0, 0);
    assert.equal((await world.liveConnections()).length, 2, "the primary once, and now the backup");
    assert.ok((await world.stack.destroy()).ok);
  });
});
