import { strict as assert } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import { CreateConnectionCommand, DeleteConnectionCommand, DescribeConnectionsCommand, type DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { DEFAULT_DX_TRANSITIONS } from "../../emulator";
import { dxClient, useEmulator } from "./helpers";

async function stateOf(dx: DirectConnectClient, connectionId: string): Promise<string | undefined> {
  const out = await dx.send(new DescribeConnectionsCommand({ connectionId }));
  return out.connections?.[0].connectionState;
}

async function newConnection(dx: DirectConnectClient): Promise<string> {
  const out = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "sm" }));
  return out.connectionId!;
}

describe("emulator: Direct Connect state machine", function () {
  describe("on a manual clock", () => {
    const emulator = useEmulator({ manualClock: true });
    const dx = () => dxClient(emulator());
    beforeEach(() => emulator().control.reset());

    it("moves requested → pending → available exactly when due", async () => {
      assert.deepEqual(DEFAULT_DX_TRANSITIONS, { requestedToPending: 2000, pendingToAvailable: 5000, deletingToDeleted: 2000 });
      const id = await newConnection(dx());
      assert.equal(await stateOf(dx(), id), "requested");
      await emulator().control.advance(1999);
      assert.equal(await stateOf(dx(), id), "requested");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(4999);
      assert.equal(await stateOf(dx(), id), "pending");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "available");
    });

    it("crosses several transitions in one advance", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(7000);
      assert.equal(await stateOf(dx(), id), "available");
    });

    it("deletes through deleting → deleted and keeps the connection listed", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(7000);
      const out = await dx().send(new DeleteConnectionCommand({ connectionId: id }));
      assert.equal(out.connectionState, "deleting");
      await emulator().control.advance(1999);
      assert.equal(await stateOf(dx(), id), "deleting");
      await emulator().control.advance(1);
      assert.equal(await stateOf(dx(), id), "deleted");
      const all = await dx().send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.map((c) => c.connectionState), ["deleted"]);
    });

    it("lets the control API force states out of band", async () => {
      const id = await newConnection(dx());
      await emulator().control.advance(7000);
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
      assert.deepEqual(all, { requestedToPending: 10, pendingToAvailable: 20, deletingToDeleted: 2000 });
      const id = await newConnection(dx());
      await emulator().control.advance(30);
      assert.equal(await stateOf(dx(), id), "available");
      await emulator().control.reset({ keepTimings: true });
      assert.deepEqual(await emulator().control.setTransitions({}), all);
      await emulator().control.reset();
      assert.deepEqual(await emulator().control.setTransitions({}), DEFAULT_DX_TRANSITIONS);
      await assert.rejects(emulator().control.setTransitions({ bogus: 1 } as object), /unknown transition bogus/);
    });

    it("does not move time by itself", async () => {
      const before = await emulator().control.clock();
      await sleep(20);
      const after = await emulator().control.clock();
      assert.equal(after.now, before.now);
      assert.equal(after.manual, true);
    });
  });

  describe("on a scaled real-time clock", () => {
    const emulator = useEmulator({ timeScale: 1000, transitions: { deletingToDeleted: 500 } });

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
  });
});
