import { strict as assert } from "assert";
import { ATTACHMENT_EXAMPLE, SEEDED, attachmentIn, attachmentsIn } from "../support/attachments";
import { assertAllSame, startWorld, type World } from "../support/world";

/** examples/opensearch-data-sources as a user runs it: up, a preview with nothing to do, refresh, destroy. */
describe("example opensearch-data-sources (real host, emulator)", function () {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => world?.dispose());

  it("attaches a domain with a new workspace and a collection; a second preview changes nothing; destroy detaches both", async () => {
    const stack = world.stack(ATTACHMENT_EXAMPLE);
    const up = await stack.up();
    world.assertOk(up);
    const logs = attachmentIn(stack, "app-logs");
    const events = attachmentIn(stack, "events");
    assert.equal(logs.outputs.status, "ATTACHED");
    assert.equal(events.outputs.status, "ATTACHED");
    assert.deepEqual(up.outputs.logsAttachment, { id: logs.outputs.attachmentId, status: "ATTACHED" });

    const live = await attachmentsIn(world.emulator, SEEDED.activeApp);
    assert.deepEqual(live.map((a) => a.dataSourceArn).sort(), [SEEDED.appLogs, SEEDED.collection].sort());
    const workspaces = await world.emulator.control.workspaces();
    const created = workspaces.filter((w) => w.name === "Application logs");
    assert.equal(created.length, 1, JSON.stringify(workspaces));
    assert.equal(created[0].workspaceType, "OBSERVABILITY");
    assert.deepEqual(created[0].dataSourceArns, [SEEDED.appLogs]);

    const preview = await stack.preview();
    world.assertOk(preview);
    assertAllSame(preview.steps, stack.readState().resources);
    world.assertOk(await stack.refresh());

    world.assertOk(await stack.destroy());
    assert.deepEqual(await attachmentsIn(world.emulator), []);
  });
});
