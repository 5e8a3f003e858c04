import { strict as assert } from "assert";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import type { RunningOperation } from "../../cli-runner";
import { EXAMPLES_DIR, sdkClientConfig, startWorld, type World } from "../support/world";

/**
 * A long wait is reported while it lasts, in the real CLI's own output: the provider sends status messages to the
 * engine (provider/core/engine-log.ts), which the CLI prints as they arrive. The wait is held open by the emulator (the
 * Direct Connect port never comes up) until the test has seen the line, so nothing here depends on timing; the status
 * interval is shortened so the test does not sit through the default 20 s.
 */
const DIRECT_CONNECT = path.join(EXAMPLES_DIR, "directconnect");
// The line shows on the Stack's row: it names the resource by kind and Pulumi name (never secret: the URN shows it too).
const STATUS_LINE = /\[pulumi-aws-connections\] waiting for directconnect\.Connection "(?:primary|backup)" \(dxcon-[a-z0-9]+\) to become available: (?:requested|pending), \d+\w* so far/;

/** Waits (polling the captured output) until the CLI has printed a status line; fails if the operation ended first. */
async function statusLineWhileRunning(world: World, run: RunningOperation): Promise<string> {
  let ended = false;
  void run.result.then(() => (ended = true));
  for (;;) {
    const line = STATUS_LINE.exec(world.output.join(""));
    if (line) {
      assert.equal(ended, false, "the status line came only after the operation ended");
      return line[0];
    }
    assert.equal(ended, false, `the operation ended without a status line:\n${world.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Lets the held connections come up, so the wait and the operation end. */
async function release(world: World): Promise<void> {
  const dx = new DirectConnectClient(sdkClientConfig(world.emulator));
  try {
    for (const c of (await dx.send(new DescribeConnectionsCommand({}))).connections ?? []) {
      if (c.connectionId && (c.connectionState === "requested" || c.connectionState === "pending")) {
        await world.emulator.control.setConnectionState("primary", "us-east-1", c.connectionId, "available");
      }
    }
  } finally {
    dx.destroy();
  }
}

describe("a long wait reports while it lasts (real CLI, emulator)", function () {
  let world: World;
  beforeEach(async () => {
    world = await startWorld({
      emulator: { port: 0, timeScale: 1000, transitions: { pendingToAvailable: null } },
      env: { PULUMI_AWS_CONNECTIONS_QUIET: "0", PULUMI_AWS_CONNECTIONS_STATUS_MS: "300" },
    });
  });
  afterEach(async () => world?.dispose());

  for (const display of [
    { name: "the diff view (`pulumi up --diff`)", flags: [] as string[] },
    { name: "the progress view (`pulumi up`, not a terminal)", flags: ["--diff=false"] },
  ]) {
    it(`${display.name}: status lines appear before the operation ends, and not in the summary at its end`, async () => {
      const stack = world.stack(DIRECT_CONNECT, { config: { waitForAvailable: "true" }, skipPreview: true });
      const run = stack.start("up", display.flags);
      await statusLineWhileRunning(world, run);
      await release(world);
      const result = await run.result;
      world.assertOk(result);
      const diagnostics = result.text.indexOf("Diagnostics:");
      if (diagnostics >= 0) assert.doesNotMatch(result.text.slice(diagnostics), STATUS_LINE, "a status message is not a diagnostic");
      world.assertOk(await stack.destroy());
    });
  }
});
