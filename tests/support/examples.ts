import { strict as assert } from "assert";
import * as path from "path";
import { DirectConnectClient, UpdateConnectionCommand, TagResourceCommand } from "@aws-sdk/client-direct-connect";
import { DeleteOutboundCrossClusterSearchConnectionCommand, ElasticsearchServiceClient } from "@aws-sdk/client-elasticsearch-service";
import { DeleteOutboundConnectionCommand, DetachDataSourceCommand, OpenSearchClient } from "@aws-sdk/client-opensearch";
import type { CliStack, OperationResult, StateResource } from "../../cli-runner";
import { assertCloudMatchesState } from "./agreement";
import { assertGolden } from "./golden";
import { openSearchView, PARTNER_ID, PRIMARY_ID } from "./opensearch";
import { assertAllSame, EXAMPLES_DIR, sdkClientConfig, startWorld, withId, type World } from "./world";

/**
 * Every program under examples/, one test file each (tests/engine/example-<name>.test.ts, so that mocha's workers run
 * them side by side), run as users run it (a program on disk, its own Pulumi.yaml, config set per stack)
 * through the real Pulumi CLI against the emulator: `pulumi preview --diff`, `up`, an in-place change and a replacing
 * change (each previewed, then applied), an out-of-band change made through the emulator followed by `refresh`, and
 * `destroy`. After every step the emulator's live objects and the stack's real checkpoint agree one to one. The
 * preview texts are golden files (tests/engine/golden/<example>-<step>.txt): reviewers see each changed field, and for
 * a replacement the field that forces it.
 */
interface ExampleCase {
  dir: string;
  /** Config for an in-place change, and the fields the preview must show changing. */
  inPlace: { config: Record<string, string>; shows: RegExp[] };
  /** Config for a replacing change, and the field the preview must name as forcing it. */
  replace: { config: Record<string, string>; forcedBy: string };
  /** An out-of-band change through the emulator, and what the refresh must show. */
  outOfBand: { what: string; act(world: World, resources: StateResource[]): Promise<void>; expect(stack: CliStack, result: OperationResult): void };
  /** For an OpenSearch connection: who must answer it, and what both sides show through the SDK after `up`. */
  connection?: ConnectionSides;
}

interface ConnectionSides {
  /** The outbound resource's name and the example's default connectionAlias. */
  outbound: string;
  alias: string;
  /** The status in AWS once `up` is done (the remote owner's answer: ACTIVE or REJECTED). */
  finalStatus: "ACTIVE" | "REJECTED";
  /** The remote domain's owner (who answers, in the remote domain's region), and the local domain. */
  remote: { account: string; ownerId: string; region: string; domainName: string };
  localDomain: string;
}

const byType = (resources: StateResource[], type: string) => withId(resources.find((r) => r.type === `pulumi-nodejs:dynamic/${type}`)!);

const deleteOpenSearchOutbound = async (world: World, resources: StateResource[]) => {
  const conn = byType(resources, "opensearch:OutboundConnection");
  const client = new OpenSearchClient(sdkClientConfig(world.emulator, "primary", String(conn.outputs.region)));
  await client.send(new DeleteOutboundConnectionCommand({ ConnectionId: conn.id }));
  client.destroy();
};

/** After an out-of-band delete of the connection, refresh drops every resource of the example. */
const allGone = (stack: CliStack) => assert.deepEqual(stack.readState().resources.map((r) => r.name), []);

const CASES: ExampleCase[] = [
  {
    dir: "directconnect",
    inPlace: { config: { connectionName: "edge-renamed", team: "platform" }, shows: [/connectionName\s*:\s*"edge-primary" => "edge-renamed"/, /team\s*:\s*"network" => "platform"/] },
    replace: { config: { bandwidth: "100Gbps" }, forcedBy: "bandwidth" },
    outOfBand: {
      what: "a rename and a tag added in the console",
      async act(world, resources) {
        const primary = resources.find((r) => r.name === "primary")!;
        const client = new DirectConnectClient(sdkClientConfig(world.emulator));
        await client.send(new UpdateConnectionCommand({ connectionId: primary.id!, connectionName: "renamed-in-console" }));
        await client.send(new TagResourceCommand({ resourceArn: String(primary.outputs.arn), tags: [{ key: "owner", value: "someone" }] }));
        client.destroy();
      },
      expect(stack) {
        const primary = stack.readState().resources.find((r) => r.name === "primary")!;
        assert.equal(primary.outputs.connectionName, "renamed-in-console");
        assert.equal((primary.outputs.tags as Record<string, string>).owner, "someone");
      },
    },
  },
  {
    dir: "opensearch-same-account",
    inPlace: { config: { createTimeout: "15m" }, shows: [/create\s*:\s*"10m" => "15m"/] },
    replace: { config: { alias: "analytics-to-logs-2" }, forcedBy: "connectionAlias" },
    outOfBand: { what: "the connection deleted by its owner", act: deleteOpenSearchOutbound, expect: allGone },
    connection: {
      outbound: "analytics-to-logs",
      alias: "analytics-to-logs",
      finalStatus: "ACTIVE",
      remote: { account: "primary", ownerId: PRIMARY_ID, region: "us-east-1", domainName: "app-logs" },
      localDomain: "analytics",
    },
  },
  {
    dir: "opensearch-cross-account",
    inPlace: { config: { createTimeout: "25m" }, shows: [/create\s*:\s*"20m" => "25m"/] },
    replace: { config: { alias: "logs-to-partner-2" }, forcedBy: "connectionAlias" },
    outOfBand: { what: "the connection deleted by its owner", act: deleteOpenSearchOutbound, expect: allGone },
    connection: {
      outbound: "logs-to-partner",
      alias: "logs-to-partner",
      finalStatus: "ACTIVE",
      remote: { account: "partner", ownerId: PARTNER_ID, region: "us-east-1", domainName: "partner-logs" },
      localDomain: "app-logs",
    },
  },
  {
    dir: "opensearch-cross-region",
    inPlace: { config: { createTimeout: "15m" }, shows: [/create\s*:\s*"10m" => "15m"/] },
    replace: { config: { alias: "east-to-west-2" }, forcedBy: "connectionAlias" },
    outOfBand: { what: "the connection deleted by its owner", act: deleteOpenSearchOutbound, expect: allGone },
    connection: {
      outbound: "east-to-west",
      alias: "east-to-west",
      finalStatus: "ACTIVE",
      remote: { account: "primary", ownerId: PRIMARY_ID, region: "us-west-2", domainName: "app-logs-west" },
      localDomain: "app-logs",
    },
  },
  {
    dir: "opensearch-reject",
    inPlace: { config: { createTimeout: "15m" }, shows: [/create\s*:\s*"10m" => "15m"/] },
    replace: { config: { alias: "unwanted-request-2" }, forcedBy: "connectionAlias" },
    outOfBand: { what: "the rejected request deleted by its owner", act: deleteOpenSearchOutbound, expect: allGone },
    connection: {
      outbound: "unwanted",
      alias: "unwanted-request",
      finalStatus: "REJECTED",
      remote: { account: "partner", ownerId: PARTNER_ID, region: "us-east-1", domainName: "partner-logs" },
      localDomain: "app-logs",
    },
  },
  {
    dir: "elasticsearch-pair",
    inPlace: { config: { createTimeout: "15m" }, shows: [/create\s*:\s*"10m" => "15m"/] },
    replace: { config: { alias: "legacy-partner-2" }, forcedBy: "connectionAlias" },
    outOfBand: {
      what: "the connection deleted by its owner",
      async act(world, resources) {
        const conn = byType(resources, "elasticsearch:OutboundConnection");
        const client = new ElasticsearchServiceClient(sdkClientConfig(world.emulator, "primary", String(conn.outputs.region)));
        await client.send(new DeleteOutboundCrossClusterSearchConnectionCommand({ CrossClusterSearchConnectionId: conn.id }));
        client.destroy();
      },
      expect: allGone,
    },
  },
  {
    dir: "opensearch-data-sources",
    inPlace: { config: { createTimeout: "45m" }, shows: [/create\s*:\s*"30m" => "45m"/] },
    replace: { config: { domainArn: "arn:aws:es:us-east-1:111111111111:domain/analytics" }, forcedBy: "dataSourceArn" },
    outOfBand: {
      what: "the collection detached in the console",
      async act(world, resources) {
        const events = resources.find((r) => r.name === "events")!;
        const client = new OpenSearchClient(sdkClientConfig(world.emulator));
        await client.send(new DetachDataSourceCommand({ id: String(events.inputs.applicationId), dataSourceArn: String(events.inputs.dataSourceArn) }));
        client.destroy();
      },
      expect(stack) {
        assert.deepEqual(stack.readState().resources.map((r) => r.name), ["app-logs"]);
      },
    },
  },
];

/** The calls of a counts delta that may change AWS: every operation but reads (Describe/List/Get) and STS. */
const mutating = (delta: Record<string, number>) =>
  Object.fromEntries(Object.entries(delta).filter(([key]) => !key.startsWith("STS.") && !/\.(Describe|List|Get)/.test(key)));

/**
 * After `up` of an OpenSearch example: the remote domain's owner answered exactly once, in the remote domain's region
 * (through acceptWith or an accepter), and both owners see the connection, through the unmodified SDK, as the
 * example says.
 */
async function assertConnectionSides(world: World, stack: CliStack, up: OperationResult, sides: ConnectionSides, sinceSeq: number): Promise<void> {
  const answers = (await world.emulator.control.log()).filter(
    (e) => e.seq > sinceSeq && e.status === 200 && (e.operation === "AcceptInboundConnection" || e.operation === "RejectInboundConnection"),
  );
  const answer = sides.finalStatus === "REJECTED" ? "RejectInboundConnection" : "AcceptInboundConnection";
  assert.deepEqual(answers.map((e) => [e.operation, e.accountId, e.region]), [[answer, sides.remote.ownerId, sides.remote.region]]);
  const outbound = withId(stack.readState().resources.find((r) => r.type === "pulumi-nodejs:dynamic/opensearch:OutboundConnection" && r.name === sides.outbound)!);
  assert.match(outbound.id, /^cc-[a-z0-9]{22}$/);
  assert.equal(outbound.outputs.connectionId, outbound.id);
  assert.equal(outbound.outputs.region, "us-east-1");
  assert.equal(up.outputs.connectionId, outbound.id, "the example exports the connection's id");
  const accepter = stack.readState().resources.find((r) => r.type === "pulumi-nodejs:dynamic/opensearch:InboundConnectionAccepter");
  if (accepter) {
    assert.equal(accepter.id, outbound.id, "the accepter's id is the connection's");
    assert.equal(accepter.outputs.status, sides.finalStatus);
    assert.equal(accepter.outputs.region, sides.remote.region);
    assert.deepEqual(accepter.outputs.remoteDomain, { domainName: sides.remote.domainName, ownerId: sides.remote.ownerId, region: sides.remote.region });
    assert.deepEqual(accepter.outputs.localDomain, { domainName: sides.localDomain, ownerId: PRIMARY_ID, region: "us-east-1" });
  }
  const os = openSearchView(world);
  try {
    const seen = await os.outbound(outbound.id);
    assert.equal(seen?.ConnectionStatus?.StatusCode, sides.finalStatus);
    assert.equal(seen?.LocalDomainInfo?.AWSDomainInformation?.DomainName, sides.localDomain);
    assert.deepEqual(seen?.RemoteDomainInfo?.AWSDomainInformation, { OwnerId: sides.remote.ownerId, DomainName: sides.remote.domainName, Region: sides.remote.region });
    const inbound = await os.inbound(outbound.id, sides.remote.account, sides.remote.region);
    assert.equal(inbound?.ConnectionStatus?.StatusCode, sides.finalStatus);
    assert.equal((await os.record(outbound.id)).connectionAlias, sides.alias);
  } finally {
    os.dispose();
  }
}

/** The example folders the cases cover: every folder under examples/ must have one (tests/engine/example-cases.test.ts). */
export const EXAMPLE_CASE_DIRS: readonly string[] = CASES.map((c) => c.dir);

export function describeExample(dir: string): void {
  const c = CASES.find((candidate) => candidate.dir === dir);
  if (!c) throw new Error(`no example case for examples/${dir}`);
  describe(`every example through the real Pulumi CLI (emulator): examples/${c.dir}`, () => {
    let world: World;
    let stack: CliStack;
    before(async () => {
      world = await startWorld();
      stack = world.stack(path.join(EXAMPLES_DIR, c.dir));
    });
    after(async () => world?.dispose());
    const agree = () => assertCloudMatchesState(world, [stack], [{ account: "primary", region: "us-east-1" }]);

    it("preview --diff of a new stack (no AWS call), then up", async () => {
      const before = await world.emulator.control.counts();
      const preview = await stack.preview();
      world.assertOk(preview);
      assertGolden(`${c.dir}-1-create`, preview.text);
      assert.ok(preview.steps.length > 0 && preview.steps.every((s) => s.op === "create"));
      assert.deepEqual(await world.countsSince(before), {}, "a preview of new resources calls AWS not at all");
      const since = Math.max(0, ...(await world.emulator.control.log()).map((e) => e.seq));
      const up = await stack.up();
      world.assertOk(up);
      await agree();
      if (c.connection) await assertConnectionSides(world, stack, up, c.connection, since);
    });

    it("a second up with no change calls nothing that changes AWS", async () => {
      const before = await world.emulator.control.counts();
      const ids = stack.readState().resources.map((r) => r.id).sort();
      const up = await stack.up();
      world.assertOk(up);
      assertAllSame(up.steps, stack.readState().resources);
      assert.deepEqual(mutating(await world.countsSince(before)), {});
      assert.deepEqual(stack.readState().resources.map((r) => r.id).sort(), ids);
    });

    it(`an in-place change (${Object.keys(c.inPlace.config).join(", ")}): previewed as an update, applied without a new object`, async () => {
      const ids = stack.readState().resources.map((r) => r.id).sort();
      for (const [k, v] of Object.entries(c.inPlace.config)) stack.setConfig(k, v);
      const preview = await stack.preview();
      world.assertOk(preview);
      assertGolden(`${c.dir}-2-update`, preview.text);
      assert.ok(preview.steps.some((s) => s.op === "update"));
      assert.ok(!preview.steps.some((s) => s.op === "replace"));
      for (const shown of c.inPlace.shows) assert.match(preview.text, shown);
      world.assertOk(await stack.up());
      assert.deepEqual(stack.readState().resources.map((r) => r.id).sort(), ids);
      await agree();
    });

    it(`a replacing change (${c.replace.forcedBy}): the preview names the field that forces it`, async () => {
      for (const [k, v] of Object.entries(c.replace.config)) stack.setConfig(k, v);
      const preview = await stack.preview();
      world.assertOk(preview);
      assertGolden(`${c.dir}-3-replace`, preview.text);
      const replaced = preview.steps.filter((s) => s.op === "replace");
      assert.ok(replaced.length > 0);
      assert.ok(replaced.some((s) => s.replaceKeys.includes(c.replace.forcedBy)), JSON.stringify(replaced));
      // The CLI prints the changed fields but not which one forces the replacement: the provider says so, naming the
      // resource (its line shows on the Stack's row), in the future tense of a plan.
      assert.match(preview.text, new RegExp(`\\.\\w+ "[^"\\n]+" \\([^)\\n]+\\) will be replaced: [^\\n]*\\b${c.replace.forcedBy}\\b[^\\n]*cannot change in place`));
      world.assertOk(await stack.up());
      await agree();
    });

    it(`refresh after ${c.outOfBand.what}`, async () => {
      await c.outOfBand.act(world, stack.readState().resources);
      const result = await stack.refresh();
      world.assertOk(result);
      c.outOfBand.expect(stack, result);
      await agree();
    });

    it("destroy: nothing left", async () => {
      world.assertOk(await stack.destroy());
      assert.deepEqual(stack.readState().resources, []);
      await agree();
    });
  });
}
