import { strict as assert } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionsCommand,
  DescribeTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type DirectConnectClient,
} from "@aws-sdk/client-direct-connect";
import { DEFAULT_DX_TRANSITIONS, startEmulator } from "../../emulator";
import { PRIMARY, dxClient, rejection, useEmulator } from "./helpers";

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

async function stateOf(dx: DirectConnectClient, connectionId: string): Promise<string | undefined> {
  const out = await dx.send(new DescribeConnectionsCommand({ connectionId }));
  return out.connections?.[0].connectionState;
}

async function newConnection(dx: DirectConnectClient): Promise<string> {
  const out = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "sm" }));
  return out.connectionId!;
}

async function expectNotFound(call: Promise<unknown>, connectionId: string): Promise<void> {
  const err = await rejection(call);
  assert.equal(err.name, "DirectConnectClientException");
  assert.equal(err.$metadata.httpStatusCode, 400);
  assert.equal(err.message, `Could not find Connection with ID ${connectionId}`);
}

describe("emulator: Direct Connect state machine", function () {
  describe("on a manual clock", () => {
    const emulator = useEmulator({ manualClock: true });
    const dx = () => dxClient(emulator(), { maxAttempts: 1 });
    beforeEach(() => emulator().control.reset());

    it("defaults to realistic durations: a day until the LOA, three more until the port is up", () => {
      assert.deepEqual(DEFAULT_DX_TRANSITIONS, {
        requestedToPending: DAY,
        pendingToAvailable: 3 * DAY,
        deletingToDeleted: 2000,
        deletedRetention: DAY,
      });
    });

    it("moves requested → pending → available exactly when due", async () => {
      const id = await newConnection(dx());
      assert.equal(await stateOf(dx(), id), "requested");
      await emulator().control.advance(HOUR);
      assert.equal(await stateOf(dx(), id), "requested", "not available within seconds, nor within an hour");
      await emulator().control.advance(DAY - HOUR - 1);
      assert.equal(await stateOf(dx(), id), "requested");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(3 * DAY - 1);
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "available");
    });

    it("crosses several transitions in one advance", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(4 * DAY);
      assert.equal(await stateOf(dx(), id), "available");
    });

    it("deletes an available connection through deleting → deleted, listed until the retention has passed", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(4 * DAY);
      const out = await dx().send(new DeleteConnectionCommand({ connectionId: id }));
      assert.equal(out.connectionState, "deleting");
      await emulator().control.advance(1999);
      assert.equal(await stateOf(dx(), id), "deleting");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "deleted");
      const all = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.map((c) => c.connectionState), ["deleted"]);
      await emulator().control.advance(DAY - 1);
      assert.equal(await stateOf(dx(), id), "deleted", "still there one ms before the retention ends");
      await emulator().control.advance(1);
      await expectNotFound(dx().send(new DescribeConnectionsCommand({ connectionId: id })), id);
    });

    it("deletes a connection still requested at once (no deleting state)", async () => {
      const id = await newConnection(dx());
      const out = await dx().send(new DeleteConnectionCommand({ connectionId: id }));
      assert.equal(out.connectionState, "deleted");
      assert.equal(await stateOf(dx(), id), "deleted");
      // A pending connection has a port assigned, so it goes through deleting.
      const pending = await newConnection(dx());
      await emulator().control.advance(DAY);
      assert.equal((await dx().send(new DeleteConnectionCommand({ connectionId: pending }))).connectionState, "deleting");
    });

    it("forgets a deleted connection after deletedRetention in every operation", async () => {
      const gone = await newConnection(dx());
      const kept = await newConnection(dx());
      const arn = `arn:aws:directconnect:us-east-1:${PRIMARY.accountId}:dxcon/${gone}`;
      await dx().send(new DeleteConnectionCommand({ connectionId: gone }));
      // Within the retention a deleted connection is reported with state deleted (the path Terraform's waiter takes)…
      assert.equal((await dx().send(new DeleteConnectionCommand({ connectionId: gone }))).connectionState, "deleted");
      await emulator().control.advance(DAY);
      // …afterwards it does not exist at all (the not-found path).
      await expectNotFound(dx().send(new DescribeConnectionsCommand({ connectionId: gone })), gone);
      await expectNotFound(dx().send(new DeleteConnectionCommand({ connectionId: gone })), gone);
      await expectNotFound(dx().send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: "k", value: "v" }] })), gone);
      await expectNotFound(dx().send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["k"] })), gone);
      await expectNotFound(dx().send(new DescribeTagsCommand({ resourceArns: [arn] })), gone);
      const all = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.map((c) => c.connectionId), [kept]);
      const region = (await emulator().control.snapshot()).regional[`${PRIMARY.accountId}/us-east-1`].directconnect as { connections: object };
      assert.deepEqual(Object.keys(region.connections), [kept], "gone from the state too");
      await assert.rejects(emulator().control.setConnectionState("primary", "us-east-1", gone, "available"), /no connection/);
    });

    it("keeps deleted connections forever with deletedRetention null", async () => {
      await emulator().control.setTransitions({ deletedRetention: null });
      const id = await newConnection(dx());
      await dx().send(new DeleteConnectionCommand({ connectionId: id }));
      await emulator().control.advance(3650 * DAY);
      assert.equal(await stateOf(dx(), id), "deleted");
    });

    it("never fires a transition whose timing is null", async () => {
      const all = await emulator().control.setTransitions({ requestedToPending: 1000, pendingToAvailable: null });
      assert.deepEqual(all, { ...DEFAULT_DX_TRANSITIONS, requestedToPending: 1000, pendingToAvailable: null });
      assert.deepEqual(await emulator().control.transitions(), all);
      const id = await newConnection(dx());
      await emulator().control.advance(365 * DAY);
      assert.equal(await stateOf(dx(), id), "pending");
      // Setting a duration again counts from when the state was entered.
      await emulator().control.setTransitions({ pendingToAvailable: 1000 });
      assert.equal(await stateOf(dx(), id), "available");

      await emulator().control.setTransitions({ requestedToPending: null, deletingToDeleted: null });
      const stuck = await newConnection(dx());
      await emulator().control.advance(365 * DAY);
      assert.equal(await stateOf(dx(), stuck), "requested");
      await dx().send(new DeleteConnectionCommand({ connectionId: id }));
      await emulator().control.advance(365 * DAY);
      assert.equal(await stateOf(dx(), id), "deleting");
    });

    it("applies a timing change from now on, not to time already passed", async () => {
      await emulator().control.setTransitions({ requestedToPending: 1000 });
      const id = await newConnection(dx());
      await emulator().control.advance(5000); // pending since 1 s after creation, not yet read
      await emulator().control.setTransitions({ requestedToPending: DAY, pendingToAvailable: 10_000 });
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(5999);
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "available");
    });

    it("lets the control API force states out of band", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(4 * DAY);
      const forced = await emulator().control.setConnectionState("primary", "us-east-1", id, "down");
      assert.equal(forced.connectionState, "down");
      await emulator().control.advance(3_600_000);
      assert.equal(await stateOf(dx(), id), "down");
      await emulator().control.setConnectionState("111111111111", "us-east-1", id, "available");
      assert.equal(await stateOf(dx(), id), "available");
      await assert.rejects(emulator().control.setConnectionState("primary", "us-west-2", id, "down"), /no connection/);
      await assert.rejects(emulator().control.setConnectionState("primary", "us-east-1", id, "sideways" as "down"), /state must be one of/);
    });

    it("uses timings changed at run time, and reset restores the start timings", async () => {
      const all = await emulator().control.setTransitions({ requestedToPending: 10, pendingToAvailable: 20 });
      assert.deepEqual(all, { ...DEFAULT_DX_TRANSITIONS, requestedToPending: 10, pendingToAvailable: 20 });
      const id = await newConnection(dx());
      await emulator().control.advance(30);
      assert.equal(await stateOf(dx(), id), "available");
      await emulator().control.reset({ keepTimings: true });
      assert.deepEqual(await emulator().control.setTransitions({}), all);
      await emulator().control.reset();
      assert.deepEqual(await emulator().control.setTransitions({}), DEFAULT_DX_TRANSITIONS);
      await assert.rejects(emulator().control.setTransitions({ bogus: 1 } as object), /unknown transition bogus/);
      await assert.rejects(emulator().control.setTransitions({ deletedRetention: -1 }), /non-negative number of ms, or null/);
      await assert.rejects(emulator().control.setTransitions({ pendingToAvailable: "1d" } as unknown as object), /pendingToAvailable must be/);
      assert.deepEqual(await emulator().control.transitions(), DEFAULT_DX_TRANSITIONS, "a rejected change changes nothing");
    });

    it("does not move time by itself", async () => {
      const before = await emulator().control.clock();
      await sleep(20);
      const after = await emulator().control.clock();
      assert.equal(after.now, before.now);
      assert.equal(after.manual, true);
    });
  });

  describe("start options", () => {
    it("accept null timings and reject bad ones", async () => {
      const emulator = await startEmulator({ manualClock: true, transitions: { pendingToAvailable: null, deletedRetention: 60_000 } });
      try {
        assert.deepEqual(await emulator.control.transitions(), { ...DEFAULT_DX_TRANSITIONS, pendingToAvailable: null, deletedRetention: 60_000 });
      } finally {
        await emulator.stop();
      }
      await assert.rejects(startEmulator({ transitions: { requestedToPending: -5 } }), /requestedToPending must be/);
    });
  });

  describe("on a scaled real-time clock", () => {
    // The realistic defaults would take minutes even at 1000×; tests compress them, as the lifecycle tests do.
    const emulator = useEmulator({ timeScale: 1000, transitions: { requestedToPending: 2000, pendingToAvailable: 5000, deletingToDeleted: 500 } });

    it("ages states at timeScale emulated ms per real ms", async () => {
      const dx = dxClient(emulator());
      const id = await newConnection(dx);
      await sleep(15); // 15 s emulated > 2 s + 5 s
      assert.equal(await stateOf(dx, id), "available");
      await dx.send(new DeleteConnectionCommand({ connectionId: id }));
      await sleep(5); // 5 s emulated > 0.5 s from the start options
      assert.equal(await stateOf(dx, id), "deleted");
    });

    it("can be slowed down and sped up", async () => {
      const dx = dxClient(emulator());
      const status = await emulator().control.setTimeScale(0);
      assert.equal(status.timeScale, 0);
      const id = await newConnection(dx);
      await sleep(20);
      assert.equal(await stateOf(dx, id), "requested");
      await emulator().control.setTimeScale(1_000_000);
      await sleep(5);
      assert.equal(await stateOf(dx, id), "available");
    });

    it("keeps the realistic defaults slow at 1000×, and the control API can step over them", async () => {
      await emulator().control.setTimeScale(1000);
      await emulator().control.setTransitions(DEFAULT_DX_TRANSITIONS);
      const dx = dxClient(emulator());
      const id = await newConnection(dx);
      await sleep(20); // 20 emulated seconds
      assert.equal(await stateOf(dx, id), "requested");
      await emulator().control.advance(4 * DAY);
      assert.equal(await stateOf(dx, id), "available");
    });
  });
});
