import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readEventLog, resultOf } from "../../cli-runner/events";
import { REPO_ROOT } from "../support/world";

/**
 * The test harness's own guards: a test that cannot fail is worse than none. Mocha refuses `.only` in CI (else one
 * forgotten `it.only` silently skips the rest of the suite), and an operation whose event log was lost is an error
 * (else its empty list of steps passes every "nothing changed" check).
 */
describe("test harness: mocha's forbidOnly in CI", function () {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-harness-"));
    fs.writeFileSync(path.join(dir, "only.test.js"), 'it.only("the one test", () => undefined);\nit("another", () => undefined);\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Mocha as `npm test` runs it (the repository's .mocharc.js), on a file that has an `it.only`. */
  function mochaWith(ci: string | undefined): { status: number | null; output: string } {
    const env = { ...process.env };
    delete env.CI;
    if (ci !== undefined) env.CI = ci;
    const run = spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), path.join(dir, "only.test.js")], { cwd: REPO_ROOT, env, encoding: "utf8" });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  }

  it("CI=true: a `.only` fails the run", () => {
    const run = mochaWith("true");
    assert.notEqual(run.status, 0, run.output);
    assert.match(run.output, /`\.only` forbidden/, run.output);
  });

  it("outside CI a `.only` runs just that test (as a developer means it)", () => {
    const run = mochaWith(undefined);
    assert.equal(run.status, 0, run.output);
    assert.match(run.output, /1 passing/, run.output);
  });
});

describe("test harness: an operation's event log (cli-runner/events.ts)", () => {
  const missing = path.join(os.tmpdir(), "pac-no-such-event-log.jsonl");

  it("a CLI that exited 0 without an event log is an error, not an operation with no steps", () => {
    assert.deepEqual(readEventLog(missing), []);
    assert.throws(() => resultOf(readEventLog(missing), "up", 0, "output"), /exited 0 but its event log is missing or empty/);
  });

  it("a CLI that failed before starting (non-zero exit) or was killed (no code) has no log: a failed result", () => {
    for (const code of [255, null]) {
      const result = resultOf(readEventLog(missing), "up", code, "error: the stack is currently locked");
      assert.equal(result.ok, false);
      assert.deepEqual(result.steps, []);
    }
  });
});
