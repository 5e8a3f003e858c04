import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateOutboundCrossClusterSearchConnectionCommand } from "@aws-sdk/client-elasticsearch-service";
import {
  AcceptInboundConnectionCommand,
  CreateOutboundConnectionCommand,
  DescribeInboundConnectionsCommand,
  DescribeOutboundConnectionsCommand,
  type OpenSearchClient,
} from "@aws-sdk/client-opensearch";
import { DEFAULT_CROSS_CLUSTER_TRANSITIONS, SEEDED_DOMAINS, startEmulator, type DomainInput, type Emulator } from "../../emulator";
import { PARTNER, PRIMARY, esClient, osClient, rawRequest, rejection, useEmulator } from "./helpers";

const SECOND = 1000;
const ROOT = path.resolve(__dirname, "..", "..");

function create(alias: string, local = "app-logs", remote = "partner-logs", owner = PARTNER.accountId, region?: string): CreateOutboundConnectionCommand {
  return new CreateOutboundConnectionCommand({
    LocalDomainInfo: { AWSDomainInformation: { DomainName: local } },
    RemoteDomainInfo: { AWSDomainInformation: { DomainName: remote, OwnerId: owner, ...(region ? { Region: region } : {}) } },
    ConnectionAlias: alias,
  });
}

async function statusOf(os: OpenSearchClient, id: string): Promise<{ StatusCode?: string; Message?: string } | undefined> {
  const out = await os.send(new DescribeOutboundConnectionsCommand({ Filters: [{ Name: "connection-id", Values: [id] }] }));
  return out.Connections?.[0]?.ConnectionStatus;
}

describe("emulator: OpenSearch domains, control API and persistence", function () {
  describe("control API", () => {
    const emulator = useEmulator({ manualClock: true });
    const os = (account = PRIMARY) => osClient(emulator(), { account, maxAttempts: 1 });
    beforeEach(() => emulator().control.reset());

    it("seeds a realistic set of domains in three accounts and three regions", async () => {
      const domains = await emulator().control.domains();
      const summary = domains.map((d) => `${d.accountId} ${d.region} ${d.domainName} ${d.engineVersion}${d.vpc ? " vpc" : ""}`);
      for (const expected of [
        "111111111111 us-east-1 app-logs OpenSearch_2.11",
        "111111111111 us-east-1 analytics OpenSearch_2.13",
        "111111111111 us-east-1 legacy-search Elasticsearch_7.10",
        "111111111111 us-east-1 old-metrics OpenSearch_1.3",
        "111111111111 us-east-1 private-logs OpenSearch_2.11 vpc",
        "111111111111 us-west-2 app-logs-west OpenSearch_2.11",
        "222222222222 us-east-1 partner-logs OpenSearch_2.11",
        "222222222222 us-east-1 partner-legacy Elasticsearch_7.10",
        "222222222222 us-east-1 partner-es68 Elasticsearch_6.8",
        "222222222222 eu-west-1 partner-logs-eu OpenSearch_2.13 vpc",
        "333333333333 us-east-1 third-logs OpenSearch_2.11",
      ]) {
        assert.ok(summary.includes(expected), `${expected} in ${summary.join("; ")}`);
      }
      assert.equal(domains.length, SEEDED_DOMAINS.length);
      assert.equal(domains[0].arn, "arn:aws:es:us-east-1:111111111111:domain/app-logs");
    });

    it("adds, replaces and removes domains; reset restores the seeded set", async () => {
      const control = emulator().control;
      const added = await control.putDomain({ account: "third", region: "ap-southeast-2", domainName: "sydney-logs", engineVersion: "OpenSearch_2.9", vpc: true });
      assert.deepEqual(added, {
        accountId: "333333333333",
        region: "ap-southeast-2",
        domainName: "sydney-logs",
        engineVersion: "OpenSearch_2.9",
        vpc: true,
        arn: "arn:aws:es:ap-southeast-2:333333333333:domain/sydney-logs",
      });
      // A connection to the new domain validates; after removing it, a new one fails validation.
      const ok = (await os().send(create("to-sydney", "app-logs", "sydney-logs", "333333333333", "ap-southeast-2"))).ConnectionId!;
      await control.putDomain({ account: "333333333333", region: "ap-southeast-2", domainName: "sydney-logs", engineVersion: "OpenSearch_2.3" });
      assert.equal((await control.domains()).filter((d) => d.domainName === "sydney-logs").length, 1, "same account, region and name replaces");
      await control.deleteDomain("third", "ap-southeast-2", "sydney-logs");
      await assert.rejects(control.deleteDomain("third", "ap-southeast-2", "sydney-logs"), /\(400\).*no domain sydney-logs/);
      await control.advance(5 * SECOND);
      assert.equal((await statusOf(os(), ok))?.StatusCode, "PENDING_ACCEPTANCE", "validation was decided when it was created");

      await control.deleteDomain("primary", "us-east-1", "app-logs");
      const err = await rejection(os().send(create("gone")));
      assert.equal(err.name, "ResourceNotFoundException");
      await control.reset();
      assert.equal((await control.domains()).length, SEEDED_DOMAINS.length);
      assert.ok((await control.domains()).some((d) => d.domainName === "app-logs"));
    });

    it("reports bad domains with 400 and a message", async () => {
      const control = emulator().control;
      const bad: Array<[Partial<DomainInput>, RegExp]> = [
        [{ account: "nobody" }, /unknown account nobody/],
        [{ region: "moon" }, /not a region name/],
        [{ domainName: "No_Caps" }, /3-28 characters/],
        [{ engineVersion: "OpenSearch2" }, /must look like OpenSearch_2\.11/],
        [{ vpc: "yes" as unknown as boolean }, /vpc must be a boolean/],
      ];
      for (const [overrides, message] of bad) {
        await assert.rejects(control.putDomain({ account: "primary", region: "us-east-1", domainName: "fine-name", engineVersion: "OpenSearch_2.11", ...overrides }), message);
      }
      const res = await rawRequest(emulator().endpoint, { method: "POST", path: "/_emulator/opensearch/domains", headers: { "content-type": "application/json" }, body: "[]" });
      assert.equal(res.status, 400);
    });

    it("forces statuses out of band, and the automatic transitions continue from there", async () => {
      const control = emulator().control;
      const id = (await os().send(create("forced"))).ConnectionId!;
      const forced = await control.setCrossClusterStatus(id, "VALIDATION_FAILED", "The remote domain is unreachable.");
      assert.equal(forced.status, "VALIDATION_FAILED");
      assert.deepEqual(await statusOf(os(), id), { StatusCode: "VALIDATION_FAILED", Message: "The remote domain is unreachable." });
      await control.setCrossClusterStatus(id, "PROVISIONING");
      assert.deepEqual(await statusOf(os(), id), { StatusCode: "PROVISIONING" });
      await control.advance(60 * SECOND);
      assert.deepEqual(await statusOf(os(), id), { StatusCode: "ACTIVE" });
      await assert.rejects(control.setCrossClusterStatus(id, "BROKEN" as "ACTIVE"), /status must be one of/);
      await assert.rejects(control.setCrossClusterStatus("cc-nothing0000", "ACTIVE"), /no connection cc-nothing0000/);
    });

    it("changes timings (null = never); reset restores them unless keepTimings", async () => {
      const control = emulator().control;
      assert.deepEqual(await control.crossClusterTransitions(), DEFAULT_CROSS_CLUSTER_TRANSITIONS);
      const changed = await control.setCrossClusterTransitions({ validation: 0, provisioningToActive: null });
      assert.deepEqual(changed, { ...DEFAULT_CROSS_CLUSTER_TRANSITIONS, validation: 0, provisioningToActive: null });
      const id = (await os().send(create("never-active"))).ConnectionId!;
      assert.equal((await statusOf(os(), id))?.StatusCode, "PENDING_ACCEPTANCE", "zero validation completes at once");
      await os(PARTNER).send(new AcceptInboundConnectionCommand({ ConnectionId: id }));
      await control.advance(365 * 24 * 3600 * SECOND);
      assert.equal((await statusOf(os(), id))?.StatusCode, "PROVISIONING");
      await assert.rejects(control.setCrossClusterTransitions({ bogus: 1 } as never), /unknown transition bogus/);
      await assert.rejects(control.setCrossClusterTransitions({ validation: -1 }), /non-negative/);
      await control.reset({ keepTimings: true });
      assert.equal((await control.crossClusterTransitions()).provisioningToActive, null);
      await control.reset();
      assert.deepEqual(await control.crossClusterTransitions(), DEFAULT_CROSS_CLUSTER_TRANSITIONS);
    });

    it("lists every connection of both families, and shows them in the state snapshot", async () => {
      const control = emulator().control;
      const a = (await os().send(create("listed"))).ConnectionId!;
      const b = (
        await esClient(emulator()).send(
          new CreateOutboundCrossClusterSearchConnectionCommand({
            SourceDomainInfo: { DomainName: "legacy-search" },
            DestinationDomainInfo: { DomainName: "partner-legacy", OwnerId: PARTNER.accountId },
            ConnectionAlias: "listed",
          }),
        )
      ).CrossClusterSearchConnectionId!;
      const all = await control.crossClusterConnections();
      assert.deepEqual(
        all.map((c) => [c.connectionId, c.family, c.local.domainName, c.remote.ownerId, c.status]),
        [
          [a, "opensearch", "app-logs", PARTNER.accountId, "VALIDATING"],
          [b, "elasticsearch", "legacy-search", PARTNER.accountId, "VALIDATING"],
        ],
      );
      await control.advance(5 * SECOND);
      const snapshot = await control.snapshot();
      const cc = snapshot.global.crosscluster as { connections: Record<string, { status: string }>; domains: unknown[] };
      assert.equal(cc.connections[a].status, "PENDING_ACCEPTANCE", "the snapshot shows statuses as of now");
      assert.equal(cc.domains.length, SEEDED_DOMAINS.length);
    });
  });

  describe("options and persistence", () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "emulator-os-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const only: DomainInput[] = [
      { account: "primary", region: "us-east-1", domainName: "only-source", engineVersion: "OpenSearch_2.11" },
      { account: "partner", region: "us-east-1", domainName: "only-dest", engineVersion: "OpenSearch_2.11" },
    ];

    async function withEmulator<T>(options: Parameters<typeof startEmulator>[0], body: (e: Emulator) => Promise<T>): Promise<T> {
      const e = await startEmulator(options);
      try {
        return await body(e);
      } finally {
        await e.stop();
      }
    }

    it("replaces the fixture with `domains` or `domainsFile`, and refuses a bad file", async () => {
      await withEmulator({ manualClock: true, domains: only }, async (e) => {
        assert.deepEqual((await e.control.domains()).map((d) => d.domainName), ["only-source", "only-dest"]);
        await e.control.reset();
        assert.equal((await e.control.domains()).length, 2, "reset restores the configured seed, not the fixture");
      });
      const file = path.join(dir, "domains.json");
      writeFileSync(file, JSON.stringify(only.slice(1)));
      await withEmulator({ manualClock: true, domainsFile: file }, async (e) => {
        assert.deepEqual((await e.control.domains()).map((d) => d.domainName), ["only-dest"]);
      });
      writeFileSync(file, JSON.stringify([{ account: "primary", region: "us-east-1", domainName: "x", engineVersion: "OpenSearch_2.11" }]));
      await assert.rejects(startEmulator({ domainsFile: file }), /domains\.json: domainName x must be 3-28 characters/);
      await assert.rejects(startEmulator({ domains: [...only, only[0]] }), /listed twice/);
    });

    it("keeps connections, their statuses and control-API domains across a restart", async () => {
      const stateFile = path.join(dir, "state.json");
      const { id, before } = await withEmulator({ manualClock: true, stateFile }, async (e) => {
        await e.control.putDomain({ account: "partner", region: "us-east-1", domainName: "late-domain", engineVersion: "OpenSearch_2.11" });
        const os = osClient(e, { maxAttempts: 1 });
        const created = (await os.send(create("durable", "app-logs", "late-domain"))).ConnectionId!;
        await e.control.advance(5 * SECOND);
        await osClient(e, { account: PARTNER, maxAttempts: 1 }).send(new AcceptInboundConnectionCommand({ ConnectionId: created }));
        await e.control.advance(5 * SECOND); // PROVISIONING, 60 s from ACTIVE
        const listed = (await os.send(new DescribeOutboundConnectionsCommand({}))).Connections;
        return { id: created, before: listed };
      });

      await withEmulator({ manualClock: true, stateFile }, async (e) => {
        const os = osClient(e, { maxAttempts: 1 });
        assert.deepEqual((await os.send(new DescribeOutboundConnectionsCommand({}))).Connections, before);
        assert.equal((await statusOf(os, id))?.StatusCode, "PROVISIONING", "the clock resumed where it was saved");
        await e.control.advance(60 * SECOND);
        assert.equal((await statusOf(os, id))?.StatusCode, "ACTIVE");
        assert.ok((await e.control.domains()).some((d) => d.domainName === "late-domain"), "control-API domains are kept");
        const inbound = await osClient(e, { account: PARTNER, maxAttempts: 1 }).send(new DescribeInboundConnectionsCommand({}));
        assert.deepEqual(inbound.Connections?.map((c) => c.ConnectionId), [id]);
      });

      // Explicit domains replace the saved ones; connections stay.
      await withEmulator({ manualClock: true, stateFile, domains: only }, async (e) => {
        assert.deepEqual((await e.control.domains()).map((d) => d.domainName), ["only-source", "only-dest"]);
        assert.equal((await statusOf(osClient(e, { maxAttempts: 1 }), id))?.StatusCode, "ACTIVE");
      });
    });

    it("takes --domains on the command line and lists the domains in its banner", async function () {
      const file = path.join(dir, "cli-domains.json");
      writeFileSync(file, JSON.stringify(only));
      const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "emulator", "cli.ts"), "--port", "0", "--domains", file], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      });
      try {
        const banner = await new Promise<string>((resolve, reject) => {
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => {
            out += chunk.toString("utf8");
            if (out.includes("export AWS_ENDPOINT_URL_ELASTICSEARCH_SERVICE=")) resolve(out);
          });
          child.on("exit", (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
        });
        assert.match(banner, /111111111111 us-east-1\s+only-source\s+OpenSearch_2\.11/);
        assert.match(banner, /222222222222 us-east-1\s+only-dest\s+OpenSearch_2\.11/);
        assert.doesNotMatch(banner, /app-logs/);
      } finally {
        child.kill("SIGTERM");
      }
      const bad = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", path.join(ROOT, "emulator", "cli.ts"), "--domains", path.join(dir, "missing.json")], {
        cwd: ROOT,
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      });
      let err = "";
      bad.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
      const code = await new Promise<number | null>((resolve) => bad.on("exit", resolve));
      assert.equal(code, 2);
      assert.match(err, /missing\.json/);
    });
  });
});
