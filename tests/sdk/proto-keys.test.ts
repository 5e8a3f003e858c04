import { strict as assert } from "assert";
import { execFileSync } from "child_process";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { directconnect, opensearch } from "../../sdk";

/**
 * An own "__proto__" key in an input (what JSON.parse of a config file makes) is refused by the SDK classes before the
 * resource is registered, naming the field and the rule, never the value: @pulumi/pulumi's serialization would turn the
 * key into the object's prototype (sdk/core/proto-keys.ts). The mocks record every registration: a refused resource
 * must make none.
 */
const registered: { type: string; name: string; inputs: Record<string, unknown> }[] = [];
pulumi.runtime.setMocks(
  {
    newResource: async (args) => {
      registered.push({ type: args.type, name: args.name, inputs: args.inputs });
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: async () => ({}),
  },
  "project",
  "stack",
  false,
);

const SECRET_OWNER = "999999999999";
/** What a program reads from its config file: JSON whose shape it trusts. */
function parsed<T = Record<string, unknown>>(text: string): T {
  const value: T = JSON.parse(text);
  return value;
}

function refused(make: () => unknown, field: string): Error {
  const before = registered.length;
  let caught: unknown;
  try {
    make();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof Error, `the constructor threw nothing for ${field}`);
  assert.ok(caught.message.includes(`: ${field}: `), `the message names ${field}: ${caught.message}`);
  assert.ok(!caught.message.includes(SECRET_OWNER), `the message echoes a value: ${caught.message}`);
  assert.equal(registered.length, before, "nothing was registered");
  return caught;
}

describe("SDK classes refuse own __proto__ keys in inputs", () => {
  it("the fixture really has own __proto__ keys (as JSON.parse makes them)", () => {
    const domain = parsed(`{"domainName": "app-logs", "__proto__": {"ownerId": "${SECRET_OWNER}"}}`);
    assert.ok(Object.prototype.hasOwnProperty.call(domain, "__proto__"));
    assert.ok(Object.getOwnPropertyNames(domain).includes("__proto__"));
  });

  it("at the top level: refused, naming the field and the resource", () => {
    const args = parsed('{"location": "EqDC2", "bandwidth": "1Gbps", "connectionName": "edge", "__proto__": {"lagId": "dxlag-ffabc123"}}');
    const error = refused(() => new directconnect.Connection("edge", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "edge", ...args }), "__proto__");
    assert.match(error.message, /^directconnect\.Connection "edge": __proto__: /);
    assert.match(error.message, /serialization of inputs cannot carry a key named "__proto__"/);
  });

  it("nested (localDomain): refused before registering, so the owner id never reaches AWS", () => {
    const localDomain = parsed(`{"domainName": "app-logs", "__proto__": {"ownerId": "${SECRET_OWNER}"}}`);
    const error = refused(
      () => new opensearch.OutboundConnection("logs", { localDomain: { domainName: "app-logs", ...localDomain }, remoteDomain: { domainName: "partner-logs" }, connectionAlias: "partner" }),
      "localDomain.__proto__",
    );
    assert.match(error.message, /^opensearch\.OutboundConnection "logs": localDomain\.__proto__: /);
  });

  it("a tag key __proto__: refused, saying that AWS allows it but Pulumi's serialization cannot carry it", () => {
    const tags = parsed<Record<string, string>>('{"team": "network", "__proto__": "kept"}');
    const error = refused(() => new directconnect.Connection("tagged", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "tagged", tags: { ...tags } }), "tags.__proto__");
    assert.match(error.message, /AWS accepts "__proto__" as a tag key, but Pulumi's serialization of inputs cannot carry a key named "__proto__"/);
    assert.match(error.message, /use another tag key/);
    assert.ok(!error.message.includes("kept"), "the tag's value is not echoed");
  });

  it("an object that inherits from a plain object (a __proto__ key after Object.assign): refused, naming the field", () => {
    const copied = Object.assign({}, parsed<{ domainName: string }>(`{"domainName": "app-logs", "__proto__": {"ownerId": "${SECRET_OWNER}"}}`));
    assert.ok(!Object.prototype.hasOwnProperty.call(copied, "__proto__"), "the copy has no own key left");
    const error = refused(
      () => new opensearch.OutboundConnection("copied", { localDomain: { domainName: "app-logs" }, remoteDomain: copied, connectionAlias: "partner" }),
      "remoteDomain",
    );
    assert.match(error.message, /inherits fields from another plain object/);
  });

  it("a normal input still passes, as it was given", async () => {
    const before = registered.length;
    const connection = new opensearch.OutboundConnection("plain", {
      localDomain: { domainName: "app-logs", ownerId: pulumi.output("111111111111") },
      remoteDomain: pulumi.output({ domainName: "partner-logs", region: "us-west-2" }),
      connectionAlias: "partner",
      acceptWith: { profile: "partner" },
    });
    await new Promise<void>((resolve) => connection.urn.apply(() => resolve()));
    assert.equal(registered.length, before + 1);
    const { inputs } = registered[before];
    assert.deepEqual(inputs.localDomain, { domainName: "app-logs", ownerId: "111111111111" });
    assert.deepEqual(inputs.remoteDomain, { domainName: "partner-logs", region: "us-west-2" });
    assert.deepEqual(inputs.acceptWith, { profile: "partner" });
    assert.equal(inputs.connectionAlias, "partner");
  });
});

/**
 * A value that arrives later (inside an Output or a promise) is checked when it resolves, before it is serialized: the
 * registration fails with the message, and no resource is registered. Run in a child process, as a program would be:
 * the failed registration rejects every output of the resource, which this process's test runner would count as
 * unhandled rejections.
 */
describe("SDK classes refuse __proto__ keys that arrive inside Outputs", function () {

  const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const registered = [];
pulumi.runtime.setMocks({ newResource: async (args) => { registered.push(args.name); return { id: "x", state: args.inputs }; }, call: async () => ({}) }, "p", "s", false);
process.on("unhandledRejection", () => {});
const { opensearch, directconnect } = require("./sdk");
const parse = (text) => JSON.parse(text);
const results = {};
const outcome = (name, output) => output.promise().then(() => "registered", (e) => e.message).then((m) => (results[name] = m));
const domain = '{"domainName": "app-logs", "__proto__": {"ownerId": "${SECRET_OWNER}"}}';
const waits = [
  outcome("applied", new opensearch.OutboundConnection("applied", { localDomain: pulumi.output("x").apply(() => parse(domain)), remoteDomain: { domainName: "b" }, connectionAlias: "a" }).urn),
  outcome("secret", new opensearch.OutboundConnection("secret", { localDomain: pulumi.secret(parse(domain)), remoteDomain: { domainName: "b" }, connectionAlias: "a" }).urn),
  outcome("tags", new directconnect.Connection("tags", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "n", tags: pulumi.output("x").apply(() => parse('{"__proto__": "v"}')) }).urn),
  outcome("plain", new directconnect.Connection("plain", { location: "EqDC2", bandwidth: "1Gbps", connectionName: "n", tags: pulumi.output({ team: "network" }) }).urn),
];
Promise.all(waits).then(() => process.stdout.write(JSON.stringify({ results, registered })));
`;

  it("the registration fails naming the field; only the clean resource is registered", () => {
    const text = execFileSync(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", PROGRAM], {
      cwd: path.resolve(__dirname, "../.."),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { results, registered: names } = JSON.parse(text) as { results: Record<string, string>; registered: string[] };
    assert.deepEqual(names, ["plain"]);
    assert.equal(results.plain, "registered");
    assert.match(results.applied, /opensearch\.OutboundConnection "applied": localDomain\.__proto__: .*cannot carry a key named "__proto__"/);
    // pulumi.secret copied the value by assignment: the key became the copy's prototype before this package saw it.
    assert.match(results.secret, /opensearch\.OutboundConnection "secret": localDomain: this object inherits fields from another plain object/);
    assert.match(results.tags, /directconnect\.Connection "tags": tags\.__proto__: AWS accepts "__proto__" as a tag key/);
    for (const message of Object.values(results)) assert.ok(!message.includes(SECRET_OWNER), `a value is echoed: ${message}`);
  });
});
