import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * Bad inputs, each rejected by check with the field path and the rule, and by create before any AWS call: the emulator
 * (which every client in this process points at) must see zero requests.
 */
const KIND = "directconnect:Connection";
const GOOD = { location: "EqDC2", bandwidth: "10Gbps", connectionName: "edge-1" };

interface Case { name: string; inputs: Record<string, unknown>; property: string; rule: RegExp }

const manyTags = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

const CASES: Case[] = [
  { name: "missing location", inputs: { bandwidth: "10Gbps", connectionName: "a" }, property: "location", rule: /is required/ },
  { name: "missing bandwidth", inputs: { location: "EqDC2", connectionName: "a" }, property: "bandwidth", rule: /is required/ },
  { name: "missing connectionName", inputs: { location: "EqDC2", bandwidth: "10Gbps" }, property: "connectionName", rule: /is required/ },
  { name: "bandwidth with a space", inputs: { ...GOOD, bandwidth: "10 Gbps" }, property: "bandwidth", rule: /whole number of Gbps/ },
  { name: "bandwidth in Mbps (hosted speeds)", inputs: { ...GOOD, bandwidth: "500Mbps" }, property: "bandwidth", rule: /whole number of Gbps/ },
  { name: "bandwidth lower-case unit", inputs: { ...GOOD, bandwidth: "10gbps" }, property: "bandwidth", rule: /whole number of Gbps/ },
  { name: "bandwidth as a number", inputs: { ...GOOD, bandwidth: 10 }, property: "bandwidth", rule: /must be a string; got a number$/ },
  { name: "location with a space", inputs: { ...GOOD, location: "Eq DC2" }, property: "location", rule: /location code/ },
  { name: "empty connectionName", inputs: { ...GOOD, connectionName: "" }, property: "connectionName", rule: /1 to 100 characters/ },
  { name: "connectionName too long", inputs: { ...GOOD, connectionName: "x".repeat(101) }, property: "connectionName", rule: /1 to 100 characters long; got 101/ },
  { name: "malformed lagId", inputs: { ...GOOD, lagId: "lag-123" }, property: "lagId", rule: /LAG id/ },
  { name: "empty providerName", inputs: { ...GOOD, providerName: "" }, property: "providerName", rule: /1 to 100 characters/ },
  { name: "requestMACSec as a string", inputs: { ...GOOD, requestMACSec: "yes" }, property: "requestMACSec", rule: /must be a boolean/ },
  { name: "MACsec at 1Gbps", inputs: { ...GOOD, bandwidth: "1Gbps", requestMACSec: true }, property: "requestMACSec", rule: /only on 10Gbps connections and faster/ },
  { name: "unknown encryption mode", inputs: { ...GOOD, requestMACSec: true, encryptionMode: "aes256" }, property: "encryptionMode", rule: /one of no_encrypt, should_encrypt, must_encrypt/ },
  { name: "encryption mode without MACsec", inputs: { ...GOOD, encryptionMode: "must_encrypt" }, property: "encryptionMode", rule: /set requestMACSec: true/ },
  { name: "too many tags (AWS's 50 less the provider's two)", inputs: { ...GOOD, tags: manyTags(49) }, property: "tags", rule: /at most 48 entries \(AWS allows 50 tags.*; got 49/ },
  { name: "tag key too long (shown cut)", inputs: { ...GOOD, tags: { ["k".repeat(129)]: "v" } }, property: `tags.${"k".repeat(64)}…(129 characters)`, rule: /key must be 1 to 128 characters long; got 129/ },
  { name: "empty tag key", inputs: { ...GOOD, tags: { "": "v" } }, property: 'tags.""', rule: /key must be 1 to 128 characters long; got 0/ },
  { name: "tag key with #", inputs: { ...GOOD, tags: { "cost#center": "v" } }, property: "tags.cost#center", rule: /^key may contain only letters, numbers, spaces and _ \. : \/ = \+ - @$/ },
  { name: "tag key with <>", inputs: { ...GOOD, tags: { "<team>": "v" } }, property: "tags.<team>", rule: /key may contain only/ },
  { name: "tag key with a newline (escaped in the path)", inputs: { ...GOOD, tags: { "a\nb": "v" } }, property: 'tags."a\\nb"', rule: /key may contain only/ },
  { name: "tag value with #", inputs: { ...GOOD, tags: { team: "net#work" } }, property: "tags.team", rule: /^value may contain only letters, numbers, spaces and/ },
  { name: "tag value with <>", inputs: { ...GOOD, tags: { team: "<b>" } }, property: "tags.team", rule: /value may contain only/ },
  { name: "tag value with a newline", inputs: { ...GOOD, tags: { team: "net\nwork" } }, property: "tags.team", rule: /value may contain only/ },
  { name: "tag value with an emoji", inputs: { ...GOOD, tags: { team: "network 🚀" } }, property: "tags.team", rule: /value may contain only/ },
  { name: "tag key with an emoji", inputs: { ...GOOD, tags: { "🚀": "v" } }, property: "tags.🚀", rule: /key may contain only/ },
  { name: "tag value of 257 code points (non-ASCII letters)", inputs: { ...GOOD, tags: { team: "é".repeat(257) } }, property: "tags.team", rule: /at most 256 characters long; got 257/ },
  { name: "tag key with AWS: in capitals", inputs: { ...GOOD, tags: { "AWS:owner": "me" } }, property: "tags.AWS:owner", rule: /AWS reserves/ },
  { name: "tag value too long", inputs: { ...GOOD, tags: { team: "v".repeat(257) } }, property: "tags.team", rule: /at most 256 characters/ },
  { name: "tag key with aws: prefix", inputs: { ...GOOD, tags: { "aws:owner": "me" } }, property: "tags.aws:owner", rule: /AWS reserves/ },
  { name: "tag key of ours", inputs: { ...GOOD, tags: { "pulumi-aws-connections:create-token": "x" } }, property: "tags.pulumi-aws-connections:create-token", rule: /safe to retry/ },
  { name: "tag value not a string", inputs: { ...GOOD, tags: { team: 5 } }, property: "tags.team", rule: /must be a string/ },
  { name: "tags as a list", inputs: { ...GOOD, tags: ["a"] }, property: "tags", rule: /must be a map of strings/ },
  { name: "bad region", inputs: { ...GOOD, aws: { region: "useast1" } }, property: "aws.region", rule: /AWS region name/ },
  { name: "bad role ARN", inputs: { ...GOOD, aws: { roleArn: "role/admin" } }, property: "aws.roleArn", rule: /IAM role ARN/ },
  { name: "aws not an object", inputs: { ...GOOD, aws: "us-east-1" }, property: "aws", rule: /must be an object/ },
  { name: "unknown aws setting (credentials are never inputs)", inputs: { ...GOOD, aws: { secretAccessKey: "x" } }, property: "aws.secretAccessKey", rule: /is not a field of aws/ },
  { name: "timeout not a duration", inputs: { ...GOOD, timeouts: { create: "10 minutes" } }, property: "timeouts.create", rule: /duration such as/ },
  { name: "misspelt input", inputs: { ...GOOD, bandwith: "10Gbps" }, property: "bandwith", rule: /is not an input of directconnect.Connection/ },
  { name: "a computed output set as an input", inputs: { ...GOOD, connectionId: "dxcon-12345678" }, property: "connectionId", rule: /is an output computed by AWS/ },
  { name: "unknown field inside aws", inputs: { ...GOOD, aws: { regoin: "us-east-1" } }, property: "aws.regoin", rule: /is not a field of aws; known fields: region/ },
  { name: "waitForAvailable as a string", inputs: { ...GOOD, waitForAvailable: "true" }, property: "waitForAvailable", rule: /must be a boolean/ },
];

describe("directconnect.Connection check table", function () {
  const world = useEmulatorEnvironment();

  for (const c of CASES) {
    it(`rejects ${c.name}: ${c.property}`, async () => {
      const { failures } = await provider.check(KIND, {}, c.inputs);
      const failure = failures.find((f) => f.property === c.property);
      assert.ok(failure, `expected a failure for ${c.property}, got ${JSON.stringify(failures)}`);
      assert.match(failure.reason, c.rule);
      await assert.rejects(provider.create(KIND, c.inputs), (error: Error) => error.name === "InputError" && error.message.includes(`${c.property}:`));
    });
  }

  it("made zero AWS requests for all of the above", async () => {
    assert.equal(CASES.length >= 20, true);
    assert.deepEqual(await world.emulator.control.log(), []);
  });

  it("accepts what AWS's tag pattern allows: letters of any script, numbers, spaces and _ . : / = + - @, counted as code points", async () => {
    const tags = {
      "Équipe réseau": "日本語 ネットワーク",
      "cost-center_2/a.b:c=d+e@f": "",
      // 128 and 256 code points, of two UTF-16 units each: fits, because AWS counts characters, not units.
      ["𝒜".repeat(128)]: "𝒜".repeat(256),
      team: "x".repeat(256),
    };
    const { failures } = await provider.check(KIND, {}, { ...GOOD, tags });
    assert.deepEqual(failures, []);
    const { failures: tooMany } = await provider.check(KIND, {}, { ...GOOD, tags: { ["𝒜".repeat(129)]: "v" } });
    assert.match(tooMany[0]?.reason ?? "", /got 129/);
  });

  it("reports every violated rule at once", async () => {
    const { failures } = await provider.check(KIND, {}, { location: "Eq DC2", bandwidth: "1Gbps", requestMACSec: true, encryptionMode: "x", tags: { "aws:a": "b" } });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["connectionName", "encryptionMode", "location", "requestMACSec", "tags.aws:a"]);
  });

  it("accepts unknown values anywhere during preview and skips rules that read them", async () => {
    const { failures } = await provider.check(KIND, {}, { location: UNKNOWN, bandwidth: UNKNOWN, connectionName: UNKNOWN, requestMACSec: true, encryptionMode: UNKNOWN, tags: { a: UNKNOWN }, aws: { region: UNKNOWN } });
    assert.deepEqual(failures, []);
  });

  it("still judges the known keys of a map whose other values are unknown", async () => {
    const { failures } = await provider.check(KIND, {}, { ...GOOD, tags: { team: UNKNOWN, "aws:x": "y" } });
    assert.deepEqual(failures.map((f) => f.property), ["tags.aws:x"]);
  });

  it("fills in defaults and keeps __provider", async () => {
    const { inputs, failures } = await provider.check(KIND, {}, { ...GOOD, __provider: "text" });
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, { ...GOOD, __provider: "text", requestMACSec: false, waitForAvailable: false });
  });
});
