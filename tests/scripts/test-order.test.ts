import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

/**
 * `npm test` hands mocha its files longest first (the crash matrix, then the engine tests, then the rest): mocha's
 * parallel mode gives files to its workers in the order given, and a long file started last would run alone at the
 * end while the other workers idle. Its patterns must still name every test file exactly once.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lookupFiles = require("mocha/lib/cli/lookup-files") as (pattern: string, extensions: string[], recursive: boolean) => string | string[];

const ROOT = path.resolve(__dirname, "../..");

describe("npm test's file order", () => {
  it("names every test file exactly once, the crash matrix first", () => {
    const script = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.test;
    const patterns = script
      .split(/\s+/)
      .filter((word) => word.startsWith("'tests/") || word.startsWith("tests/"))
      .map((word) => word.replace(/^'|'$/g, ""));
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      const listed = patterns.flatMap((pattern) => ([] as string[]).concat(lookupFiles(pattern, ["ts"], true)));
      const every = ([] as string[]).concat(lookupFiles("tests/**/*.test.ts", ["ts"], true));
      assert.equal(listed[0], "tests/engine/crash-matrix.test.ts");
      assert.equal(new Set(listed).size, listed.length, "a file listed twice would run twice");
      assert.deepEqual([...listed].sort(), [...every].sort());
    } finally {
      process.chdir(cwd);
    }
  });
});
