import { strict as assert } from "assert";
import { engineAddressOfHost } from "../../provider/core/engine-log";
import { DEFAULT_STATUS_INTERVAL_MS, statusIntervalFromEnvironment, waitStatus } from "../../provider/core/progress";

/** Captures what is written to stderr (where status lines go when there is no engine, as in this process). */
function captureStderr(): { lines: string[]; restore(): void } {
  const lines: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  return { lines, restore: () => (process.stderr.write = original) };
}

describe("progress: status lines while a wait lasts", () => {
  const quiet = process.env.PULUMI_AWS_CONNECTIONS_QUIET;
  beforeEach(() => delete process.env.PULUMI_AWS_CONNECTIONS_QUIET);
  afterEach(() => {
    if (quiet === undefined) delete process.env.PULUMI_AWS_CONNECTIONS_QUIET;
    else process.env.PULUMI_AWS_CONNECTIONS_QUIET = quiet;
  });

  it("repeats what is awaited and the last status seen until stopped", async () => {
    const captured = captureStderr();
    try {
      const status = waitStatus(`directconnect.Connection "edge" (dxcon-abc) to become available`, 5);
      status.saw("pending");
      while (captured.lines.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      status.stop();
      const count = captured.lines.length;
      await new Promise((resolve) => setTimeout(resolve, 30));
      assert.equal(captured.lines.length, count, "no line after stop");
    } finally {
      captured.restore();
    }
    assert.match(captured.lines[0], /^\[pulumi-aws-connections\] waiting for directconnect\.Connection "edge" \(dxcon-abc\) to become available: pending, \d+s so far\n$/);
  });

  it("says nothing with PULUMI_AWS_CONNECTIONS_QUIET=1", async () => {
    process.env.PULUMI_AWS_CONNECTIONS_QUIET = "1";
    const captured = captureStderr();
    try {
      const status = waitStatus("x to be deleted", 1);
      await new Promise((resolve) => setTimeout(resolve, 30));
      status.stop();
    } finally {
      captured.restore();
    }
    assert.deepEqual(captured.lines, []);
  });

  it("the interval: 20 s unless PULUMI_AWS_CONNECTIONS_STATUS_MS says otherwise (a positive number)", () => {
    assert.equal(statusIntervalFromEnvironment({}), DEFAULT_STATUS_INTERVAL_MS);
    assert.ok(DEFAULT_STATUS_INTERVAL_MS < 30_000);
    assert.equal(statusIntervalFromEnvironment({ PULUMI_AWS_CONNECTIONS_STATUS_MS: "250" }), 250);
    assert.equal(statusIntervalFromEnvironment({ PULUMI_AWS_CONNECTIONS_STATUS_MS: "soon" }), DEFAULT_STATUS_INTERVAL_MS);
    assert.equal(statusIntervalFromEnvironment({ PULUMI_AWS_CONNECTIONS_STATUS_MS: "-1" }), DEFAULT_STATUS_INTERVAL_MS);
  });

  it("the engine is reached only from inside the dynamic-provider host, at the address it was started with", () => {
    const host = "/p/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    assert.equal(engineAddressOfHost(host, ["node", host, "127.0.0.1:43347"]), "127.0.0.1:43347");
    assert.equal(engineAddressOfHost(host, ["node", host, "--logtostderr", "-v=9", "127.0.0.1:1"]), "127.0.0.1:1");
    assert.equal(engineAddressOfHost("/repo/node_modules/mocha/bin/mocha.js", ["node", "mocha", "127.0.0.1:1"]), undefined);
    assert.equal(engineAddressOfHost(host, ["node", host]), undefined);
    assert.equal(engineAddressOfHost(undefined, []), undefined);
  });
});
