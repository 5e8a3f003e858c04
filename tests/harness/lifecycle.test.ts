// The lifecycle harness, exercised on tests/fixtures/harness: two dynamic resources A and B (B.ref = A.id) backed by a
// fake cloud (a JSON file with a call log). The `it`s run in order over one stack.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Writable } from "stream";
import { LocalStack, SECRET_SIG, SIG_KEY, UNKNOWN, type OperationResult, type StateResource } from "../../harness";

const programDir = path.resolve(__dirname, "..", "fixtures", "harness");

class Capture extends Writable {
  text = "";
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: () => void): void {
    this.text += chunk.toString();
    cb();
  }
}

interface Cloud {
  seq: number;
  objects: Record<string, { label: string; size: number; ref: string | null }>;
  log: string[];
  failDelete?: string[];
}

describe("lifecycle harness (fixture program)", function () {
  this.timeout(60_000);
  let dir: string;
  let stateFile: string;
  let cloudFile: string;
  const config: Record<string, string> = {};
  let out: Capture;

  const stack = (skipPreview = true) => {
    out = new Capture();
    return new LocalStack({
      programDir,
      stateFile,
      env: { HARNESS_FIXTURE_CLOUD: cloudFile },
      config,
      out,
      skipPreview,
    });
  };
  const cloud = (): Cloud => JSON.parse(fs.readFileSync(cloudFile, "utf8")) as Cloud;
  const logSince = (n: number) => cloud().log.slice(n);
  const state = () => new LocalStack({ programDir, stateFile }).readState();
  const res = (name: string): StateResource | undefined => state().resources.find((r) => r.urn.endsWith(`::${name}`));
  const step = (r: OperationResult, name: string) => r.steps.find((s) => s.name === name && !s.physical);
  const expectOk = (r: OperationResult) => assert.ok(r.ok, `operation failed: ${r.error}\n${out.text}`);

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-test-"));
    stateFile = path.join(dir, "state.json");
    cloudFile = path.join(dir, "cloud.json");
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("previews a fresh stack: creates, with B's input unknown, and changes nothing", async () => {
    const r = await stack().preview();
    expectOk(r);
    assert.deepEqual(
      r.steps.map((s) => [s.name, s.op]),
      [
        ["harness-fixture-dev", "create"],
        ["a", "create"],
        ["b", "create"],
      ],
    );
    assert.equal(r.summary.create, 3);
    assert.equal(r.outputs.aId, UNKNOWN);
    assert.equal(r.outputs.bRef, UNKNOWN);
    assert.equal(r.outputs.aSize, 1, "the provider's check default is visible in a preview");
    assert.match(out.text, /^Previewing update \(dev\):/);
    assert.match(out.text, /\+ ref: \[unknown\]/);
    assert.match(out.text, /\+ 3 to create/);
    assert.ok(!fs.existsSync(stateFile), "a preview writes no state");
    assert.ok(!fs.existsSync(cloudFile), "a preview calls no Create");
  });

  it("up (preview first) creates A then B with A's id, and records both in state", async () => {
    const r = await stack(false).up();
    expectOk(r);
    assert.ok(r.preview?.ok);
    assert.match(out.text, /Previewing update \(dev\):[\s\S]*Updating \(dev\):/);
    assert.deepEqual(cloud().log, ["create thing-1 v1", "create thing-2 v1"]);
    assert.deepEqual(r.outputs, {
      aId: "thing-1",
      aStatus: "ready",
      aSize: 1,
      bRef: "thing-1",
      bStatus: "ready",
      secretLabel: "alpha",
    });
    const a = res("a")!;
    const b = res("b")!;
    assert.equal(a.id, "thing-1");
    assert.equal(a.inputs.size, 1);
    assert.equal(b.inputs.ref, "thing-1");
    assert.equal(typeof a.inputs.__provider, "string");
    assert.equal(a.outputs.__provider, a.inputs.__provider, "the host echoes the serialized provider into outputs");
    assert.deepEqual(b.propertyDependencies?.ref, [a.urn]);
    // A secret input reaches the provider in plain text but stays a secret in state (inputs and outputs).
    assert.deepEqual(a.inputs.note, { [SIG_KEY]: SECRET_SIG, value: "s3cr3t-note" });
    assert.deepEqual(a.outputs.note, { [SIG_KEY]: SECRET_SIG, value: "s3cr3t-note" });
    assert.match(out.text, /\+ note: \[secret\]/);
    assert.equal(state().resources[0].type, "pulumi:pulumi:Stack");
    assert.match(out.text, /\+ 3 created/);
  });

  it("up with no change: everything same, no Create/Update/Delete", async () => {
    const before = cloud().log.length;
    const r = await stack().up();
    expectOk(r);
    assert.equal(r.summary.same, 3);
    assert.deepEqual(logSince(before), []);
    assert.match(out.text, /3 unchanged/);
  });

  it("updates in place", async () => {
    config.label = "alpha2";
    const before = cloud().log.length;
    const r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "a")?.op, "update");
    assert.deepEqual(step(r, "a")?.diffKeys, ["label"]);
    assert.equal(step(r, "b")?.op, "same");
    assert.deepEqual(logSince(before), ["update thing-1 v1"]);
    assert.match(out.text, /~ label: "alpha" => "alpha2"/);
    assert.equal(res("a")!.outputs.label, "alpha2");
  });

  it("replaces create-before-delete: the new A exists before the old one is deleted", async () => {
    config.size = "2";
    const before = cloud().log.length;
    const r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "a")?.op, "replace");
    assert.deepEqual(step(r, "a")?.replaceKeys, ["size"]);
    assert.equal(step(r, "b")?.op, "update", "B follows A's new id in place");
    assert.deepEqual(logSince(before), ["create thing-3 v1", "update thing-2 v1", "delete thing-1 v1"]);
    assert.equal(res("a")!.id, "thing-3");
    assert.equal(res("b")!.inputs.ref, "thing-3");
    assert.ok(state().resources.every((x) => !x.pendingDelete));
    assert.match(out.text, /\+-\s+pulumi-nodejs:dynamic\/fixture:Thing {2}a {2}replaced {2}\[diff: ~size\]/);
    assert.match(out.text, /--\s+pulumi-nodejs:dynamic\/fixture:Thing {2}a {2}deleted original/);
  });

  it("replaces delete-before-replace when the provider asks for it", async () => {
    config.size = "3";
    config.dbr = "true";
    const before = cloud().log.length;
    const r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "a")?.op, "replace");
    assert.deepEqual(logSince(before), ["delete thing-3 v1", "create thing-4 v1", "update thing-2 v1"]);
    assert.equal(res("a")!.id, "thing-4");
  });

  it("deletes a dependent first when a delete-before-replace would replace it", async () => {
    config.bRefReplaces = "true";
    let r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "b")?.op, "update");

    config.size = "4";
    // In a preview, A's new id is unknown: B's immutable ref becomes unknown, so B is replaced too.
    r = await stack().preview();
    expectOk(r);
    assert.equal(step(r, "a")?.op, "replace");
    assert.equal(step(r, "b")?.op, "replace");

    const before = cloud().log.length;
    r = await stack().up();
    expectOk(r);
    assert.deepEqual(logSince(before), ["delete thing-2 v1", "delete thing-4 v1", "create thing-5 v1", "create thing-6 v1"]);
    assert.equal(step(r, "b")?.op, "replace");
    assert.deepEqual(step(r, "b")?.replaceKeys, ["ref"]);
    assert.equal(res("b")!.inputs.ref, "thing-5");
    assert.ok(state().resources.every((x) => !x.pendingReplacement && !x.pendingDelete));
  });

  it("deletes a resource removed from the program with the provider from its old state", async () => {
    config.providerVersion = "v2";
    config.omitB = "true";
    const before = cloud().log.length;
    const r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "a")?.op, "same", "Diff ignores __provider");
    assert.equal(step(r, "b")?.op, "delete");
    assert.deepEqual(logSince(before), ["delete thing-6 v1"]);
    assert.equal(res("b"), undefined);
    const a = res("a")!;
    assert.match(String(a.inputs.__provider), /providerVersion: "v2"/, "a same step keeps the new inputs");
    assert.match(String(a.outputs.__provider), /providerVersion: "v1"/, "and the old outputs");
  });

  it("keeps the id of a create that fails to initialize, then updates it on the next up", async () => {
    delete config.omitB;
    config.bFailInit = "true";
    let before = cloud().log.length;
    let r = await stack().up();
    assert.equal(r.ok, false);
    assert.match(r.error ?? "", /thing-7 did not become ready/);
    assert.match(r.error ?? "", /still initializing/);
    assert.deepEqual(logSince(before), ["create thing-7 v2"]);
    let b = res("b")!;
    assert.equal(b.id, "thing-7");
    assert.deepEqual(b.initErrors, ["still initializing"]);
    assert.equal(b.outputs.status, "initializing");
    assert.match(out.text, /error: /);

    before = cloud().log.length;
    r = await stack().up();
    expectOk(r);
    assert.equal(step(r, "b")?.op, "update", "an unchanged resource with init errors is updated");
    assert.deepEqual(logSince(before), ["update thing-7 v2"]);
    b = res("b")!;
    assert.equal(b.initErrors, undefined);
    assert.equal(b.outputs.status, "ready");
    delete config.bFailInit;
  });

  it("fails on check failures and changes nothing", async () => {
    config.label = "bad";
    const before = cloud().log.length;
    const r = await stack().up();
    assert.equal(r.ok, false);
    assert.equal(r.error, "urn:pulumi:dev::harness-fixture::pulumi-nodejs:dynamic/fixture:Thing::a: label: label must not be 'bad'");
    assert.deepEqual(logSince(before), []);
    config.label = "alpha2";
  });

  it("refresh drops what is gone and records drifted outputs", async () => {
    const c = cloud();
    delete c.objects["thing-7"];
    c.objects["thing-5"].label = "drifted";
    fs.writeFileSync(cloudFile, JSON.stringify(c));
    const r = await stack().refresh();
    expectOk(r);
    assert.equal(step(r, "b")?.op, "read-gone");
    assert.equal(step(r, "a")?.op, "refresh");
    assert.deepEqual(step(r, "a")?.diffKeys, ["label"]);
    assert.equal(res("b"), undefined);
    assert.equal(res("a")!.outputs.label, "drifted");
    assert.match(out.text, /^Refreshing \(dev\):/);

    // The next up sees the drift (Diff gets the refreshed outputs) and converges.
    const before = cloud().log.length;
    const u = await stack().up();
    expectOk(u);
    assert.equal(step(u, "a")?.op, "update");
    assert.equal(step(u, "b")?.op, "create");
    assert.deepEqual(logSince(before), ["update thing-5 v2", "create thing-8 v2"]);
  });

  it("keeps a replaced resource whose delete failed as pending-delete and deletes it on the next up", async () => {
    delete config.dbr;
    delete config.bRefReplaces;
    config.size = "5";
    const c = cloud();
    c.failDelete = ["thing-5"];
    fs.writeFileSync(cloudFile, JSON.stringify(c));
    let before = cloud().log.length;
    let r = await stack().up();
    assert.equal(r.ok, false);
    assert.match(r.error ?? "", /cannot delete thing-5 right now/);
    assert.deepEqual(logSince(before), ["create thing-9 v2", "update thing-8 v2", "delete-failed thing-5 v2"]);
    const pending = state().resources.filter((x) => x.pendingDelete);
    assert.deepEqual(pending.map((x) => x.id), ["thing-5"]);
    assert.equal(res("a")!.id, "thing-9");

    const c2 = cloud();
    delete c2.failDelete;
    fs.writeFileSync(cloudFile, JSON.stringify(c2));
    before = cloud().log.length;
    r = await stack().up();
    expectOk(r);
    assert.equal(r.summary.same, 3);
    assert.deepEqual(logSince(before), ["delete thing-5 v2"]);
    assert.ok(r.steps.some((s) => s.physical === "delete-replaced" && s.id === "thing-5"));
    assert.ok(state().resources.every((x) => !x.pendingDelete));
  });

  it("refuses resources that are not dynamic resources, with a clear error", async () => {
    config.foreign = "true";
    const r = await stack().preview();
    assert.equal(r.ok, false);
    assert.match(r.error ?? "", /drives only Node\.js dynamic resources .*'aws:s3\/bucket:Bucket' would need the 'aws' resource plugin/);
    delete config.foreign;
  });

  it("throws when the program itself crashes, with the program's error", async () => {
    config.crash = "true";
    await assert.rejects(stack().up(), /fixture program crashed on purpose/);
    delete config.crash;
  });

  it("destroy deletes everything in reverse order", async () => {
    const before = cloud().log.length;
    const r = await stack().destroy();
    expectOk(r);
    assert.deepEqual(logSince(before), ["delete thing-8 v2", "delete thing-9 v2"]);
    assert.deepEqual(state().resources, []);
    assert.deepEqual(cloud().objects, {});
    assert.match(out.text, /^Destroying \(dev\):/);
  });
});
