import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";

/**
 * The shipped declarations (dist/sdk, dist/provider) parse and check on the TypeScript that Pulumi's Node.js language
 * host falls back to when a project installs none: the copy vendored in @pulumi/pulumi (`vendor/typescript@3.8.3`,
 * chosen by `tsutils.typeScriptRequireStrings`). 3.8 knows `import type`/`export type` but not a `type` modifier inside
 * braces (`export { X, type Y }`, TypeScript 4.5), which made every program fail to load the package's types.
 * Only the package's own files are judged: @types/node of this repository is too new for 3.8 whatever this package does.
 */
const ROOT = path.resolve(__dirname, "../..");
const PULUMI_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [ROOT] }));
const VENDORED = path.join(PULUMI_DIR, "vendor", "typescript@3.8.3", "typescript.js");

function declarations(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...declarations(p));
    else if (entry.name.endsWith(".d.ts")) found.push(p);
  }
  return found;
}

describe("the shipped .d.ts files on the TypeScript Pulumi falls back to (3.8.3, vendored in @pulumi/pulumi)", () => {
  it("parse and type-check without one error in the package's own files", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ts = require(VENDORED) as typeof TypeScript;
    assert.equal(ts.version, "3.8.3");
    const files = [...declarations(path.join(ROOT, "dist", "sdk")), ...declarations(path.join(ROOT, "dist", "provider"))];
    assert.ok(files.length > 20, `dist/ holds ${files.length} declaration files: run the build first`);
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      target: ts.ScriptTarget.ES2018,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.NodeJs,
    });
    const ours = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && d.file.fileName.startsWith(path.join(ROOT, "dist") + path.sep))
      .map((d) => `${path.relative(ROOT, d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    assert.deepEqual(ours, []);
  });
});
