import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { AcceptInboundConnectionCommand, CreateOutboundConnectionCommand, DeleteOutboundConnectionCommand, RejectInboundConnectionCommand } from "@aws-sdk/client-opensearch";
import { CreateOutboundCrossClusterSearchConnectionCommand } from "@aws-sdk/client-elasticsearch-service";
import { DEFAULT_CROSS_CLUSTER_TRANSITIONS } from "../../emulator";
import type { CliStack, OperationResult, StepResult } from "../../cli-runner";
import { EXTERNAL_ID, OS_FIXTURES, PARTNER_ID, PRIMARY_ID, partnerRole, useOpenSearchWorld, type OpenSearchView } from "../support/opensearch";
import { resourceOf, stepOf, withId, type World } from "../support/world";

/**
 * opensearch.OutboundConnection and opensearch.InboundConnectionAccepter through the real Pulumi CLI and the real
 * dynamic-provider host, against the emulator. The fixture program (tests/fixtures/opensearch/connection) takes the
 * connection's arguments from config, so every input can be changed as a user would change their program; the
 * accepter fixture (tests/fixtures/opensearch/accepter) is the remote owner's own stack.
 */
const OUTBOUND = "opensearch:OutboundConnection";
const ACCEPTER = "opensearch:InboundConnectionAccepter";

type Args = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);
const conn = (stack: CliStack) => withId(resourceOf(stack.readState().resources, OUTBOUND, "conn"));
const answer = (stack: CliStack) => withId(resourceOf(stack.readState().resources, ACCEPTER, "answer"));
const has = (stack: CliStack, type: string, name: string) => stack.readState().resources.some((r) => r.name === name && r.type.endsWith(type));
const customCount = (stack: CliStack) => stack.readState().resources.filter((r) => r.custom).length;
const errorOf = (result: OperationResult) => `${result.error ?? ""}\n${result.diagnostics.join("\n")}`;

/**
 * Where the physical delete of a replaced resource comes: before its replacement's create (delete-before-replace) or
 * after it. A preview shows the delete of a delete-before-replace (it comes first) but not the one an update ends with.
 */
function deleteOrder(steps: StepResult[], name: string, preview: boolean): "delete-first" | "create-first" {
  const own = steps.filter((s) => s.name === name);
  const deleted = own.findIndex((s) => s.physical === "delete-replaced");
  const created = own.findIndex((s) => s.op === "replace" && !s.physical);
  assert.ok(created >= 0, `no replacement of ${name} in ${JSON.stringify(own)}`);
  assert.ok(deleted >= 0 || preview, `the replaced ${name} was not deleted: ${JSON.stringify(own)}`);
  return deleted >= 0 && deleted < created ? "delete-first" : "create-first";
}

describe("opensearch connection replacements and in-place changes (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  let stack: CliStack;
  let outbound: Args = { localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "fixture-a" };
  let accepter: Args = {};
  let profileFiles: Record<string, string> = {};
  const setOutbound = (next: Args) => {
    outbound = next;
    stack.setConfig("outbound", json(next));
  };
  const setAccepter = (next: Args) => {
    accepter = next;
    stack.setConfig("accepter", json(next));
  };

  useOpenSearchWorld((w, v) => {
    world = w;
    os = v;
    // A named profile holding the primary account's keys, for aws.profile.
    const primary = world.account("primary");
    fs.writeFileSync(path.join(world.dir, "credentials"), `[ops]\naws_access_key_id = ${primary.accessKeyId}\naws_secret_access_key = ${primary.secretAccessKey}\n`);
    fs.writeFileSync(path.join(world.dir, "config"), "[profile ops]\nregion = us-east-1\n");
    profileFiles = { AWS_SHARED_CREDENTIALS_FILE: path.join(world.dir, "credentials"), AWS_CONFIG_FILE: path.join(world.dir, "config") };
    stack = world.stack(OS_FIXTURES.connection, {
      env: profileFiles,
      config: { outbound: json(outbound), accepter: json(accepter) },
    });
  });

  it("up: a same-account connection and its accepter, ACTIVE", async () => {
    world.assertOk(await stack.up());
    assert.equal(answer(stack).id, conn(stack).id);
    assert.equal(answer(stack).outputs.status, "ACTIVE");
    assert.equal((await os.record(conn(stack).id)).status, "ACTIVE");
  });

  /**
   * Changes the connection's arguments and runs `up`: the preview and the update must replace the connection (for
   * exactly `replaceKeys`) and its accepter (whose connectionId becomes unknown); a new connection exists, ACTIVE and
   * answered, and the old one is DELETED. Returns the emulator's records of the old and the new connection.
   */
  async function replaceWith(next: Args, replaceKeys: string[], order: "delete-first" | "create-first") {
    const oldId = conn(stack).id;
    const before = await world.emulator.control.counts();
    setOutbound(next);
    const result = await stack.previewThenUp();
    world.assertOk(result);
    for (const plan of [result.preview!.steps, result.steps]) {
      assert.equal(stepOf(plan, "conn").op, "replace");
      // The engine passes the keys on in no set order (seen: either order of connectionMode and endpoint).
      assert.deepEqual([...stepOf(plan, "conn").replaceKeys].sort(), [...replaceKeys].sort());
      assert.equal(stepOf(plan, "answer").op, "replace");
      // Replaced for its connectionId, or (no keys) because the engine deletes it first with the connection it names.
      assert.ok(stepOf(plan, "answer").replaceKeys.every((k) => k === "connectionId"), json(stepOf(plan, "answer")));
    }
    assert.equal(deleteOrder(result.preview!.steps, "conn", true), order, "preview");
    assert.equal(deleteOrder(result.steps, "conn", false), order, "update");
    const newId = conn(stack).id;
    assert.notEqual(newId, oldId);
    assert.equal(answer(stack).id, newId);
    assert.equal(answer(stack).outputs.status, "ACTIVE");
    const [old, made] = [await os.record(oldId), await os.record(newId)];
    assert.equal(old.status, "DELETED");
    assert.equal(made.status, "ACTIVE");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [newId], "exactly one live connection");
    const mutations = await os.mutationsSince(before);
    assert.equal(mutations["OpenSearch.CreateOutboundConnection"], 1);
    assert.equal(mutations["OpenSearch.AcceptInboundConnection"], 1);
    if (order === "delete-first") assert.ok(old.statusSince <= made.createdAt, "the old connection was gone before the new one was made");
    return { old, made };
  }

  // Every replacement deletes first: OutboundConnection is deleteBeforeReplace by default (sdk/core/dynamic-provider.ts),
  // so that `pulumi up --replace`, which asks no diff, never meets the old connection's alias.
  it("connectionAlias replaces, deleting the old connection before making the new one", async () => {
    const { made } = await replaceWith({ ...outbound, connectionAlias: "fixture-b" }, ["connectionAlias"], "delete-first");
    assert.equal(made.connectionAlias, "fixture-b");
  });

  it("skipUnavailable replaces; the unchanged alias makes it delete-before-replace, and the replacement works", async () => {
    const { old, made } = await replaceWith({ ...outbound, skipUnavailable: "ENABLED" }, ["skipUnavailable"], "delete-first");
    assert.equal(made.connectionAlias, old.connectionAlias);
    assert.equal(old.skipUnavailable, "DISABLED");
    assert.equal(made.skipUnavailable, "ENABLED");
  });

  it("connectionMode and endpoint replace (VPC_ENDPOINT)", async () => {
    const endpoint = "vpc-app-logs-abc123.us-east-1.es.amazonaws.com";
    const { made } = await replaceWith({ ...outbound, connectionMode: "VPC_ENDPOINT", endpoint }, ["connectionMode", "endpoint"], "delete-first");
    assert.equal(made.connectionMode, "VPC_ENDPOINT");
    assert.equal(made.endpoint, endpoint);
    assert.equal(made.skipUnavailable, "ENABLED");
  });

  it("endpoint alone replaces", async () => {
    const endpoint = "vpc-app-logs-def456.us-east-1.es.amazonaws.com";
    const { made } = await replaceWith({ ...outbound, endpoint }, ["endpoint"], "delete-first");
    assert.equal(made.endpoint, endpoint);
  });

  it("localDomain replaces (delete first, as every replacement of the kind)", async () => {
    const { old, made } = await replaceWith({ ...outbound, localDomain: { domainName: "private-logs" } }, ["localDomain"], "delete-first");
    assert.equal(made.connectionAlias, old.connectionAlias);
    assert.deepEqual(made.local, { ownerId: PRIMARY_ID, region: "us-east-1", domainName: "private-logs" });
  });

  it("remoteDomain replaces (delete-before-replace: same alias, same local domain)", async () => {
    const { made } = await replaceWith({ ...outbound, remoteDomain: { domainName: "old-metrics" } }, ["remoteDomain"], "delete-first");
    assert.deepEqual(made.remote, { ownerId: PRIMARY_ID, region: "us-east-1", domainName: "old-metrics" });
  });

  it("the accepter's action replaces the accepter (preview)", async () => {
    const keep = accepter;
    setAccepter({ ...keep, action: "reject" });
    try {
      const preview = await stack.preview();
      world.assertOk(preview);
      assert.equal(stepOf(preview.steps, "conn").op, "same");
      assert.equal(stepOf(preview.steps, "answer").op, "replace");
      assert.deepEqual(stepOf(preview.steps, "answer").replaceKeys, ["action"]);
    } finally {
      setAccepter(keep);
    }
  });

  it("changing only timeouts and aws.profile updates in place and changes nothing in AWS", async () => {
    const [connId, answerId] = [conn(stack).id, answer(stack).id];
    const before = await world.emulator.control.counts();
    setOutbound({ ...outbound, timeouts: { create: "15m", delete: "5m" }, aws: { profile: "ops" } });
    setAccepter({ ...accepter, timeouts: { delete: "3m" }, aws: { profile: "ops" } });
    const result = await stack.previewThenUp();
    world.assertOk(result);
    assert.deepEqual([stepOf(result.steps, "conn").op, stepOf(result.steps, "answer").op], ["update", "update"]);
    // The preview cannot know the connection's outputs after its update (a dynamic provider cannot preview an update:
    // the engine takes the inputs as the outputs), so the accepter's connectionId is unknown there and it shows a
    // replacement that the update itself, with the id known again, does not make.
    assert.equal(stepOf(result.preview!.steps, "conn").op, "update");
    assert.equal(stepOf(result.preview!.steps, "answer").op, "replace");
    assert.deepEqual(stepOf(result.preview!.steps, "answer").replaceKeys, ["connectionId"]);
    assert.deepEqual([conn(stack).id, answer(stack).id], [connId, answerId]);
    assert.deepEqual(await os.mutationsSince(before), {});
    assert.deepEqual(conn(stack).outputs.aws, { profile: "ops" });
    assert.equal(conn(stack).outputs.status, "ACTIVE");
    assert.equal(answer(stack).outputs.status, "ACTIVE");
    // The profile is what the provider uses now: a refresh from an environment whose own keys AWS rejects still works.
    const wrongKeys = world.stack(OS_FIXTURES.connection, {
      workDir: stack.workDir,
      env: { ...profileFiles, AWS_ACCESS_KEY_ID: "AKIAWRONGWRONGWRONG0", AWS_SECRET_ACCESS_KEY: "not-a-key-the-emulator-knows" },
    });
    world.assertOk(await wrongKeys.refresh());
    assert.deepEqual([conn(stack).id, answer(stack).id], [connId, answerId]);
  });

  it("a remote domain name that comes from another resource's output: the preview predicts a replace", async () => {
    const connId = conn(stack).id;
    const before = await world.emulator.control.counts();
    // The name is the same as now, but the preview cannot know it: the helper does not exist yet.
    stack.setConfig("helper", json({ localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "helper" }));
    const result = await stack.previewThenUp();
    world.assertOk(result);
    const preview = result.preview!;
    assert.equal(stepOf(preview.steps, "helper").op, "create");
    assert.equal(stepOf(preview.steps, "conn").op, "replace");
    assert.deepEqual(stepOf(preview.steps, "conn").replaceKeys, ["remoteDomain"]);
    assert.equal(stepOf(preview.steps, "answer").op, "replace");
    // Once the name is known it is the same name: nothing is replaced after all.
    assert.equal(stepOf(result.steps, "conn").op, "same");
    assert.equal(stepOf(result.steps, "answer").op, "same");
    assert.equal(conn(stack).id, connId);
    assert.deepEqual(await os.mutationsSince(before), { "OpenSearch.CreateOutboundConnection": 1 });
  });

  it("destroy deletes every connection", async () => {
    const ids = [conn(stack).id, withId(resourceOf(stack.readState().resources, OUTBOUND, "helper")).id];
    world.assertOk(await stack.destroy());
    assert.equal(customCount(stack), 0);
    for (const id of ids) assert.equal((await os.record(id)).status, "DELETED");
    assert.deepEqual(await os.live(), []);
  });
});

describe("opensearch connection: the owner and region AWS chose, written out later (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  let stack: CliStack;
  const implicit: Args = { localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "resolved" };
  const explicit: Args = {
    localDomain: { domainName: "analytics", ownerId: PRIMARY_ID, region: "us-east-1" },
    remoteDomain: { domainName: "app-logs", ownerId: PRIMARY_ID, region: "us-east-1" },
    connectionAlias: "resolved",
  };
  useOpenSearchWorld((w, v) => {
    world = w;
    os = v;
    stack = world.stack(OS_FIXTURES.connection, { config: { outbound: json(implicit) } });
  });

  it("up with owner and region left out records them as AWS resolved them (*Resolved outputs)", async () => {
    world.assertOk(await stack.up());
    const made = conn(stack);
    assert.equal(made.outputs.status, "PENDING_ACCEPTANCE");
    assert.deepEqual(made.outputs.localDomain, { domainName: "analytics" });
    assert.deepEqual(made.outputs.localDomainResolved, { domainName: "analytics", ownerId: PRIMARY_ID, region: "us-east-1" });
    assert.deepEqual(made.outputs.remoteDomainResolved, { domainName: "app-logs", ownerId: PRIMARY_ID, region: "us-east-1" });
    assert.equal(made.outputs.region, "us-east-1");
  });

  it("writing out the same owner and region: preview and up show no change, and AWS gets no request at all", async () => {
    const id = conn(stack).id;
    const before = await world.emulator.control.counts();
    const seq = Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
    stack.setConfig("outbound", json(explicit));
    const result = await stack.previewThenUp();
    world.assertOk(result);
    assert.equal(stepOf(result.preview!.steps, "conn").op, "same");
    assert.equal(stepOf(result.steps, "conn").op, "same");
    assert.equal(conn(stack).id, id);
    assert.deepEqual(await world.countsSince(before), {});
    assert.deepEqual((await world.emulator.control.log()).filter((e) => e.seq > seq), []);
    // A refresh finds AWS agreeing with the explicit values: still nothing to do.
    world.assertOk(await stack.refresh());
    const preview = await stack.preview();
    world.assertOk(preview);
    assert.equal(stepOf(preview.steps, "conn").op, "same");
  });

  it("another owner or region for either domain replaces (preview)", async () => {
    const cases: Array<[Args, string]> = [
      [{ ...explicit, localDomain: { domainName: "analytics", ownerId: PRIMARY_ID, region: "us-west-2" } }, "localDomain"],
      [{ ...explicit, remoteDomain: { domainName: "app-logs", ownerId: PRIMARY_ID, region: "us-west-2" } }, "remoteDomain"],
      [{ ...explicit, remoteDomain: { domainName: "app-logs", ownerId: PARTNER_ID, region: "us-east-1" } }, "remoteDomain"],
    ];
    const before = await world.emulator.control.counts();
    for (const [args, key] of cases) {
      stack.setConfig("outbound", json(args));
      const preview = await stack.preview();
      world.assertOk(preview);
      assert.equal(stepOf(preview.steps, "conn").op, "replace", json(args));
      assert.deepEqual(stepOf(preview.steps, "conn").replaceKeys, [key]);
    }
    assert.deepEqual(await world.countsSince(before), {});
    stack.setConfig("outbound", json(explicit));
  });

  it("up with the local domain's region changed replaces: the old connection deleted, then the new one made in that region", async () => {
    await world.emulator.control.putDomain({ account: "primary", region: "us-west-2", domainName: "analytics", engineVersion: "OpenSearch_2.13" });
    const oldId = conn(stack).id;
    const before = await world.emulator.control.counts();
    stack.setConfig("outbound", json({ ...explicit, localDomain: { domainName: "analytics", region: "us-west-2" } }));
    const result = await stack.up();
    world.assertOk(result);
    assert.equal(stepOf(result.steps, "conn").op, "replace");
    assert.deepEqual(stepOf(result.steps, "conn").replaceKeys, ["localDomain"]);
    // deleteBeforeReplace by default, as for every replacement of the kind.
    assert.equal(deleteOrder(result.steps, "conn", false), "delete-first");
    const made = conn(stack);
    assert.notEqual(made.id, oldId);
    assert.equal(made.outputs.region, "us-west-2");
    assert.deepEqual(made.outputs.localDomainResolved, { domainName: "analytics", ownerId: PRIMARY_ID, region: "us-west-2" });
    assert.deepEqual((await os.record(made.id)).local, { ownerId: PRIMARY_ID, region: "us-west-2", domainName: "analytics" });
    assert.equal((await os.record(oldId)).status, "DELETED");
    assert.deepEqual(await os.mutationsSince(before), { "OpenSearch.CreateOutboundConnection": 1, "OpenSearch.DeleteOutboundConnection": 1 });
  });

  it("aws.region alone (local domain's region left out) replaces: the connection moves to that region", async () => {
    const oldId = conn(stack).id;
    stack.setConfig("outbound", json({ ...explicit, localDomain: { domainName: "analytics" }, aws: { region: "us-east-1" } }));
    const result = await stack.previewThenUp();
    world.assertOk(result);
    assert.equal(stepOf(result.preview!.steps, "conn").op, "replace");
    assert.deepEqual(stepOf(result.steps, "conn").replaceKeys, ["aws"]);
    const made = conn(stack);
    assert.notEqual(made.id, oldId);
    assert.equal(made.outputs.region, "us-east-1");
    assert.deepEqual((await os.record(made.id)).local, { ownerId: PRIMARY_ID, region: "us-east-1", domainName: "analytics" });
    assert.equal((await os.record(oldId)).status, "DELETED");
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [made.id]);
  });

  it("destroy deletes it", async () => {
    const id = conn(stack).id;
    world.assertOk(await stack.destroy());
    assert.equal((await os.record(id)).status, "DELETED");
  });
});

describe("opensearch connection refresh after out-of-band changes (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  useOpenSearchWorld((w, v) => ((world = w), (os = v)));

  describe("an outbound connection to the partner, answered in the partner's console", () => {
    let stack: CliStack;
    before(() => {
      stack = world.stack(OS_FIXTURES.connection, {
        skipPreview: true,
        config: { outbound: json({ localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID }, connectionAlias: "oob-accept" }) },
      });
    });

    it("an out-of-band accept: refresh shows ACTIVE", async () => {
      world.assertOk(await stack.up());
      const id = conn(stack).id;
      assert.equal(conn(stack).outputs.status, "PENDING_ACCEPTANCE");
      await os.client("partner").send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
      await os.untilStatus(id, "ACTIVE");
      const before = await world.emulator.control.counts();
      const result = await stack.refresh();
      world.assertOk(result);
      assert.ok(stepOf(result.steps, "conn").diffKeys.includes("status"), json(stepOf(result.steps, "conn")));
      assert.equal(conn(stack).id, id);
      assert.equal(conn(stack).outputs.status, "ACTIVE");
      assert.deepEqual(await os.mutationsSince(before), {});
    });

    it("an out-of-band delete: refresh drops the connection from state", async () => {
      const id = conn(stack).id;
      await os.client("primary").send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
      await os.untilStatus(id, "DELETED");
      const result = await stack.refresh();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "conn").op, "read-gone");
      assert.equal(customCount(stack), 0);
    });

    it("an out-of-band reject: refresh keeps the outbound connection, with status REJECTED", async () => {
      stack.setConfig("outbound", json({ localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID }, connectionAlias: "oob-reject" }));
      world.assertOk(await stack.up());
      const id = conn(stack).id;
      await os.client("partner").send(new RejectInboundConnectionCommand({ ConnectionId: id }));
      await os.untilStatus(id, "REJECTED");
      const result = await stack.refresh();
      world.assertOk(result);
      assert.equal(conn(stack).id, id);
      assert.equal(conn(stack).outputs.status, "REJECTED");
    });
  });

  describe("a same-account connection with its accepter", () => {
    let stack: CliStack;
    before(() => {
      stack = world.stack(OS_FIXTURES.connection, {
        skipPreview: true,
        config: { outbound: json({ localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "oob-answered" }), accepter: "{}" },
      });
    });

    it("rejected out of band: refresh drops the accepter (its acceptance is gone) and the outbound side shows REJECTED", async () => {
      world.assertOk(await stack.up());
      const id = conn(stack).id;
      assert.equal(answer(stack).outputs.status, "ACTIVE");
      await world.emulator.control.setCrossClusterStatus(id, "REJECTED");
      const result = await stack.refresh();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "answer").op, "read-gone");
      assert.equal(has(stack, ACCEPTER, "answer"), false);
      assert.equal(conn(stack).id, id);
      assert.equal(conn(stack).outputs.status, "REJECTED");
    });

    it("then deleted out of band: refresh drops the outbound connection too", async () => {
      const id = conn(stack).id;
      await os.client("primary").send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
      await os.untilStatus(id, "DELETED");
      world.assertOk(await stack.refresh());
      assert.equal(customCount(stack), 0);
    });

    it("an accepted pair deleted out of band: refresh drops the accepter (DELETED) and the outbound connection", async () => {
      stack.setConfig("outbound", json({ localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "oob-deleted" }));
      world.assertOk(await stack.up());
      const id = conn(stack).id;
      assert.equal(answer(stack).outputs.status, "ACTIVE");
      await os.client("primary").send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
      await os.untilStatus(id, "DELETED");
      const result = await stack.refresh();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "answer").op, "read-gone");
      assert.equal(stepOf(result.steps, "conn").op, "read-gone");
      assert.equal(customCount(stack), 0);
    });
  });
});

describe("opensearch connection failures, waits and other stacks (real host, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  useOpenSearchWorld((w, v) => ((world = w), (os = v)));

  describe("VALIDATION_FAILED", () => {
    let stack: CliStack;
    before(() => {
      stack = world.stack(OS_FIXTURES.connection, {
        config: { outbound: json({ localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "analytics" }, connectionAlias: "too-new" }) },
      });
    });

    it("a source older than its destination: an init error that keeps the id and shows AWS's message", async () => {
      const message = "The source domain version (OpenSearch_2.11) must be the same as or later than the destination domain version (OpenSearch_2.13).";
      const result = await stack.up();
      assert.equal(result.ok, false);
      assert.ok(errorOf(result).includes(message), errorOf(result));
      assert.match(errorOf(result), /VALIDATION_FAILED/);
      const failed = conn(stack);
      assert.match(failed.id, /^cc-/);
      assert.ok((failed.initErrors ?? []).some((e) => e.includes(message)), json(failed.initErrors));
      assert.equal(failed.outputs.status, "VALIDATION_FAILED");
      assert.equal(failed.outputs.statusMessage, message);
      const seen = await os.outbound(failed.id);
      assert.equal(seen?.ConnectionStatus?.StatusCode, "VALIDATION_FAILED");
      assert.equal(seen?.ConnectionStatus?.Message, message);
    });

    it("a remote domain that does not exist: the failed connection is replaced, and the new one fails the same way", async () => {
      const oldId = conn(stack).id;
      stack.setConfig("outbound", json({ localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "no-such-domain" }, connectionAlias: "too-new" }));
      const result = await stack.previewThenUp();
      assert.equal(result.ok, false);
      const message = `Remote domain no-such-domain was not found in account ${PRIMARY_ID} in region us-east-1.`;
      assert.ok(errorOf(result).includes(message), errorOf(result));
      assert.equal(stepOf(result.preview!.steps, "conn").op, "replace");
      const failed = conn(stack);
      assert.notEqual(failed.id, oldId);
      assert.ok((failed.initErrors ?? []).some((e) => e.includes(message)), json(failed.initErrors));
      assert.equal((await os.record(oldId)).status, "DELETED");
      assert.equal((await os.record(failed.id)).status, "VALIDATION_FAILED");
    });

    it("following the init error's advice as written (fix the cause, then `pulumi up --replace <urn>`) ends with one working connection", async () => {
      const failed = conn(stack);
      assert.match(failed.initErrors?.join("\n") ?? "", /fix the cause, then replace it: `pulumi up --replace <urn>`/);
      await world.emulator.control.putDomain({ account: "primary", region: "us-east-1", domainName: "no-such-domain", engineVersion: "OpenSearch_2.11" });
      world.assertOk(await stack.upWith(["--replace", failed.urn]));
      const made = conn(stack);
      assert.notEqual(made.id, failed.id);
      assert.deepEqual(made.initErrors ?? [], []);
      assert.equal((await os.record(failed.id)).status, "DELETED");
      assert.notEqual((await os.record(made.id)).status, "VALIDATION_FAILED");
      assert.deepEqual((await os.live()).map((c) => c.connectionId), [made.id], "exactly one live connection");
    });

    it("destroy deletes the failed connection", async () => {
      const id = conn(stack).id;
      world.assertOk(await stack.destroy());
      assert.equal((await os.record(id)).status, "DELETED");
    });
  });

  describe("a remote owner who does not answer at once; the accepter in the partner's own stack", () => {
    let mine: CliStack;
    let theirs: CliStack;
    let id = "";
    before(() => {
      mine = world.stack(OS_FIXTURES.connection, {
        skipPreview: true,
        config: { outbound: json({ localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID }, connectionAlias: "await-partner" }) },
      });
    });

    it("create returns at PENDING_ACCEPTANCE without accepting anything", async () => {
      const before = await world.emulator.control.counts();
      world.assertOk(await mine.up());
      id = conn(mine).id;
      assert.equal(conn(mine).outputs.status, "PENDING_ACCEPTANCE");
      assert.deepEqual(await os.mutationsSince(before), { "OpenSearch.CreateOutboundConnection": 1 });
      assert.equal((await os.inbound(id, "partner"))?.ConnectionStatus?.StatusCode, "PENDING_ACCEPTANCE");
    });

    it("an accepter in another stack, acting as the partner through aws.roleArn, answers later: ACTIVE", async () => {
      theirs = world.stack(OS_FIXTURES.accepter, {
        skipPreview: true,
        config: { connectionId: id, aws: json({ roleArn: partnerRole(), externalId: EXTERNAL_ID }) },
      });
      const result = await theirs.up();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "answer").op, "create");
      assert.equal(answer(theirs).id, id);
      assert.equal(answer(theirs).outputs.status, "ACTIVE");
      assert.deepEqual(answer(theirs).outputs.remoteDomain, { domainName: "partner-logs", ownerId: PARTNER_ID, region: "us-east-1" });
      const accepts = (await world.emulator.control.log()).filter((e) => e.operation === "AcceptInboundConnection");
      assert.deepEqual(accepts.map((e) => [e.accountId, e.status]), [[PARTNER_ID, 200]], "accepted once, as the partner");
      world.assertOk(await mine.refresh());
      assert.equal(conn(mine).outputs.status, "ACTIVE");
    });

    it("changing the accepter's aws.roleArn (another role of the partner) changes nothing in AWS", async () => {
      const before = await world.emulator.control.counts();
      theirs.setConfig("aws", json({ roleArn: partnerRole("connections-admin") }));
      const result = await theirs.up();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "answer").op, "update");
      assert.equal(answer(theirs).id, id);
      assert.deepEqual(await os.mutationsSince(before), {});
    });

    it("destroying the partner's stack deletes the accepted connection; the owner's refresh drops it", async () => {
      world.assertOk(await theirs.destroy());
      assert.equal((await os.record(id)).status, "DELETED");
      world.assertOk(await mine.refresh());
      assert.equal(customCount(mine), 0);
    });
  });

  describe("an accepter in the partner's stack created while the connection is still VALIDATING", () => {
    const partnerAws = json({ roleArn: partnerRole(), externalId: EXTERNAL_ID });
    const partnerLooks = async () =>
      (await world.emulator.control.log()).filter((e) => e.operation === "DescribeInboundConnections" && e.accountId === PARTNER_ID).length;
    const makeOutbound = async (alias: string) => {
      const made = await os.client("primary").send(
        new CreateOutboundConnectionCommand({
          LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } },
          RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER_ID } },
          ConnectionAlias: alias,
        }),
      );
      return made.ConnectionId!;
    };
    beforeEach(async () => {
      // Validation never ends by itself: the connection stays VALIDATING, invisible to the partner, until a test says.
      await world.emulator.control.setCrossClusterTransitions({ validation: null });
    });
    afterEach(async () => {
      await world.emulator.control.setCrossClusterTransitions({ validation: DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation });
    });

    it("the partner does not see a VALIDATING connection at all (the emulator, as AWS)", async () => {
      const id = await makeOutbound("unseen");
      assert.equal((await os.record(id)).status, "VALIDATING");
      assert.equal(await os.inbound(id, "partner"), undefined);
      await os.client("primary").send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
    });

    it("waits while the connection is not visible, then accepts it once validated: ACTIVE", async () => {
      const id = await makeOutbound("early-answer");
      const theirs = world.stack(OS_FIXTURES.accepter, { skipPreview: true, config: { connectionId: id, aws: partnerAws } });
      const before = await partnerLooks();
      const since = Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
      const running = theirs.up();
      // The accepter has looked (and not found it) a few times: now validation completes.
      const deadline = Date.now() + 120_000;
      while ((await partnerLooks()) < before + 3) {
        assert.ok(Date.now() < deadline, `the accepter did not look for the connection: ${world.tail()}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      assert.equal((await os.record(id)).status, "VALIDATING");
      await world.emulator.control.setCrossClusterTransitions({ validation: DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation });
      const result = await running;
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "answer").op, "create");
      assert.equal(answer(theirs).id, id);
      assert.equal(answer(theirs).outputs.status, "ACTIVE");
      const accepts = (await world.emulator.control.log()).filter((e) => e.seq > since && e.operation === "AcceptInboundConnection" && e.status === 200);
      assert.deepEqual(accepts.map((e) => e.accountId), [PARTNER_ID], "accepted once, as the partner");
      world.assertOk(await theirs.destroy());
      assert.equal((await os.record(id)).status, "DELETED");
    });

    it("a connection that stays invisible fails after the bounded wait (here timeouts.create), with nothing in state", async () => {
      const id = await makeOutbound("never-seen");
      const theirs = world.stack(OS_FIXTURES.accepter, { skipPreview: true, config: { connectionId: id, aws: partnerAws, timeouts: json({ create: "1s" }) } });
      const before = await world.emulator.control.counts();
      const looksBefore = await partnerLooks();
      const result = await theirs.up();
      assert.equal(result.ok, false);
      assert.match(errorOf(result), new RegExp(`connectionId: no inbound connection ${id} in this account and region after looking for 1s`));
      assert.match(errorOf(result), /still validating is not visible to that owner yet/);
      assert.ok((await partnerLooks()) - looksBefore > 1, "looked more than once");
      assert.equal(customCount(theirs), 0, "nothing in state");
      assert.deepEqual(await os.mutationsSince(before), {});
      assert.equal((await os.record(id)).status, "VALIDATING");
      await os.client("primary").send(new DeleteOutboundConnectionCommand({ ConnectionId: id }));
    });
  });

  describe("acceptWith that runs out of timeouts.create", () => {
    let stack: CliStack;
    let id = "";
    before(() => {
      stack = world.stack(OS_FIXTURES.connection, {
        config: {
          outbound: json({
            localDomain: { domainName: "app-logs" },
            remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID },
            connectionAlias: "slow-accept",
            acceptWith: { roleArn: partnerRole(), externalId: EXTERNAL_ID },
            timeouts: { create: "2s" },
          }),
        },
      });
    });
    after(async () => {
      await world.emulator.control.setCrossClusterTransitions({ validation: DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation });
    });

    it("keeps the id in state with an init error", async () => {
      await world.emulator.control.setCrossClusterTransitions({ validation: null });
      const before = await world.emulator.control.counts();
      const result = await stack.up();
      assert.equal(result.ok, false);
      assert.match(errorOf(result), /timed out after 2s \(still VALIDATING\)/);
      const stuck = conn(stack);
      id = stuck.id;
      assert.match(id, /^cc-/);
      assert.ok((stuck.initErrors ?? []).some((e) => e.includes("timed out after 2s")), json(stuck.initErrors));
      assert.deepEqual(await os.mutationsSince(before), { "OpenSearch.CreateOutboundConnection": 1 });
      assert.equal((await os.record(id)).status, "VALIDATING");
    });

    it("records what it saw with the init error: connectionId, status VALIDATING and the region", async () => {
      // The region output is how later operations find the connection when the default chain's region changes.
      const { connectionId, status, region } = conn(stack).outputs;
      assert.deepEqual({ connectionId, status, region }, { connectionId: id, status: "VALIDATING", region: "us-east-1" });
    });

    it("the next up (validation back to normal) finishes it with the same id: accepted, ACTIVE", async () => {
      await world.emulator.control.setCrossClusterTransitions({ validation: DEFAULT_CROSS_CLUSTER_TRANSITIONS.validation });
      const before = await world.emulator.control.counts();
      const result = await stack.previewThenUp();
      world.assertOk(result);
      assert.equal(stepOf(result.preview!.steps, "conn").op, "update");
      assert.equal(stepOf(result.steps, "conn").op, "update");
      const done = conn(stack);
      assert.equal(done.id, id);
      assert.equal(done.outputs.status, "ACTIVE");
      assert.equal(done.initErrors?.length ?? 0, 0);
      assert.deepEqual(await os.mutationsSince(before), { "OpenSearch.AcceptInboundConnection": 1 });
      assert.equal((await os.record(id)).status, "ACTIVE");
      assert.equal((await os.inbound(id, "partner"))?.ConnectionStatus?.StatusCode, "ACTIVE");
    });

    it("changing only acceptWith's credentials (another role) changes nothing in AWS", async () => {
      const before = await world.emulator.control.counts();
      stack.setConfig(
        "outbound",
        json({
          localDomain: { domainName: "app-logs" },
          remoteDomain: { domainName: "partner-logs", ownerId: PARTNER_ID },
          connectionAlias: "slow-accept",
          acceptWith: { roleArn: partnerRole("connections-admin") },
          timeouts: { create: "2s" },
        }),
      );
      const result = await stack.up();
      world.assertOk(result);
      assert.equal(stepOf(result.steps, "conn").op, "update");
      assert.equal(conn(stack).id, id);
      assert.deepEqual(await os.mutationsSince(before), {});
    });
  });

  describe("a connection made through the Elasticsearch API", () => {
    it("answered with opensearch.InboundConnectionAccepter: fails, naming elasticsearch.InboundConnectionAccepter", async () => {
      const made = await os.esClient("primary").send(
        new CreateOutboundCrossClusterSearchConnectionCommand({
          SourceDomainInfo: { DomainName: "legacy-search" },
          DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER_ID },
          ConnectionAlias: "legacy-x",
        }),
      );
      const id = made.CrossClusterSearchConnectionId!;
      await os.untilStatus(id, "PENDING_ACCEPTANCE");
      const stack = world.stack(OS_FIXTURES.accepter, {
        skipPreview: true,
        config: { connectionId: id, aws: json({ roleArn: partnerRole(), externalId: EXTERNAL_ID }) },
      });
      const before = await world.emulator.control.counts();
      const result = await stack.up();
      assert.equal(result.ok, false);
      assert.match(errorOf(result), new RegExp(`${id} was made with the elasticsearch API`));
      assert.match(errorOf(result), /use elasticsearch\.InboundConnectionAccepter/);
      assert.equal(customCount(stack), 0, "nothing in state");
      assert.deepEqual(await os.mutationsSince(before), {});
      assert.equal((await os.record(id)).status, "PENDING_ACCEPTANCE");
    });
  });
});
