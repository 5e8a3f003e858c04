import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { EXAMPLE_CASE_DIRS } from "../support/examples";
import { EXAMPLES_DIR } from "../support/world";

describe("every example folder has its engine test", () => {
  it("a case in tests/support/examples.ts and a file tests/engine/example-<name>.test.ts for each folder under examples/", () => {
    const folders = fs.readdirSync(EXAMPLES_DIR).sort();
    assert.deepEqual([...EXAMPLE_CASE_DIRS].sort(), folders);
    for (const name of folders) assert.ok(fs.existsSync(path.join(__dirname, `example-${name}.test.ts`)), `no tests/engine/example-${name}.test.ts`);
  });
});
