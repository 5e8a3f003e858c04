import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as path from "path";
import { REPO_ROOT } from "../support/world";

/**
 * `npm start`'s demo (dist/cli-runner/demo.js, built by the test set-up) runs the example stack through the real CLI
 * against its own emulator, prints the CLI's own output for each command, and exits by itself.
 */
describe("npm start: the demo on the real CLI", function () {

  it("previews, applies, changes, refreshes and destroys, then exits 0 with nothing left in the emulator", async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "dist/cli-runner/demo.js")], { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let text = "";
    child.stdout.on("data", (c: Buffer) => (text += c.toString()));
    child.stderr.on("data", (c: Buffer) => (text += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    assert.equal(code, 0, text);
    const commands = [...text.matchAll(/^\$ (pulumi \S+)/gm)].map((m) => m[1]);
    assert.deepEqual(commands, ["pulumi preview", "pulumi up", "pulumi config", "pulumi preview", "pulumi up", "pulumi refresh", "pulumi destroy"]);
    assert.match(text, /Previewing update \(demo\):/);
    assert.match(text, /~ connectionName\s*: "edge-primary" => "edge-renamed"/);
    assert.match(text, /Resources:\s*\n\s*- 3 deleted/);
    // Not a terminal: no colour codes.
    assert.doesNotMatch(text, /\u001b\[/);
    const listed = text.slice(text.indexOf("describe-connections"));
    assert.equal((listed.match(/ deleted /g) ?? []).length, 2, listed);
  });
});
