import { strict as assert } from "assert";
import { DescribeConnectionsCommand } from "@aws-sdk/client-direct-connect";
import { DX_EXAMPLE, dxWorld, resourceByName, withId, type DxWorld } from "../support/dx-world";

/**
 * AWS may report values outside the documented enums (terraform-provider-aws's refresh fails on an unknown
 * encryption_mode). Refresh must record them as they are, and the next up must put the program's value back.
 */
describe("directconnect.Connection refresh with values AWS does not document", function () {
  let world: DxWorld;
  before(async () => {
    world = await dxWorld(DX_EXAMPLE, { encryptionMode: "must_encrypt" });
  });
  after(async () => world?.dispose());

  it("refresh records encryptionMode and connectionState 'unknown'; the next up restores the mode in place", async () => {
    assert.ok((await world.stack.up()).ok);
    const id = withId(resourceByName(world.stack.readState().resources, "primary")).id;
    await world.emulator.control.setEncryptionMode("primary", "us-east-1", id, "unknown");
    await world.emulator.control.setConnectionState("primary", "us-east-1", id, "unknown");

    const refresh = await world.stack.refresh();
    assert.ok(refresh.ok, refresh.error);
    const refreshed = resourceByName(world.stack.readState().resources, "primary");
    assert.equal(refreshed.outputs.encryptionMode, "unknown");
    assert.equal(refreshed.outputs.connectionState, "unknown");

    const preview = await world.stack.preview();
    assert.equal(resourceByName(preview.steps, "primary").op, "update");
    const up = await world.stack.up();
    assert.ok(up.ok, up.error);
    assert.equal(withId(resourceByName(world.stack.readState().resources, "primary")).id, id);
    const connection = (await world.dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections![0];
    assert.equal(connection.encryptionMode, "must_encrypt");
    assert.ok((await world.stack.destroy()).ok);
  });
});
