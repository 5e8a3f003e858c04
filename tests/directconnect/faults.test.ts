import { strict as assert } from "assert";
import { DX_EXAMPLE, dxWorld, type DxWorld } from "../support/dx-world";

/**
 * Throttling bursts, server errors and lost responses (the create happened, the answer did not arrive) during create
 * and delete: still exactly one connection per resource, and nothing left behind.
 */
describe("directconnect.Connection under faults", function () {
  let world: DxWorld;
  beforeEach(async () => {
    world = await dxWorld(DX_EXAMPLE);
  });
  afterEach(async () => world?.dispose());

  it("throttling, 5xx and a lost create response end with exactly one connection per resource", async () => {
    const { control } = world.emulator;
    await control.injectFault({ kind: "throttle", operation: "CreateConnection", count: 3 });
    await control.injectFault({ kind: "server-error", operation: "CreateConnection", count: 1, when: "after" });
    await control.injectFault({ kind: "reset", operation: "CreateConnection", count: 1, when: "after" });
    await control.injectFault({ kind: "throttle", operation: "DescribeConnections", count: 4 });
    await control.injectFault({ kind: "server-error", operation: "UpdateConnection", count: 2 });
    const up = await world.stack.up();
    assert.ok(up.ok, up.error);
    const live = await world.liveConnections();
    assert.equal(live.length, 2, `expected one connection per resource, got ${live.map((c) => c.connectionName).join(", ")}`);
    const ids = world.stack.readState().resources.filter((r) => r.type.includes("dynamic")).map((r) => r.id).sort();
    assert.deepEqual(live.map((c) => c.connectionId).sort(), ids);

    await control.injectFault({ kind: "throttle", operation: "DeleteConnection", count: 3 });
    await control.injectFault({ kind: "server-error", operation: "DeleteConnection", count: 1, when: "after" });
    const destroy = await world.stack.destroy();
    assert.ok(destroy.ok, destroy.error);
    assert.equal((await world.liveConnections()).length, 0);
  });

  it("an error that surfaces names the resource, the AWS error code and the request id, and leaves nothing behind", async () => {
    await world.emulator.control.injectFault({ kind: "server-error", operation: "CreateConnection", count: 100 });
    const up = await world.stack.up();
    assert.equal(up.ok, false);
    const message = up.error ?? "";
    // The resource by kind and Pulumi name (never the connection name, which may be secret), then the operation.
    assert.match(message, /directconnect\.Connection "primary": CreateConnection failed: DirectConnectServerException/);
    assert.match(message, /request id [\w-]+/);
    assert.equal((await world.liveConnections()).length, 0);
    assert.equal(world.stack.readState().resources.filter((r) => r.type.includes("dynamic")).length, 0);
  });
});
