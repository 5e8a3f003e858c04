import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT } from "../support/world";

/* eslint-disable @typescript-eslint/no-require-imports */
const { sourceFingerprint } = require("../../scripts/setup.js") as { sourceFingerprint(root?: string): string };

/** `npm start` and `npm test` run scripts/setup.js first; with nothing changed it must not rebuild. */
describe("scripts/setup.js: the build is skipped when no source changed", function () {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-setup-"));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), "{}");
    fs.writeFileSync(path.join(dir, "package-lock.json"), "{}");
    fs.mkdirSync(path.join(dir, "provider"));
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 1;\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("the fingerprint follows contents, not modification times (a file dated in the future does not force rebuilds)", () => {
    const before = sourceFingerprint(dir);
    const future = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    fs.utimesSync(path.join(dir, "provider", "a.ts"), future, future);
    assert.equal(sourceFingerprint(dir), before);
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 2;\n");
    assert.notEqual(sourceFingerprint(dir), before);
    fs.writeFileSync(path.join(dir, "provider", "a.ts"), "export const a = 1;\n");
    fs.writeFileSync(path.join(dir, "provider", "b.ts"), "export const b = 1;\n");
    assert.notEqual(sourceFingerprint(dir), before);
  });

  it("run twice on this repository, the second run builds nothing", () => {
    const setup = () => spawnSync(process.execPath, [path.join(REPO_ROOT, "scripts/setup.js"), "--build-only"], { cwd: REPO_ROOT, encoding: "utf8" });
    const first = setup();
    assert.equal(first.status, 0, first.stderr);
    const second = setup();
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stderr, /dist\/ is up to date/);
    assert.doesNotMatch(second.stderr, /building/);
  });
});
