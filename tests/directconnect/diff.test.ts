import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";

/** Every input field × {unchanged, changed, unknown} → none / update / replace, through the provider entry point. */
const KIND = "directconnect:Connection";
const OLD_INPUTS = {
  location: "EqDC2",
  bandwidth: "10Gbps",
  connectionName: "edge-1",
  lagId: "dxlag-ffabc123",
  providerName: "Equinix",
  requestMACSec: true,
  encryptionMode: "should_encrypt",
  tags: { team: "net" },
  waitForAvailable: false,
  aws: { region: "us-east-1", profile: "ops", roleArn: "arn:aws:iam::111111111111:role/a", externalId: "ext-1", endpoint: "http://127.0.0.1:4566" },
  timeouts: { create: "10m", update: "5m", delete: "5m" },
};
// Old outputs echo the inputs and add computed fields and the engine's __provider.
const OLD_OUTPUTS = { ...OLD_INPUTS, __provider: "exports.handler = ...", connectionId: "dxcon-abcd1234", connectionState: "requested", arn: "arn:aws:directconnect:us-east-1:111111111111:dxcon/dxcon-abcd1234" };

type Expect = "none" | "update" | "replace";
interface Row { field: string; changed: unknown; onChange: Expect; onUnknown: Expect }

const ROWS: Row[] = [
  { field: "location", changed: "EqSe2", onChange: "replace", onUnknown: "replace" },
  { field: "bandwidth", changed: "100Gbps", onChange: "replace", onUnknown: "replace" },
  { field: "connectionName", changed: "edge-2", onChange: "update", onUnknown: "update" },
  { field: "lagId", changed: "dxlag-00000000", onChange: "replace", onUnknown: "replace" },
  { field: "providerName", changed: "Megaport", onChange: "replace", onUnknown: "replace" },
  { field: "requestMACSec", changed: false, onChange: "replace", onUnknown: "replace" },
  { field: "encryptionMode", changed: "must_encrypt", onChange: "update", onUnknown: "update" },
  { field: "tags", changed: { team: "platform" }, onChange: "update", onUnknown: "update" },
  { field: "waitForAvailable", changed: true, onChange: "update", onUnknown: "update" },
  { field: "aws.region", changed: "us-west-2", onChange: "replace", onUnknown: "replace" },
  { field: "aws.profile", changed: "other", onChange: "update", onUnknown: "update" },
  { field: "aws.roleArn", changed: "arn:aws:iam::111111111111:role/b", onChange: "update", onUnknown: "update" },
  { field: "aws.externalId", changed: "ext-2", onChange: "update", onUnknown: "update" },
  { field: "aws.endpoint", changed: "http://127.0.0.1:4567", onChange: "update", onUnknown: "update" },
  { field: "timeouts.create", changed: "20m", onChange: "update", onUnknown: "update" },
  { field: "timeouts.delete", changed: "1h", onChange: "update", onUnknown: "update" },
  { field: "adoptId", changed: "dxcon-zzzz9999", onChange: "replace", onUnknown: "replace" },
];

function withField(path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(OLD_INPUTS)) as Record<string, unknown>;
  const [head, tail] = path.split(".");
  if (tail) (copy[head] as Record<string, unknown>)[tail] = value;
  else copy[head] = value;
  return copy;
}

async function classify(news: Record<string, unknown>): Promise<{ kind: Expect; replaces: string[] }> {
  const result = await provider.diff(KIND, "dxcon-abcd1234", OLD_OUTPUTS, { ...news, __provider: "exports.handler = ... (new text)" });
  assert.equal(typeof result.changes, "boolean", "diff must always say changes true or false");
  if (result.replaces.length > 0) return { kind: "replace", replaces: result.replaces };
  return { kind: result.changes ? "update" : "none", replaces: [] };
}

describe("directconnect.Connection diff table", () => {
  it("unchanged inputs (with a new __provider text and old computed outputs) mean no changes", async () => {
    assert.deepEqual(await classify(OLD_INPUTS), { kind: "none", replaces: [] });
  });

  for (const row of ROWS) {
    const top = row.field.split(".")[0];
    it(`${row.field}: unchanged → none`, async () => {
      const inputs = OLD_INPUTS as Record<string, unknown>;
      const original = row.field.includes(".") ? (inputs[top] as Record<string, unknown>)[row.field.split(".")[1]] : inputs[row.field];
      assert.equal((await classify(withField(row.field, original ?? undefined))).kind, "none");
    });
    it(`${row.field}: changed → ${row.onChange}`, async () => {
      const result = await classify(withField(row.field, row.changed));
      assert.equal(result.kind, row.onChange);
      if (row.onChange === "replace") assert.deepEqual(result.replaces, [top]);
    });
    it(`${row.field}: unknown (preview) → ${row.onUnknown}`, async () => {
      assert.equal((await classify(withField(row.field, UNKNOWN))).kind, row.onUnknown);
    });
  }

  it("a wholly unknown aws object may hide a region change → replace", async () => {
    assert.equal((await classify({ ...OLD_INPUTS, aws: UNKNOWN })).kind, "replace");
  });
  it("an unknown tag value → update", async () => {
    assert.equal((await classify({ ...OLD_INPUTS, tags: { team: UNKNOWN } })).kind, "update");
  });
  it("removing optional in-place fields → update; dropping adoptId that named this object → update", async () => {
    const { tags: _tags, ...withoutTags } = OLD_INPUTS;
    assert.equal((await classify(withoutTags)).kind, "update");
    const adopted = { ...OLD_OUTPUTS, adoptId: "dxcon-abcd1234" };
    const result = await provider.diff(KIND, "dxcon-abcd1234", adopted, { ...OLD_INPUTS });
    assert.deepEqual(result, { changes: true, replaces: [], deleteBeforeReplace: false });
  });
  it("adoptId equal to the current id → none", async () => {
    const adopted = { ...OLD_OUTPUTS, adoptId: "dxcon-abcd1234" };
    const result = await provider.diff(KIND, "dxcon-abcd1234", adopted, { ...OLD_INPUTS, adoptId: "dxcon-abcd1234" });
    assert.equal(result.changes, false);
  });
  it("a default left implicit equals the default made explicit (requestMACSec false, waitForAvailable false)", async () => {
    const olds = { ...OLD_OUTPUTS, requestMACSec: undefined, encryptionMode: undefined, waitForAvailable: undefined };
    const result = await provider.diff(KIND, "dxcon-abcd1234", olds, { ...OLD_INPUTS, requestMACSec: false, encryptionMode: undefined, waitForAvailable: false });
    assert.equal(result.changes, false);
  });
  describe("the region the connection lives in (recorded as the `region` output)", () => {
    const made = { ...OLD_OUTPUTS, aws: {}, region: "us-east-1" };
    const inputs = { ...OLD_INPUTS, aws: {} };
    it("aws.region left unset keeps the connection where it is → none", async () => {
      assert.equal((await provider.diff(KIND, "dxcon-abcd1234", made, inputs)).changes, false);
    });
    it("an explicit aws.region equal to where it is → none", async () => {
      assert.equal((await provider.diff(KIND, "dxcon-abcd1234", made, { ...inputs, aws: { region: "us-east-1" } })).changes, false);
    });
    it("an explicit aws.region elsewhere → replace", async () => {
      assert.deepEqual((await provider.diff(KIND, "dxcon-abcd1234", made, { ...inputs, aws: { region: "us-west-2" } })).replaces, ["aws"]);
    });
    it("removing an explicit aws.region keeps the connection where it is → none", async () => {
      const explicit = { ...OLD_OUTPUTS, aws: { region: "us-east-1" }, region: "us-east-1" };
      assert.equal((await provider.diff(KIND, "dxcon-abcd1234", explicit, inputs)).changes, false);
    });
  });

  it("a replacement while adoptId still names this connection is refused (it would adopt, then delete, the same one)", async () => {
    const adopted = { ...OLD_OUTPUTS, adoptId: "dxcon-abcd1234" };
    await assert.rejects(
      provider.diff(KIND, "dxcon-abcd1234", adopted, { ...withField("bandwidth", "100Gbps"), adoptId: "dxcon-abcd1234" }),
      /adoptId: remove adoptId before changing bandwidth/,
    );
  });

  it("replacement of a connection is create-before-delete (a new id can coexist with the old)", async () => {
    const result = await provider.diff(KIND, "dxcon-abcd1234", OLD_OUTPUTS, withField("bandwidth", "100Gbps"));
    assert.equal(result.deleteBeforeReplace, false);
  });
});
