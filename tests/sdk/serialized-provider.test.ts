import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DX_EXAMPLE, dxWorld, REPO_ROOT } from "../support/dx-world";

/**
 * The serialized `__provider` is written twice into every resource's state and run by the engine on every later
 * operation, by whatever version of the package is installed then. It must stay small, identical wherever the package
 * is installed, and free of anything from the environment (credentials above all).
 */
const SERIALIZE = `
const pulumi = require("@pulumi/pulumi");
pulumi.runtime.setMocks({
  newResource: async (args) => { process.stdout.write(JSON.stringify(args.inputs.__provider)); return { id: "x", state: args.inputs }; },
  call: async () => ({}),
}, "p", "s", false);
const { directconnect } = require("pulumi-aws-connections");
new directconnect.Connection("c", { location: "EqDC2", bandwidth: "10Gbps", connectionName: "n" });
`;

function installCopy(root: string): void {
  const pkg = path.join(root, "node_modules", "pulumi-aws-connections");
  fs.mkdirSync(pkg, { recursive: true });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(pkg, "package.json"));
  fs.cpSync(path.join(REPO_ROOT, "dist", "sdk"), path.join(pkg, "dist", "sdk"), { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, "dist", "provider"), path.join(pkg, "dist", "provider"), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(root, "node_modules", "@pulumi"), "dir");
}

function serializedIn(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  const text = execFileSync(process.execPath, ["-e", SERIALIZE], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  return JSON.parse(text) as string;
}

describe("serialized __provider", function () {
  const temp: string[] = [];
  after(() => temp.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it("is at most 600 bytes, one line requiring the stable provider entry, and byte-identical in this repository and in two other install locations", () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), "pac-install-a-"));
    const b = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pac-install-b-")), "deeper", "project");
    fs.mkdirSync(b, { recursive: true });
    temp.push(a, path.dirname(path.dirname(b)));
    installCopy(a);
    installCopy(b);
    const here = serializedIn(REPO_ROOT);
    assert.ok(Buffer.byteLength(here) <= 600, `__provider is ${Buffer.byteLength(here)} bytes`);
    assert.equal(here, 'exports.handler = () => require("pulumi-aws-connections/provider").providerOf("directconnect:Connection");\n');
    assert.equal(serializedIn(a), here);
    assert.equal(serializedIn(b), here);
    assert.match(here, /require\("pulumi-aws-connections\/provider"\)/);
    assert.doesNotMatch(here, /\/(tmp|work|home|root)\//, "no absolute paths");
  });

  it("contains no environment values, and neither does the state of a real up", async () => {
    const planted = { PLANTED_SECRET: "planted-secret-5f1c9a", AWS_SESSION_TOKEN_UNUSED: "planted-token-77e0b2", GITHUB_TOKEN: "ghp_planted0123456789" };
    const text = serializedIn(REPO_ROOT, { ...process.env, ...planted });
    for (const value of Object.values(planted)) assert.ok(!text.includes(value), `__provider contains ${value}`);

    const world = await dxWorld(DX_EXAMPLE);
    try {
      const stack = world.world.stack(DX_EXAMPLE, { stackName: "secrets", env: planted });
      const up = await stack.up();
      assert.ok(up.ok, up.error);
      // The checkpoint file exactly as the real CLI wrote it.
      const stateText = fs.readFileSync(stack.stateFile, "utf8");
      const account = world.emulator.accounts[0];
      for (const value of [...Object.values(planted), account.secretAccessKey, account.accessKeyId]) {
        assert.ok(!stateText.includes(value), `state contains ${value}`);
      }
      for (const resource of stack.readState().resources.filter((r: { type: string }) => r.type.includes("dynamic"))) {
        assert.equal(resource.inputs.__provider, text, "the state holds the same provider text");
        assert.ok(Buffer.byteLength(String(resource.outputs.__provider ?? resource.inputs.__provider)) <= 600);
      }
      assert.ok((await stack.destroy()).ok);
    } finally {
      await world.dispose();
    }
  });
});
