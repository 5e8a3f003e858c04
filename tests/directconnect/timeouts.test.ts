import { strict as assert } from "assert";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import type { CliStack } from "../../cli-runner";
import { FIXTURES_DIR, resourceByName, sdkClientConfig, startWorld, withId, type World } from "../support/world";

/**
 * directconnect.Connection when AWS does not answer, or an object never settles, through the real Pulumi CLI and
 * provider host against the emulator, one stack throughout (cheap: one connection, and every step reuses it):
 *   - a CreateConnection whose answer never comes (the emulator's `hang` fault, after the port was ordered): the
 *     per-request timeout (PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT, here 1s instead of 60s) abandons it and the create
 *     finds the port the lost attempt ordered, so exactly one exists;
 *   - an update past `timeouts.update` (waiting for `available` that never comes) and a destroy past `timeouts.delete`
 *     (a `deleting` that never ends): each fails saying what it waited for, keeps the resource in state with its id,
 *     and the next plain command finishes it;
 *   - a connection AWS reports `rejected` (set out of band): refresh drops it from state, as README's lifecycle says.
 */
const FIXTURE = path.join(FIXTURES_DIR, "directconnect/configured");
const BASE = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "timeouts" };

describe("directconnect.Connection: requests that hang, and waits past timeouts.update / timeouts.delete (real host, emulator)", function () {
  let world: World;
  let stack: CliStack;
  let dx: DirectConnectClient;
  before(async () => {
    world = await startWorld();
    stack = world.stack(FIXTURE, { env: { PULUMI_AWS_CONNECTIONS_REQUEST_TIMEOUT: "1s" } });
    dx = new DirectConnectClient({ ...sdkClientConfig(world.emulator), maxAttempts: 1 });
  });
  after(async () => {
    dx?.destroy();
    await world?.dispose();
  });

  const configure = (args: Record<string, unknown>) => stack.setConfig("connection", JSON.stringify({ ...BASE, ...args }));
  const conn = () => withId(resourceByName(stack.readState().resources, "conn"));
  const inAws = async (id: string) => (await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections?.[0];
  const liveInAws = async () => ((await dx.send(new DescribeConnectionsCommand({}))).connections ?? []).filter((c) => !["deleted", "rejected"].includes(c.connectionState ?? ""));

  let id = "";
  it("a CreateConnection answer that never comes is abandoned after the request timeout; the port it ordered is found, not ordered twice", async function () {
    // Without an abandoning timeout this up never ends: fail well before the suite's timeout.
    configure({});
    await world.emulator.control.injectFault({ kind: "hang", service: "DirectConnect", operation: "CreateConnection", count: 1, when: "after" });
    world.assertOk(await stack.up());
    id = conn().id;
    const log = await world.emulator.control.log();
    const creates = log.filter((e) => e.operation === "CreateConnection");
    assert.deepEqual(creates.map((e) => [e.status, e.fault]), [[0, "hang"]], "one CreateConnection, held unanswered; no second order");
    assert.deepEqual((await liveInAws()).map((c) => c.connectionId), [id]);
    // The 1 s request timeout, not the default 60 s, ended the held request: the provider's next Direct Connect call
    // (the search for the port it may have ordered) came a few seconds after it, not a minute (bound generous for a
    // loaded machine, and measured between the emulator's own arrival times, not around the whole up).
    const next = log.find((e) => e.service === "DirectConnect" && e.seq > creates[0].seq);
    assert.ok(next, "no Direct Connect call after the held create");
    const gapMs = Date.parse(next.time) - Date.parse(creates[0].time);
    assert.ok(gapMs >= 900 && gapMs < 30_000, `the held create was abandoned after ${gapMs} ms`);
  });

  it("an update waiting past timeouts.update fails saying so, keeps the resource with its id, and the next up finishes it", async () => {
    // The LOA comes at once, then the port stays pending: the update's wait for `available` must run out.
    await world.emulator.control.setTransitions({ requestedToPending: 1000, pendingToAvailable: null });
    configure({ waitForAvailable: true, timeouts: { update: "2s" } });
    const stuck = await stack.up();
    assert.equal(stuck.ok, false);
    assert.match(stuck.error ?? "", /timed out after 2s \(still pending\)/);
    assert.match(stuck.error ?? "", /kept in state so it is not lost; the next `pulumi up` resumes the update/);
    const kept = conn();
    assert.equal(kept.id, id);
    assert.ok((kept.initErrors ?? []).length > 0, "kept with the init error, so the next up updates it");
    assert.equal(kept.outputs.connectionState, "pending");
    assert.equal((await liveInAws()).length, 1);

    await world.emulator.control.setTransitions({ pendingToAvailable: 1000 });
    world.assertOk(await stack.up());
    assert.equal(conn().id, id);
    assert.equal(conn().outputs.connectionState, "available");
    assert.equal(conn().initErrors?.length ?? 0, 0);
    assert.equal((await inAws(id))?.connectionState, "available");
  });

  it("a destroy waiting past timeouts.delete fails saying so and keeps the resource; the next destroy finishes it", async () => {
    configure({ waitForAvailable: true, timeouts: { delete: "2s" } });
    world.assertOk(await stack.up());
    await world.emulator.control.setTransitions({ deletingToDeleted: null });
    const stuck = await stack.destroy();
    assert.equal(stuck.ok, false);
    assert.match(stuck.error ?? "", /to be deleted: timed out after 2s \(still deleting\)/);
    assert.equal(conn().id, id, "still in state, with its id");
    assert.equal((await inAws(id))?.connectionState, "deleting");

    await world.emulator.control.setTransitions({ deletingToDeleted: 1000 });
    world.assertOk(await stack.destroy());
    assert.equal(stack.readState().resources.filter((r) => r.custom).length, 0);
    assert.equal((await inAws(id))?.connectionState, "deleted");
  });

  it("a connection AWS reports rejected: refresh drops it from state", async () => {
    configure({});
    world.assertOk(await stack.up());
    const rejected = conn().id;
    await world.emulator.control.setConnectionState("primary", "us-east-1", rejected, "rejected");
    world.assertOk(await stack.refresh());
    assert.equal(stack.readState().resources.some((r) => r.name === "conn"), false, "a rejected connection is gone from state");
    assert.deepEqual(await liveInAws(), []);
  });
});
