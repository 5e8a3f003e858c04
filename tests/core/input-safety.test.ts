import { strict as assert } from "assert";
import * as provider from "../../provider";
import type { FieldSet } from "../../provider/core/fields";
import { fieldsOf } from "../../provider/core/lifecycle";
import { specFor } from "../../provider/core/registry";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * No check failure and no InputError ever quotes an input value: the provider cannot tell a `pulumi.secret` from a plain
 * string, and a huge value must not make a huge message. A secret-looking value and a 100 KB value go into every field
 * of every kind (one at a time, then all at once so cross-field rules see them too); every message must name the
 * field, stay under a fixed size, and contain no part of the value longer than a few characters.
 */
const VALID: Record<string, Record<string, unknown>> = {
  "directconnect:Connection": { location: "EqDC2", bandwidth: "10Gbps", connectionName: "edge-1" },
  "opensearch:OutboundConnection": { localDomain: { domainName: "logs-east" }, remoteDomain: { domainName: "logs-west" }, connectionAlias: "east-to-west" },
  "elasticsearch:OutboundConnection": { sourceDomain: { domainName: "legacy-a" }, destinationDomain: { domainName: "legacy-b" }, connectionAlias: "a-to-b" },
  "opensearch:InboundConnectionAccepter": { connectionId: "cc-0123456789" },
  "elasticsearch:InboundConnectionAccepter": { connectionId: "cc-0123456789" },
  "opensearch:DataSourceAttachment": { applicationId: "logsapp01", dataSourceArn: "arn:aws:es:us-east-1:111111111111:domain/app-logs" },
};

/** Looks like a credential (and breaks most patterns: `#`, a space, `!`). */
const SECRET = "AKIAZ7Q3#wJalr XUtnFEMI/K7MDENG+bPxRfiCY!s3cr3t";
/** 100 KB of varied characters, deterministic, that no pattern accepts (it starts with a space, holds `#` and `<`). */
const HUGE = (() => {
  const alphabet = " #<abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:/";
  let seed = 7;
  let text = "";
  while (text.length < 100_000) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += alphabet[seed % alphabet.length];
  }
  return text;
})();

/** A message may be this long at most, whatever the value (a list of known inputs is the longest part). */
const MAX_MESSAGE = 1_000;
/** A run of this many characters of the value found in a message counts as echoing it. */
const WINDOW = 10;

function windowsOf(value: string): Set<string> {
  const windows = new Set<string>();
  for (let i = 0; i + WINDOW <= value.length; i++) windows.add(value.slice(i, i + WINDOW));
  return windows;
}
const WINDOWS = new Map([SECRET, HUGE].map((value) => [value, windowsOf(value)]));

function assertNoEcho(message: string, value: string, where: string): void {
  assert.ok(message.length <= MAX_MESSAGE, `${where}: a message of ${message.length} characters: ${message.slice(0, 300)}…`);
  const windows = WINDOWS.get(value)!;
  for (let i = 0; i + WINDOW <= message.length; i++) {
    const part = message.slice(i, i + WINDOW);
    assert.ok(!windows.has(part), `${where}: the message echoes the value ("${part}"): ${message}`);
  }
}

type Leaf = { path: string[]; type: string };

/** Every field, nested ones included (objects are also fed the value whole). */
function leavesOf(fields: FieldSet, prefix: string[] = []): Leaf[] {
  const leaves: Leaf[] = [];
  for (const [name, field] of Object.entries(fields)) {
    const path = [...prefix, name];
    leaves.push({ path, type: field.type });
    if (field.type === "object") leaves.push(...leavesOf(field.fields, path));
  }
  return leaves;
}

function withValue(base: Record<string, unknown>, path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  if (rest.length === 0) return { ...base, [head]: value };
  const inner = base[head];
  return { ...base, [head]: withValue(inner !== null && typeof inner === "object" ? (inner as Record<string, unknown>) : {}, rest, value) };
}

/** Check's failures and create's InputError, as one text per message. */
async function messagesFor(kind: string, inputs: Record<string, unknown>): Promise<{ failures: Array<{ property: string; reason: string }>; texts: string[] }> {
  const { failures } = await provider.check(kind, {}, inputs);
  const texts = failures.map((f) => `${f.property}: ${f.reason}`);
  if (failures.length > 0) {
    // Create validates again before any AWS call; its error lists every failure, so it is bounded per failure.
    const error = await provider.create(kind, inputs).then(
      () => assert.fail(`${kind}: create accepted inputs that check rejected`),
      (e: Error) => e,
    );
    assert.equal(error.name, "InputError");
    for (const line of error.message.split("\n")) texts.push(line);
  }
  return { failures, texts };
}

describe("no input value in any check or InputError message, for every field of every kind", function () {
  const world = useEmulatorEnvironment();

  for (const kind of Object.keys(VALID)) {
    const leaves = leavesOf(fieldsOf(specFor(kind)));

    for (const [label, value] of [["a secret-looking value", SECRET], ["a 100 KB value", HUGE]] as const) {
      it(`${kind}: ${label} in each field, one at a time`, async () => {
        for (const leaf of leaves) {
          // A map gets the value as an entry's value; strings, booleans and objects get it as they are.
          const fed = leaf.type === "stringMap" ? { team: value } : value;
          const { failures, texts } = await messagesFor(kind, withValue(VALID[kind], leaf.path, fed));
          const field = leaf.path.join(".");
          for (const text of texts) assertNoEcho(text, value, `${kind} ${field}`);
          if (value === HUGE) {
            // Every field has a length, pattern or type rule that 100 KB of this breaks.
            assert.ok(
              failures.some((f) => f.property === field || f.property.startsWith(`${field}.`)),
              `${kind} ${field}: no failure names the field: ${JSON.stringify(failures)}`,
            );
          }
        }
      });

      it(`${kind}: ${label} in every field at once (cross-field rules see it too)`, async () => {
        let inputs = VALID[kind];
        for (const leaf of leaves) {
          if (leaf.type === "object") continue;
          inputs = withValue(inputs, leaf.path, leaf.type === "stringMap" ? { team: value } : value);
        }
        const { failures, texts } = await messagesFor(kind, inputs);
        assert.ok(failures.length > 0);
        for (const text of texts) assertNoEcho(text, value, `${kind} (all fields)`);
      });
    }

    it(`${kind}: a 100 KB map key or unknown input name is shown cut, not whole`, async () => {
      const mapField = leaves.find((leaf) => leaf.type === "stringMap");
      const cases = [withValue(VALID[kind], [HUGE], "x")];
      if (mapField) cases.push(withValue(VALID[kind], mapField.path, { [HUGE]: "v" }));
      for (const inputs of cases) {
        const { failures, texts } = await messagesFor(kind, inputs);
        assert.ok(failures.length > 0);
        for (const text of texts) {
          assert.ok(text.length <= MAX_MESSAGE, `${kind}: a message of ${text.length} characters`);
          // The first characters name the key; the rest of it never shows.
          assert.ok(!text.includes(HUGE.slice(100, 100 + WINDOW * 4)), `${kind}: the key is shown whole: ${text.slice(0, 300)}`);
        }
        assert.ok(failures.some((f) => /…\(100000 characters\)/.test(f.property)), JSON.stringify(failures.map((f) => f.property)));
      }
    });
  }

  it("the external id of a role (the brief's case) fails its pattern by name, with the value nowhere", async () => {
    const inputs = { ...VALID["opensearch:OutboundConnection"], acceptWith: { roleArn: "arn:aws:iam::222222222222:role/x", externalId: SECRET } };
    const { failures, texts } = await messagesFor("opensearch:OutboundConnection", inputs);
    assert.deepEqual(failures.map((f) => f.property), ["acceptWith.externalId"]);
    assert.match(failures[0].reason, /^must be made of letters, digits and/);
    for (const text of texts) assertNoEcho(text, SECRET, "acceptWith.externalId");
  });

  it("made no AWS request", async () => {
    assert.deepEqual(await world.emulator.control.log(), []);
  });
});
