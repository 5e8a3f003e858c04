import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import * as provider from "../../provider";
import { IDENTITY_KEY } from "../../provider/core/identity";
import { resourceLabel } from "../../provider/core/label";
import { startProviderEmulator, type ProviderEmulator } from "../support/provider-emulator";

/**
 * Every line the provider prints during an operation names the Pulumi resource, kind and name: a dynamic provider is
 * not told its URN, so the CLI shows its lines on the Stack's row, where only the text says whose they are.
 */
const PREFIX = "[pulumi-aws-connections] ";
const KIND = "directconnect:Connection";
const LABEL = 'directconnect.Connection "edge"';
const INPUTS = {
  location: "EqDC2",
  bandwidth: "1Gbps",
  connectionName: "edge-port",
  waitForAvailable: true,
  [IDENTITY_KEY]: "organization/shop/dev/directconnect:Connection::edge",
};

/** What this process writes to stderr (where progress and, without an engine, status lines go). */
function captureStderr(): { lines(): string[]; restore(): void } {
  const chunks: string[] = [];
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stderr.write;
  return {
    lines: () => chunks.join("").split("\n").filter((line) => line.startsWith(PREFIX)),
    restore: () => (process.stderr.write = original),
  };
}

describe("progress lines name the resource (kind and Pulumi name)", function () {
  let world: ProviderEmulator;
  before(async () => {
    world = await startProviderEmulator();
    // Lines on, and a status line every millisecond of every wait.
    delete process.env.PULUMI_AWS_CONNECTIONS_QUIET;
    process.env.PULUMI_AWS_CONNECTIONS_STATUS_MS = "1";
    // A create that waits: the port comes up after a few polls (emulated ms at 1000x).
    await world.emulator.control.setTransitions({ requestedToPending: 30_000, pendingToAvailable: 30_000, deletingToDeleted: 30_000 });
  });
  after(async () => world?.stop());

  it("create, takeover, a replacing diff, update, refresh and delete: every line carries the label", async () => {
    const captured = captureStderr();
    try {
      const first = await provider.create(KIND, INPUTS);
      // The same identity and settings again: the create takes the connection over (its token names it).
      const again = await provider.create(KIND, INPUTS);
      await provider.diff(KIND, again.id, again.outs, { ...INPUTS, bandwidth: "10Gbps" });
      const updated = await provider.update(KIND, again.id, again.outs, { ...INPUTS, connectionName: "edge-renamed" });
      const refreshed = await provider.read(KIND, again.id, updated.outs);
      // Delete gets only the outputs: they must carry the name.
      await provider.delete(KIND, first.id, first.outs);
      await provider.delete(KIND, again.id, refreshed.props);
    } finally {
      captured.restore();
    }
    const lines = captured.lines();
    const expected = [/: created dxcon-/, /: taking over dxcon-/, /will be replaced: bandwidth cannot change in place/, /left in place/, /: deleting$/, /waiting for .* to become available/, /waiting for .* to be deleted/];
    for (const pattern of expected) assert.ok(lines.some((line) => pattern.test(line)), `no line matches ${pattern}:\n${lines.join("\n")}`);
    const unnamed = lines.filter((line) => !line.startsWith(`${PREFIX}${LABEL}`) && !line.startsWith(`${PREFIX}waiting for ${LABEL} `));
    assert.deepEqual(unnamed, [], "every line names the resource");
  });

  it("a preview's replacing diff says what will happen", async () => {
    const captured = captureStderr();
    try {
      await provider.diff(KIND, "dxcon-ffabc123", { ...INPUTS, region: "us-east-1" }, { ...INPUTS, bandwidth: "10Gbps" });
    } finally {
      captured.restore();
    }
    assert.deepEqual(captured.lines(), [`${PREFIX}${LABEL} (dxcon-ffabc123) will be replaced: bandwidth cannot change in place`]);
  });

  it("the label: kind and name from the identity (also under a parent of the same kind), else what the spec describes", () => {
    const spec = { kind: KIND, typeName: "directconnect.Connection" };
    assert.equal(resourceLabel(spec, INPUTS), LABEL);
    assert.equal(resourceLabel(spec, {}, { [IDENTITY_KEY]: INPUTS[IDENTITY_KEY] }), LABEL, "from the outputs, for read and delete");
    const parent = "urn:pulumi:dev::shop::pulumi-nodejs:dynamic/directconnect:Connection::outer";
    assert.equal(resourceLabel(spec, { [IDENTITY_KEY]: `organization/${parent}/directconnect:Connection::inner` }), 'directconnect.Connection "inner"');
    assert.equal(resourceLabel(spec, {}), "directconnect.Connection", "state without an identity: the type");
    assert.equal(resourceLabel({ ...spec, describe: () => "cc-abc" }, {}), 'directconnect.Connection "cc-abc"');
  });

  it("every progress/notice call and every wait's subject in provider/ starts with the resource's label", () => {
    const root = path.resolve(__dirname, "../../provider");
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
    const offending: string[] = [];
    let seen = 0;
    for (const file of files(root)) {
      if (file.endsWith(path.join("core", "progress.ts"))) continue;
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/(?<![.\w]|function )(progress|notice)\(([^)]{0,40})|\bwhat: ([`'"][^,\n]{0,40})/g)) {
        seen++;
        const argument = (match[2] ?? match[3]).trim();
        if (!/^`\$\{(ctx\.)?label\}/.test(argument)) offending.push(`${path.relative(root, file)}: ${match[0]}`);
      }
    }
    assert.ok(seen >= 10, `found only ${seen} calls: the pattern no longer matches the code`);
    assert.deepEqual(offending, []);
  });
});
