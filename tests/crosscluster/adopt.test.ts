import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { AcceptInboundConnectionCommand, CreateOutboundConnectionCommand } from "@aws-sdk/client-opensearch";
import { CreateOutboundCrossClusterSearchConnectionCommand } from "@aws-sdk/client-elasticsearch-service";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { PARTNER, directWorld, type DirectWorld } from "../support/crosscluster";
import { OS_FIXTURES, useOpenSearchWorld, type OpenSearchView } from "../support/opensearch";
import { resourceByName, untilCalled, withId, type World } from "../support/world";

/**
 * `adoptId` on the cross-cluster kinds (OpenSearch and legacy Elasticsearch outbound connections and their accepters):
 * check, diff and create through the provider entry against the emulator, and README's advice for a create interrupted
 * on another machine ("add `adoptId: "<its id>"` to the resource's inputs and run `pulumi up`") followed end to end
 * through the real Pulumi CLI.
 */
const OS_OUT = "opensearch:OutboundConnection";
const ES_OUT = "elasticsearch:OutboundConnection";
const OS_ACC = "opensearch:InboundConnectionAccepter";
const ES_ACC = "elasticsearch:InboundConnectionAccepter";
const OS = { localDomain: { domainName: "analytics" }, remoteDomain: { domainName: "app-logs" }, connectionAlias: "adopted" };
const ES = { sourceDomain: { domainName: "legacy-search" }, destinationDomain: { domainName: "partner-legacy", ownerId: PARTNER.accountId }, connectionAlias: "adopted-es" };
const ACCEPTER = { connectionId: "cc-0123456789", aws: { region: "us-east-1" } };
const BASE: Record<string, Record<string, unknown>> = { [OS_OUT]: OS, [ES_OUT]: ES, [OS_ACC]: ACCEPTER, [ES_ACC]: ACCEPTER };
const ID = "cc-0123456789";

describe("adoptId on cross-cluster connections and accepters: check and diff", () => {
  for (const kind of [OS_OUT, ES_OUT, OS_ACC, ES_ACC]) {
    const base = BASE[kind];
    const olds = { ...base, __provider: "old", connectionId: ID, status: "ACTIVE" };
    it(`${kind}: check refuses an empty or non-string adoptId, naming it, and accepts an unknown one`, async () => {
      const empty = (await provider.check(kind, {}, { ...base, adoptId: "" })).failures;
      assert.ok(empty.some((f) => f.property === "adoptId" && /1 to 256 characters/.test(f.reason)), JSON.stringify(empty));
      const number = (await provider.check(kind, {}, { ...base, adoptId: 7 })).failures;
      assert.ok(number.some((f) => f.property === "adoptId" && /must be a string/.test(f.reason)), JSON.stringify(number));
      assert.deepEqual((await provider.check(kind, {}, { ...base, adoptId: UNKNOWN })).failures, []);
    });
    it(`${kind}: diff: adoptId naming another object (or unknown) replaces; naming this one, or dropped after adopting, replaces nothing`, async () => {
      const diff = (o: Record<string, unknown>, n: Record<string, unknown>) => provider.diff(kind, ID, o, { ...n, __provider: "new" });
      assert.deepEqual((await diff(olds, { ...base, adoptId: "cc-9876543210" })).replaces, ["adoptId"]);
      assert.deepEqual((await diff(olds, { ...base, adoptId: UNKNOWN })).replaces, ["adoptId"]);
      assert.equal((await diff({ ...olds, adoptId: ID }, { ...base, adoptId: ID })).changes, false);
      const dropped = await diff({ ...olds, adoptId: ID }, base);
      assert.deepEqual([dropped.changes, dropped.replaces], [true, []]);
    });
  }
  it("diff refuses a replacement while adoptId still names the object (it would adopt, then delete, the same one)", async () => {
    const olds = { ...OS, __provider: "old", connectionId: ID, adoptId: ID };
    await assert.rejects(provider.diff(OS_OUT, ID, olds, { ...OS, connectionAlias: "renamed", adoptId: ID }), /adoptId: remove adoptId before changing connectionAlias/);
    const accepter = { ...ACCEPTER, __provider: "old", adoptId: ID };
    await assert.rejects(provider.diff(OS_ACC, ID, accepter, { ...ACCEPTER, action: "reject", adoptId: ID }), /adoptId: remove adoptId before changing action/);
  });
});

describe("adoptId on cross-cluster connections and accepters: create (provider entry, emulator)", function () {
  let world: DirectWorld;
  before(async () => {
    world = await directWorld();
  });
  after(async () => world?.dispose());
  const counts = async (operation: string) => (await world.emulator.control.counts())[operation] ?? 0;

  it("opensearch: takes over a connection made outside Pulumi whose settings match, creating nothing", async () => {
    const made = await world.os().send(new CreateOutboundConnectionCommand({ LocalDomainInfo: { AWSDomainInformation: { DomainName: "analytics" } }, RemoteDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } }, ConnectionAlias: "adopted" }));
    const before = await counts("OpenSearch.CreateOutboundConnection");
    const { id, outs } = await provider.create(OS_OUT, { ...OS, adoptId: made.ConnectionId });
    assert.equal(id, made.ConnectionId);
    assert.equal(outs.connectionId, id);
    assert.equal(outs.status, "PENDING_ACCEPTANCE");
    assert.equal(await counts("OpenSearch.CreateOutboundConnection"), before, "adoption creates nothing");
  });

  it("opensearch: settings that differ are named (never quoted), and nothing is created", async () => {
    const made = await world.os().send(new CreateOutboundConnectionCommand({ LocalDomainInfo: { AWSDomainInformation: { DomainName: "analytics" } }, RemoteDomainInfo: { AWSDomainInformation: { DomainName: "old-metrics" } }, ConnectionAlias: "other-alias" }));
    const before = await counts("OpenSearch.CreateOutboundConnection");
    await assert.rejects(provider.create(OS_OUT, { ...OS, adoptId: made.ConnectionId }), (error: Error) => {
      assert.equal(error.name, "InputError");
      assert.match(error.message, new RegExp(`adoptId: ${made.ConnectionId} differs from the inputs in remoteDomain, connectionAlias\\.`));
      assert.doesNotMatch(error.message, /old-metrics|other-alias|app-logs/);
      return true;
    });
    assert.equal(await counts("OpenSearch.CreateOutboundConnection"), before);
  });

  it("opensearch: an id this account and region cannot see is refused, naming adoptId", async () => {
    await assert.rejects(provider.create(OS_OUT, { ...OS, adoptId: "cc-doesnotexist00" }), /adoptId: cc-doesnotexist00 does not exist in this account and region, so it cannot be adopted/);
  });

  it("elasticsearch: takes over a legacy connection made outside Pulumi, creating nothing", async () => {
    const made = await world.es().send(new CreateOutboundCrossClusterSearchConnectionCommand({ SourceDomainInfo: { DomainName: "legacy-search" }, DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId }, ConnectionAlias: "adopted-es" }));
    const before = await counts("Elasticsearch.CreateOutboundCrossClusterSearchConnection");
    const { id, outs } = await provider.create(ES_OUT, { ...ES, adoptId: made.CrossClusterSearchConnectionId });
    assert.equal(id, made.CrossClusterSearchConnectionId);
    assert.equal(outs.status, "PENDING_ACCEPTANCE");
    assert.equal(await counts("Elasticsearch.CreateOutboundCrossClusterSearchConnection"), before);
  });

  it("accepters: take over a connection accepted outside Pulumi (no second accept); an adoptId naming another connection is refused", async () => {
    const made = await world.os().send(new CreateOutboundConnectionCommand({ LocalDomainInfo: { AWSDomainInformation: { DomainName: "app-logs" } }, RemoteDomainInfo: { AWSDomainInformation: { DomainName: "partner-logs", OwnerId: PARTNER.accountId } }, ConnectionAlias: "answered" }));
    const id = made.ConnectionId as string;
    const partner = world.os(PARTNER);
    for (let i = 0; ; i++) {
      // The remote owner sees it once validated (emulated seconds at 1000×).
      const accepted = await partner.send(new AcceptInboundConnectionCommand({ ConnectionId: id })).then(() => true, () => false);
      if (accepted) break;
      assert.ok(i < 200, "the connection was never validated");
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const before = await counts("OpenSearch.AcceptInboundConnection");
    const roleArn = `arn:aws:iam::${PARTNER.accountId}:role/connections-admin`;
    const { id: adopted, outs } = await provider.create(OS_ACC, { connectionId: id, adoptId: id, aws: { roleArn } });
    assert.equal(adopted, id);
    assert.ok(["APPROVED", "PROVISIONING", "ACTIVE"].includes(String(outs.status)), String(outs.status));
    assert.equal(await counts("OpenSearch.AcceptInboundConnection"), before, "no second accept");
    await assert.rejects(provider.create(OS_ACC, { connectionId: "cc-0123456789", adoptId: id, aws: { roleArn } }), /adoptId: .* differs from the inputs in connectionId\./);
  });
});

describe("README's advice for a create interrupted on another machine, followed end to end (real CLI, emulator)", function () {
  let world: World;
  let os: OpenSearchView;
  useOpenSearchWorld((w, v) => ((world = w), (os = v)));
  const OUTBOUND = { ...OS, connectionAlias: "interrupted" };
  const creates = async () => (await world.emulator.control.counts())["OpenSearch.CreateOutboundConnection"] ?? 0;

  it("machine A dies while AWS makes the connection; machine B's up names the adoptId; with it, B takes the connection over; dropping it later replaces nothing", async () => {
    // Each machine has its own create journal (README: the record lives on the machine that ran the create).
    const journal = (name: string): string => {
      const dir = path.join(world.dir, name);
      fs.mkdirSync(dir, { recursive: true });
      return dir;
    };
    const machineA = world.stack(OS_FIXTURES.connection, { env: { PULUMI_AWS_CONNECTIONS_JOURNAL_DIR: journal("journal-a") }, config: { outbound: JSON.stringify(OUTBOUND) } });
    // A's create reaches AWS, which makes the connection and never answers: A is killed while it waits.
    await world.emulator.control.injectFault({ kind: "hang", service: "OpenSearch", operation: "CreateOutboundConnection", count: 1, when: "after" });
    const run = machineA.start("up");
    await untilCalled(world, "OpenSearch.CreateOutboundConnection", 120_000);
    run.killAll("SIGKILL");
    await run.result;
    await world.emulator.control.clearFaults();
    const made = (await os.live()).filter((c) => c.connectionAlias === "interrupted");
    assert.equal(made.length, 1, "the killed create made one connection");
    const id = made[0].connectionId;
    assert.equal(machineA.readState().resources.some((r) => r.name === "conn" && r.id), false, "A never recorded it");

    // Machine B: the same backend (state), another journal. The CLI's recovery first: cancel the dead run's lock.
    const machineB = world.stack(OS_FIXTURES.connection, { workDir: machineA.workDir, env: { PULUMI_AWS_CONNECTIONS_JOURNAL_DIR: journal("journal-b") }, config: { outbound: JSON.stringify(OUTBOUND) } });
    await machineB.cancel();
    const refused = await machineB.up();
    assert.equal(refused.ok, false);
    assert.match(refused.error ?? "", new RegExp(`add \`adoptId: "${id}"\` to the resource's inputs and run \`pulumi up\``));
    assert.equal(await creates(), 1, "B created nothing");

    // The advice as written: adoptId in the inputs, `pulumi up`.
    machineB.setConfig("outbound", JSON.stringify({ ...OUTBOUND, adoptId: id }));
    world.assertOk(await machineB.up());
    const conn = withId(resourceByName(machineB.readState().resources, "conn"));
    assert.equal(conn.id, id);
    assert.equal(conn.outputs.status, "PENDING_ACCEPTANCE");
    assert.equal(await creates(), 1);
    assert.deepEqual((await os.live()).map((c) => c.connectionId), [id]);

    // adoptId has done its job: removing it is no replacement.
    machineB.setConfig("outbound", JSON.stringify(OUTBOUND));
    const preview = await machineB.preview();
    world.assertOk(preview);
    assert.ok(["update", "same"].includes(resourceByName(preview.steps, "conn").op), resourceByName(preview.steps, "conn").op);
    world.assertOk(await machineB.destroy());
    assert.deepEqual(await os.live(), []);
  });
});
