import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import type { CliStack } from "../../cli-runner";
import { REPO_ROOT, sdkClientConfig, startWorld, type World } from "../support/world";

/**
 * The README's install, as a user does it today: `npm pack` in a clone, then a brand-new TypeScript project installs
 * the tarball with @pulumi/pulumi, and its program runs through the real CLI and Pulumi's Node.js language host (which
 * compiles it with type checks) against the emulator. The tarball holds the built package and a manifest without the
 * development scripts (scripts/pack-manifest.js), so the consumer's npm has no install scripts to run or warn about.
 * npm reads its cache first (--prefer-offline): no download once the repository's own dependencies are installed.
 *
 * Two projects, the two TypeScript set-ups the README names: the recommended one (typescript 5, ts-node, @types/node,
 * Pulumi's template tsconfig, strict), and none at all, where the language host falls back to the TypeScript 3.8.3 and
 * ts-node 7 vendored in @pulumi/pulumi. In both the language host's type check is real: a program with a type error in
 * its use of the package's types is refused, the correct one runs.
 */
function npm(args: string[], cwd: string): { stdout: string; text: string } {
  const r = spawnSync("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], { cwd, encoding: "utf8", timeout: 600_000 });
  const text = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  assert.equal(r.status, 0, `npm ${args.join(" ")} failed:\n${text}`);
  return { stdout: r.stdout ?? "", text };
}

/** The version installed in this repository, so that the consumer's install is served from npm's cache. */
function installedVersion(name: string): string {
  return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** A program that uses the package's classes and its Args types (which a parse error in the .d.ts would lose). */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { directconnect } from "pulumi-aws-connections";

const settings: directconnect.ConnectionArgs = {
  location: "EqDC2",
  bandwidth: "10Gbps",
  connectionName: "edge-from-tarball",
  tags: { stack: pulumi.getStack() },
};
const edge = new directconnect.Connection("edge", settings);
export const connectionId = edge.connectionId;
`;

/** The same program with a type error against the package's types: the language host's type check must refuse it. */
const MISTYPED = PROGRAM.replace('bandwidth: "10Gbps",', "bandwidth: 10,");

/** A new Pulumi TypeScript project in `dir`: package.json, Pulumi.yaml and the program. */
function newProject(dir: string, name: string): string {
  const project = path.join(dir, name);
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name, private: true, main: "index.ts" }, null, 2));
  fs.writeFileSync(path.join(project, "Pulumi.yaml"), `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`);
  fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
  return project;
}

/**
 * A stack of the project whose preview of MISTYPED the language host's type check (on, as users have it) refuses;
 * the project's program is the correct one again afterwards.
 */
async function stackRefusingMistypedProgram(world: World, project: string): Promise<CliStack> {
  const stack = world.stack(project, { skipPreview: true, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "false" } });
  fs.writeFileSync(path.join(project, "index.ts"), MISTYPED);
  const refused = await stack.preview();
  assert.equal(refused.ok, false, "the language host's type check let a type error through");
  assert.match(refused.text, /TS2322/);
  fs.writeFileSync(path.join(project, "index.ts"), PROGRAM);
  return stack;
}

describe("installed from the packed tarball into a new project (real CLI, emulator)", function () {
  this.timeout(600_000);
  let world: World | undefined;
  let dir: string;
  let tarball: string | undefined;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-consumer-"));
  });
  after(async () => {
    await world?.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("packs what runs and no development scripts; the project installs it, type-checks, and runs up and destroy", async () => {
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", dir], REPO_ROOT).stdout.replace(/^[^[]*/s, "")) as {
      filename: string;
      files: { path: string }[];
    }[];
    const files = packed[0].files.map((f) => f.path);
    assert.ok(files.includes("dist/provider/index.js") && files.includes("dist/sdk/index.d.ts"), files.join("\n"));
    assert.deepEqual(files.filter((f) => !/^(dist\/(provider|sdk)\/|README\.md$|package\.json$)/.test(f)), []);
    // The working copy's manifest is back as it was (postpack).
    assert.ok((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts?: object }).scripts);

    tarball = path.join(dir, packed[0].filename);
    const project = newProject(dir, "edge-network");
    // As Pulumi's TypeScript template writes it.
    const tsconfig = { compilerOptions: { strict: true, outDir: "bin", target: "es2020", module: "commonjs", moduleResolution: "node", sourceMap: true }, files: ["index.ts"] };
    fs.writeFileSync(path.join(project, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const installed = npm(
      [
        "install",
        tarball,
        `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`,
        `typescript@${installedVersion("typescript")}`,
        `ts-node@${installedVersion("ts-node")}`,
        `@types/node@${installedVersion("@types/node")}`,
      ],
      project,
    ).text;
    // npm 11 lists every package whose scripts it did not run ("install-scripts"); this one has none to list.
    const scriptWarnings = installed.split("\n").filter((line) => /install-scripts/.test(line) && /pulumi-aws-connections/.test(line));
    assert.deepEqual(scriptWarnings, [], installed);
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "node_modules/pulumi-aws-connections/package.json"), "utf8")) as Record<string, unknown>;
    assert.equal(manifest.scripts, undefined);
    assert.equal(manifest.devDependencies, undefined);
    assert.ok(!fs.lstatSync(path.join(project, "node_modules/pulumi-aws-connections")).isSymbolicLink(), "a copy, not a link to the clone");

    // The shipped declarations type-check a user's program (strict), with the project's own TypeScript.
    const tsc = spawnSync(process.execPath, [path.join(project, "node_modules/typescript/bin/tsc"), "--noEmit", "-p", project], { cwd: project, encoding: "utf8" });
    assert.equal(tsc.status, 0, `${tsc.stdout}${tsc.stderr}`);

    world = await startWorld();
    const stack = await stackRefusingMistypedProgram(world, project);
    const up = await stack.up();
    world.assertOk(up);
    if (Number(process.versions.node.split(".")[0]) >= 22) {
      // On a Node the AWS SDK supports, its provider host prints no Node-version notice.
      assert.doesNotMatch(world.output.join(""), /NodeVersionSupportWarning/);
    }
    const dx = new DirectConnectClient(sdkClientConfig(world.emulator));
    try {
      const named = ((await dx.send(new DescribeConnectionsCommand({}))).connections ?? []).filter((c) => c.connectionName === "edge-from-tarball");
      assert.equal(named.length, 1);
      assert.equal(up.outputs.connectionId, named[0].connectionId);
      world.assertOk(await stack.destroy());
      const left = ((await dx.send(new DescribeConnectionsCommand({}))).connections ?? []).filter((c) => c.connectionName === "edge-from-tarball" && c.connectionState !== "deleted");
      assert.deepEqual(left, []);
    } finally {
      dx.destroy();
    }
  });

  it("without any TypeScript installed (the language host's fallback, TypeScript 3.8.3 and ts-node 7): the program is type-checked and previews its resource", async () => {
    assert.ok(tarball, "the first test packed the tarball");
    const project = newProject(dir, "edge-bare");
    npm(["install", tarball, `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`], project);
    for (const absent of ["typescript", "ts-node"]) assert.ok(!fs.existsSync(path.join(project, "node_modules", absent)), `${absent} was installed`);
    world ??= await startWorld();
    const stack = await stackRefusingMistypedProgram(world, project);
    const preview = await stack.preview();
    world.assertOk(preview);
    assert.deepEqual(
      preview.steps.filter((step) => step.type === "pulumi-nodejs:dynamic/directconnect:Connection").map((step) => `${step.name} ${step.op}`),
      ["edge create"],
    );
  });
});
