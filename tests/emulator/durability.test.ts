import { strict as assert } from "node:assert";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateConnectionCommand, DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { CreateOutboundConnectionCommand, DescribeOutboundConnectionsCommand, OpenSearchClient } from "@aws-sdk/client-opensearch";
import { TEST_ACCOUNTS, type TestAccount } from "../../emulator";
import { exitCode, startCli } from "./cli-process";
import { credsOf } from "./helpers";

/** Creates that can all succeed: 10 connections per location and account, 20 outbound connections per domain. */
const DX_LOCATIONS = ["EqDC2", "CSVA1", "EqNY5", "EqAT1"];
const OS_DOMAINS: Array<{ account: TestAccount; domainName: string }> = [
  { account: TEST_ACCOUNTS[0], domainName: "app-logs" },
  { account: TEST_ACCOUNTS[0], domainName: "analytics" },
  { account: TEST_ACCOUNTS[1], domainName: "partner-logs" },
];
/** Kill once this many creates have been acknowledged; the workers keep requests in flight until the kill. */
const KILL_AFTER_ACKS = 40;

interface Acked {
  kind: "dx" | "os";
  account: TestAccount;
  id: string;
  name: string;
}

describe("emulator: --state survives kill -9", function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "emulator-durable-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every create that was answered 200, and leaves no temporary file", async () => {
    const stateFile = path.join(dir, "state.json");
    const first = await startCli(["--port", "0", "--state", stateFile, "--manual-clock"]);
    const acked: Acked[] = [];
    let killed = false;
    let onEnough: () => void = () => undefined;
    const enough = new Promise<void>((resolve) => (onEnough = resolve));

    // One attempt per request: a retry would reach nothing once the process is gone, and only answers count.
    const dx = (account: TestAccount) => new DirectConnectClient({ endpoint: first.endpoint, region: "us-east-1", credentials: credsOf(account), maxAttempts: 1 });
    const os = (account: TestAccount) => new OpenSearchClient({ endpoint: first.endpoint, region: "us-east-1", credentials: credsOf(account), maxAttempts: 1 });
    const record = (entry: Acked): void => {
      // An answer that arrives after the kill signal was still sent by the process: it counts like the others.
      acked.push(entry);
      if (acked.length >= KILL_AFTER_ACKS) onEnough();
    };

    let sequence = 0;
    const dxWorker = async (account: TestAccount, location: string): Promise<void> => {
      const client = dx(account);
      for (let i = 0; i < 10 && !killed; i++) {
        const name = `durable-${sequence++}`;
        try {
          const out = await client.send(new CreateConnectionCommand({ location, bandwidth: "1Gbps", connectionName: name }));
          if (out.$metadata.httpStatusCode === 200) record({ kind: "dx", account, id: out.connectionId!, name });
        } catch {
          // Refused or cut off by the kill: not acknowledged, so nothing is asserted about it.
        }
      }
      client.destroy();
    };
    const osWorker = async (account: TestAccount, domainName: string): Promise<void> => {
      const client = os(account);
      for (let i = 0; i < 20 && !killed; i++) {
        const name = `alias-${sequence++}`;
        try {
          const out = await client.send(
            new CreateOutboundConnectionCommand({
              LocalDomainInfo: { AWSDomainInformation: { DomainName: domainName } },
              RemoteDomainInfo: { AWSDomainInformation: { DomainName: "third-logs", OwnerId: TEST_ACCOUNTS[2].accountId, Region: "us-east-1" } },
              ConnectionAlias: name,
            }),
          );
          if (out.$metadata.httpStatusCode === 200) record({ kind: "os", account, id: out.ConnectionId!, name });
        } catch {
          // as above
        }
      }
      client.destroy();
    };

    const workers = [
      ...TEST_ACCOUNTS.flatMap((account) => DX_LOCATIONS.map((location) => dxWorker(account, location))),
      ...OS_DOMAINS.map(({ account, domainName }) => osWorker(account, domainName)),
    ];
    await Promise.race([enough, Promise.all(workers)]);
    killed = true;
    first.child.kill("SIGKILL");
    await exitCode(first.child);
    await Promise.all(workers);
    assert.ok(acked.length >= KILL_AFTER_ACKS, `only ${acked.length} creates were answered before the kill`);

    // What a kill between creating and renaming a temporary file leaves: it must be removed, never loaded.
    const leftover = `.state.json.${first.child.pid}.0badc0de.tmp`;
    writeFileSync(path.join(dir, leftover), JSON.stringify({ version: 1, regional: {}, global: {} }));

    const second = await startCli(["--port", "0", "--state", stateFile, "--manual-clock"]);
    try {
      assert.deepEqual(readdirSync(dir), ["state.json"], "no temporary file is left after a restart");
      for (const account of TEST_ACCOUNTS) {
        const client = new DirectConnectClient({ endpoint: second.endpoint, region: "us-east-1", credentials: credsOf(account) });
        const stored = new Map((await client.send(new DescribeConnectionsCommand({}))).connections?.map((c) => [c.connectionId, c.connectionName]));
        for (const a of acked.filter((x) => x.kind === "dx" && x.account === account)) {
          assert.equal(stored.get(a.id), a.name, `acknowledged Direct Connect create ${a.id} (${a.name}) of ${account.name} was lost`);
        }
        client.destroy();
      }
      for (const account of new Set(OS_DOMAINS.map((d) => d.account))) {
        const client = new OpenSearchClient({ endpoint: second.endpoint, region: "us-east-1", credentials: credsOf(account) });
        const stored = new Map<string, string>();
        let token: string | undefined;
        do {
          const page = await client.send(new DescribeOutboundConnectionsCommand({ MaxResults: 100, NextToken: token }));
          for (const c of page.Connections ?? []) stored.set(c.ConnectionId!, c.ConnectionAlias!);
          token = page.NextToken;
        } while (token);
        for (const a of acked.filter((x) => x.kind === "os" && x.account === account)) {
          assert.equal(stored.get(a.id), a.name, `acknowledged OpenSearch create ${a.id} (${a.name}) of ${account.name} was lost`);
        }
        client.destroy();
      }
    } finally {
      second.child.kill("SIGKILL");
      await exitCode(second.child);
    }
  });
});
