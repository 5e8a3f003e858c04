import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../support/world";

/**
 * `npm start` in a terminal: colour (its own banners and the CLI's output), unless NO_COLOR is set
 * (https://no-color.org). The terminal is a pseudo-terminal from util-linux's `script`; without a terminal the demo's
 * own test (demo.test.ts) checks that there is no colour either.
 */
function demoInTerminal(env: NodeJS.ProcessEnv): Promise<{ code: number | null; text: string }> {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO_ROOT, "dist/cli-runner/demo.js"))}`;
  const child = spawn("script", ["-qec", command, "/dev/null"], { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.on("data", (c: Buffer) => (text += c.toString()));
  child.stderr.on("data", (c: Buffer) => (text += c.toString()));
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, text })));
}

describe("npm start in a terminal: colour, and none with NO_COLOR (real CLI)", function () {
  const withoutNoColor = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NO_COLOR"));

  it("colours a terminal's output", async () => {
    const run = await demoInTerminal(withoutNoColor);
    assert.equal(run.code, 0, run.text);
    assert.match(run.text, /\u001b\[1m\$ pulumi preview/);
  });

  it("prints no escape codes at all with NO_COLOR=1, though the output is a terminal", async () => {
    const run = await demoInTerminal({ ...withoutNoColor, NO_COLOR: "1" });
    assert.equal(run.code, 0, run.text);
    assert.match(run.text, /\$ pulumi preview/);
    assert.doesNotMatch(run.text, /\u001b\[/);
  });
});
