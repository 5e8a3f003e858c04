import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { CreateLagCommand, DescribeLagsCommand } from "@aws-sdk/client-direct-connect";
import { CreateApplicationCommand, DescribeDomainCommand, ListApplicationsCommand } from "@aws-sdk/client-opensearch";
import { SERVICES } from "../../emulator/services/registry";
import { dxClient, osClient, rejection, useEmulator } from "./helpers";

const README = readFileSync(path.resolve(__dirname, "..", "..", "README.md"), "utf8");

/** The README's table of served operations: one row per service name, with its SigV4 name and operations. */
function servedInReadme(): Map<string, { signingName: string; operations: string[] }> {
  const block = /<!-- emulator-operations: start -->\n([\s\S]*?)<!-- emulator-operations: end -->/.exec(README)?.[1];
  assert.ok(block, "README has no emulator-operations block");
  const rows = new Map<string, { signingName: string; operations: string[] }>();
  for (const line of block.split("\n").slice(2)) {
    if (line.trim() === "") continue;
    const m = /^\| ([A-Za-z ]+?)(?:, [\d-]+)? \(`([a-z]+)`\) \| (.*) \|$/.exec(line);
    assert.ok(m, `unexpected row: ${line}`);
    rows.set(m[1].replace(/ /g, ""), { signingName: m[2], operations: [...m[3].matchAll(/`(\w+)`/g)].map((x) => x[1]) });
  }
  return rows;
}

/** The dispatch tables, merged by service name (two definitions serve OpenSearch). */
function servedByEmulator(): Map<string, { signingName: string; operations: string[] }> {
  const out = new Map<string, { signingName: string; operations: string[] }>();
  for (const service of SERVICES) {
    const entry = out.get(service.name) ?? { signingName: service.signingName, operations: [] };
    entry.operations.push(...Object.keys(service.operations));
    out.set(service.name, entry);
  }
  for (const entry of out.values()) entry.operations.sort();
  return out;
}

describe("emulator: README's list of served operations", function () {
  const emulator = useEmulator();

  it("matches the dispatch tables exactly", () => {
    const readme = servedInReadme();
    const actual = servedByEmulator();
    assert.deepEqual([...readme.keys()].sort(), [...actual.keys()].sort(), "one README row per emulated service");
    for (const [name, entry] of actual) {
      assert.deepEqual(readme.get(name), entry, `README row of ${name}`);
    }
  });

  it("names as not served only operations that are not, and they answer UnknownOperationException", async () => {
    const sentence = /\*\*What it serves\*\* \(every other operation, ([^)]*)\)/.exec(README)?.[1];
    assert.ok(sentence, "README does not say what is not served");
    const named = [...sentence.matchAll(/`(\w+)`/g)].map((m) => m[1]).filter((op) => op !== "UnknownOperationException");
    const served = new Set([...servedByEmulator().values()].flatMap((e) => e.operations));
    for (const op of named) assert.ok(!served.has(op), `${op} is served, yet the README says it is not`);
    assert.deepEqual(named.sort(), ["CreateApplication", "CreateLag", "DescribeDomain", "DescribeLags", "ListApplications"].sort());

    const os = osClient(emulator(), { maxAttempts: 1 });
    const dx = dxClient(emulator(), { maxAttempts: 1 });
    const calls = [
      os.send(new ListApplicationsCommand({})),
      os.send(new CreateApplicationCommand({ name: "not-here" })),
      os.send(new DescribeDomainCommand({ DomainName: "app-logs" })),
      dx.send(new DescribeLagsCommand({})),
      dx.send(new CreateLagCommand({ numberOfConnections: 1, location: "EqDC2", connectionsBandwidth: "1Gbps", lagName: "no" })),
    ];
    for (const call of calls) {
      const err = await rejection(call);
      assert.equal(err.name, "UnknownOperationException", err.message);
    }
  });
});
