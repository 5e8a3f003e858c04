import { strict as assert } from "assert";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient, TagResourceCommand, UntagResourceCommand, type Connection } from "@aws-sdk/client-direct-connect";
import type { CliStack } from "../../cli-runner";
import { FIXTURES_DIR, resourceOf, sdkClientConfig, startWorld, withId, type World } from "../support/world";

/**
 * An update that AWS applies only in part: the rename goes through (UpdateConnection), then TagResource is refused
 * (TooManyTagsException: tags added outside Pulumi filled the connection's 50). State must keep the rename AWS made,
 * and the tags as they were, so the next `pulumi up` shows and applies what is still to do. Through the real CLI.
 */
const FIXTURE = path.join(FIXTURES_DIR, "directconnect/tagged");

describe("directconnect.Connection: an update applied in part keeps what AWS applied in state", function () {
  let world: World;
  let stack: CliStack;
  let dx: DirectConnectClient;
  before(async () => {
    world = await startWorld();
    stack = world.stack(FIXTURE);
    dx = new DirectConnectClient(sdkClientConfig(world.emulator));
  });
  after(async () => {
    if (stack) await stack.destroy();
    dx?.destroy();
    await world?.dispose();
  });

  const connection = () => withId(resourceOf(stack.readState().resources, "directconnect:Connection", "tagged"));
  const inAws = async (id: string): Promise<Connection> => (await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections![0];
  const arnOf = (c: Connection) => `arn:aws:directconnect:${c.region}:${c.ownerAccount}:dxcon/${c.connectionId}`;
  const OUT_OF_BAND = Array.from({ length: 48 }, (_, i) => `oob-${i}`);

  it("rename applied, TagResource refused: the up fails naming TagResource, and state has the new name and the old tags", async () => {
    world.assertOk(await stack.up());
    const made = await inAws(connection().id);
    // One user tag, the create token and these 48: AWS's 50, so one more tag is refused.
    await dx.send(new TagResourceCommand({ resourceArn: arnOf(made), tags: OUT_OF_BAND.map((key) => ({ key, value: "x" })) }));

    stack.setConfig("connectionName", "tagged-renamed");
    stack.setConfig("tags", JSON.stringify({ team: "network", owner: "platform" }));
    const up = await stack.up();
    assert.equal(up.ok, false, "TagResource must fail");
    assert.match(up.error ?? "", /TagResource failed: TooManyTagsException/);
    assert.match(up.error ?? "", /AWS applied connectionName before that/);

    assert.equal((await inAws(made.connectionId!)).connectionName, "tagged-renamed", "AWS has the new name");
    const state = connection();
    assert.equal(state.outputs.connectionName, "tagged-renamed", "state records the rename AWS made");
    assert.deepEqual(state.outputs.tags, { team: "network" }, "state keeps the tags as they were: the new one is not in AWS");
  });

  it("the next up, once there is room, applies the tag that is left and does not rename again", async () => {
    const preview = await stack.preview();
    world.assertOk(preview);
    assert.equal(preview.steps.find((s) => s.name === "tagged")?.op, "update");
    const made = await inAws(connection().id);
    await dx.send(new UntagResourceCommand({ resourceArn: arnOf(made), tagKeys: OUT_OF_BAND }));

    const before = await world.emulator.control.counts();
    world.assertOk(await stack.up());
    const calls = await world.countsSince(before);
    assert.equal(calls["DirectConnect.UpdateConnection"] ?? 0, 0, "the rename was done already");
    assert.equal(calls["DirectConnect.TagResource"], 1);
    const now = await inAws(made.connectionId!);
    assert.equal(now.connectionName, "tagged-renamed");
    assert.deepEqual(Object.fromEntries((now.tags ?? []).filter((t) => !t.key!.startsWith("pulumi-aws-connections:")).map((t) => [t.key, t.value])), { team: "network", owner: "platform" });
    const state = connection();
    assert.equal(state.outputs.connectionName, "tagged-renamed");
    assert.deepEqual(state.outputs.tags, { team: "network", owner: "platform" });
  });
});
