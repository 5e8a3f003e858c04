import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { CliStack } from "../../cli-runner";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { isEncryptedSecret } from "../support/secrets";
import { FIXTURES_DIR, resourceOf, sdkClientConfig, startWorld, withId, type World } from "../support/world";

/**
 * A `pulumi.secret` input stays secret through the real engine: encrypted in the real checkpoint file (inputs and the
 * outputs that echo them), never printed by the CLI (`[secret]` instead), also when it changes in place.
 */
const SECRETS = path.join(FIXTURES_DIR, "secrets");
const SECRET_NAME = "s3cret-name-5f1c9a";
const RENAMED = "s3cret-renamed-c3d2e1";
const SECRET_TAG = "s3cret-tag-77e0b2";

describe("secret inputs through the real CLI (emulator)", function () {
  let world: World;
  let stack: CliStack;
  before(async () => {
    world = await startWorld();
    stack = world.stack(SECRETS);
  });
  after(async () => {
    if (stack) await stack.destroy();
    await world?.dispose();
  });

  const assertNowhere = (values: string[]) => {
    const checkpoint = fs.readFileSync(stack.stateFile, "utf8");
    const printed = world.output.join("");
    for (const v of values) {
      const at = checkpoint.indexOf(v);
      assert.ok(at < 0, `the checkpoint file contains ${v}: …${checkpoint.slice(Math.max(0, at - 600), at + 100)}`);
      assert.ok(!printed.includes(v), `the CLI printed ${v}`);
    }
  };

  it("up: the secret name, tag and external id reach AWS but are encrypted in state and hidden in the output", async () => {
    world.assertOk(await stack.up());
    const dx = resourceOf(stack.readState().resources, "directconnect:Connection", "secret-dx");
    assert.ok(isEncryptedSecret(dx.inputs.connectionName), JSON.stringify(dx.inputs.connectionName));
    assert.ok(isEncryptedSecret(dx.outputs.connectionName), "the echoed output is secret too");
    const os = resourceOf(stack.readState().resources, "opensearch:OutboundConnection", "secret-os");
    const acceptWith = os.inputs.acceptWith;
    assert.ok(isEncryptedSecret(acceptWith) || isEncryptedSecret((acceptWith as Record<string, unknown>).externalId), JSON.stringify(acceptWith));
    assert.equal(os.outputs.status, "ACTIVE", "accepted with the secret external id");
    assert.match(world.output.join(""), /\[secret\]/);
    assertNowhere([SECRET_NAME, SECRET_TAG]);
    // AWS has the real values.
    const client = new DirectConnectClient(sdkClientConfig(world.emulator));
    try {
      const made = (await client.send(new DescribeConnectionsCommand({ connectionId: withId(dx).id }))).connections![0];
      assert.equal(made.connectionName, SECRET_NAME);
    } finally {
      client.destroy();
    }
  });

  it("an in-place change of the secret: preview --diff and up show no value; state stays encrypted", async () => {
    stack.setConfig("renamed", "true");
    const preview = await stack.preview();
    world.assertOk(preview);
    assert.equal(preview.steps.find((s) => s.name === "secret-dx")?.op, "update");
    world.assertOk(await stack.up());
    assertNowhere([SECRET_NAME, RENAMED, SECRET_TAG]);
    const dx = resourceOf(stack.readState().resources, "directconnect:Connection", "secret-dx");
    assert.ok(isEncryptedSecret(dx.outputs.connectionName));
  });
});

/**
 * A secret that breaks a rule, or a resource with a secret name whose create fails in AWS: the CLI shows which input
 * and which rule, or which operation failed, and never the value (the provider gets it in the clear and cannot tell it
 * is secret, so no message of ours may quote an input).
 */
describe("secret inputs in failures through the real CLI (emulator)", function () {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(async () => {
    await world?.dispose();
  });

  const assertNotPrinted = (values: string[]) => {
    const printed = world.output.join("");
    for (const v of values) {
      assert.ok(!printed.includes(v), `the CLI printed ${v}`);
      // Nor a telling part of it (a message that quotes the value cut or escaped).
      for (const part of v.split(/[#<> ]/).filter((p) => p.length >= 6)) assert.ok(!printed.includes(part), `the CLI printed part of a secret: ${part}`);
    }
  };

  const BROKEN = [
    { broken: "externalId", value: "s3cret ext3rnal#id 4c1d9z", field: /acceptWith\.externalId/, rule: /must be made of letters, digits/ },
    { broken: "tag", value: "s3cret#tag<77e0b2>", field: /tags\.owner/, rule: /value may contain only letters, numbers, spaces/ },
    { broken: "name", value: `s3cret-too-long-${"n".repeat(100)}`, field: /connectionName/, rule: /must be 1 to 100 characters long; got 116/ },
  ];
  for (const c of BROKEN) {
    it(`preview: a secret ${c.broken} that breaks its rule fails at check, by field and rule only`, async () => {
      const stack = world.stack(SECRETS, { config: { broken: c.broken } });
      const preview = await stack.preview();
      assert.equal(preview.ok, false, "check must reject the inputs");
      const printed = world.output.join("");
      assert.match(printed, c.field);
      assert.match(printed, c.rule);
      assertNotPrinted([c.value]);
      assert.deepEqual(await world.emulator.control.log(), [], "nothing reached AWS");
    });
  }

  it("up: a create that fails in AWS names the operation, not the secret connection name", async () => {
    const stack = world.stack(SECRETS);
    await world.emulator.control.injectFault({ kind: "server-error", operation: "CreateConnection", count: 100 });
    try {
      const up = await stack.up();
      assert.equal(up.ok, false);
      assert.match(world.output.join(""), /directconnect\.Connection "secret-dx": CreateConnection failed: DirectConnectServerException/);
      assertNotPrinted([SECRET_NAME, SECRET_TAG]);
    } finally {
      await world.emulator.control.clearFaults();
      await stack.destroy();
    }
  });
});
