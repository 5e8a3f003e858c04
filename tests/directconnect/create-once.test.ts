import { strict as assert } from "assert";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import * as provider from "../../provider";
import { resetClients } from "../../provider/core/aws-clients";
import type { Emulator } from "../../emulator";
import { startProviderEmulator, type ProviderEmulator } from "../support/provider-emulator";

/**
 * CreateConnection has no client token. These drive the provider's create directly through the failures that would
 * make a naive retry order a second port, and count the connections AWS ends up with.
 */
const KIND = "directconnect:Connection";
const INPUTS = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "once" };

describe("directconnect.Connection create exactly once", function () {
  let emulator: Emulator;
  let dx: DirectConnectClient;
  let world: ProviderEmulator;
  before(async () => {
    world = await startProviderEmulator();
    ({ emulator, dx } = world);
  });
  after(async () => world?.stop());
  beforeEach(async () => {
    resetClients();
    await emulator.control.reset();
  });

  const live = async () =>
    ((await dx.send(new DescribeConnectionsCommand({}))).connections ?? []).filter((c) => !["deleted", "deleting"].includes(c.connectionState ?? ""));

  it("a response lost after AWS made the connection is found, not made again", async () => {
    await emulator.control.injectFault({ kind: "server-error", operation: "CreateConnection", when: "after", count: 1 });
    const { id } = await provider.create(KIND, INPUTS);
    assert.deepEqual((await live()).map((c) => c.connectionId), [id]);
    assert.equal((await emulator.control.counts())["DirectConnect.CreateConnection"], 1, "no second CreateConnection");
  });

  it("the last allowed attempt losing its response still ends with that connection in hand", async () => {
    await emulator.control.injectFault({ kind: "throttle", operation: "CreateConnection", count: 7 });
    await emulator.control.injectFault({ kind: "reset", operation: "CreateConnection", when: "after", count: 1 });
    const { id } = await provider.create(KIND, INPUTS);
    assert.deepEqual((await live()).map((c) => c.connectionId), [id]);
    assert.equal((await emulator.control.counts())["DirectConnect.CreateConnection"], 8);
  });

  it("a create that never succeeds fails with the code and request id, and leaves nothing", async () => {
    await emulator.control.injectFault({ kind: "server-error", operation: "CreateConnection", count: 50 });
    await assert.rejects(provider.create(KIND, INPUTS), /directconnect\.Connection: CreateConnection failed: DirectConnectServerException: .*request id/);
    assert.equal((await live()).length, 0);
  });

  it("a client error is not retried", async () => {
    await assert.rejects(provider.create(KIND, { ...INPUTS, location: "EqSe2" }), /DirectConnectClientException/);
    assert.equal((await emulator.control.counts())["DirectConnect.CreateConnection"], 1);
  });
});
