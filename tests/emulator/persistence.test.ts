import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { CreateConnectionCommand, DescribeConnectionsCommand, TagResourceCommand } from "@aws-sdk/client-direct-connect";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { startEmulator } from "../../emulator";
import { StateFile } from "../../emulator/state-file";
import { emptyStoreData } from "../../emulator/store";
import { PARTNER, dxClient, stsClient } from "./helpers";

describe("emulator: --state file", function () {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "emulator-state-"));
    file = path.join(dir, "state.json");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps connections, tags, LAGs and STS sessions across a stop and start", async () => {
    const first = await startEmulator({ stateFile: file, manualClock: true });
    const dx = dxClient(first);
    const created = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "10Gbps", connectionName: "durable", requestMACSec: true }));
    await dx.send(new TagResourceCommand({ resourceArn: `arn:aws:directconnect:us-east-1:111111111111:dxcon/${created.connectionId}`, tags: [{ key: "k", value: "v" }] }));
    const lag = await first.control.seedLag({ account: "partner", region: "eu-west-1", location: "EqLD5", connectionsBandwidth: "100Gbps" });
    await first.control.advance(24 * 3600_000 + 500); // past the default day until the LOA
    const creds = (await stsClient(first).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER.accountId}:role/connections-admin`, RoleSessionName: "keep" }))).Credentials!;
    const before = (await dx.send(new DescribeConnectionsCommand({ connectionId: created.connectionId }))).connections;
    await first.stop();

    assert.deepEqual(readdirSync(dir), ["state.json"], "no temporary files left behind");
    JSON.parse(readFileSync(file, "utf8"));

    const second = await startEmulator({ stateFile: file, manualClock: true });
    try {
      const after = (await dxClient(second).send(new DescribeConnectionsCommand({ connectionId: created.connectionId }))).connections;
      assert.deepEqual(after, before);
      assert.equal(after?.[0].connectionState, "pending", "the clock resumed where it was saved");
      const temp = { accessKeyId: creds.AccessKeyId!, secretAccessKey: creds.SecretAccessKey!, sessionToken: creds.SessionToken! };
      const me = await stsClient(second, { credentials: temp }).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Account, PARTNER.accountId);
      const withLag = await dxClient(second, { account: PARTNER, region: "eu-west-1" }).send(
        new CreateConnectionCommand({ location: "EqLD5", bandwidth: "100Gbps", connectionName: "member", lagId: lag.lagId }),
      );
      assert.equal(withLag.lagId, lag.lagId);
    } finally {
      await second.stop();
    }
  });

  it("saves while running, and every save leaves a complete file", async () => {
    const emulator = await startEmulator({ stateFile: file, manualClock: true });
    try {
      const dx = dxClient(emulator);
      let reads = 0;
      let polling = true;
      const poller = (async () => {
        while (polling) {
          JSON.parse(readFileSync(file, "utf8")); // throws on a torn or partial file
          reads++;
          await sleep(1);
        }
      })();
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        ids.push((await dx.send(new CreateConnectionCommand({ location: "CSVA1", bandwidth: "1Gbps", connectionName: `c${i}` }))).connectionId!);
        await sleep(5);
      }
      await sleep(100);
      polling = false;
      await poller;
      assert.ok(reads > 10);
      const saved = readFileSync(file, "utf8");
      for (const id of ids) assert.ok(saved.includes(id), `${id} saved without a stop`);
    } finally {
      await emulator.stop();
    }
  });

  it("has every change on disk before answering the request that made it", async () => {
    const emulator = await startEmulator({ stateFile: file, manualClock: true });
    try {
      const dx = dxClient(emulator);
      for (let i = 0; i < 5; i++) {
        const created = await dx.send(new CreateConnectionCommand({ location: "CSVA1", bandwidth: "1Gbps", connectionName: `now${i}` }));
        // No waiting: the answer itself is the promise that the file has it.
        assert.ok(readFileSync(file, "utf8").includes(created.connectionId!), `${created.connectionId} is on disk when its create is answered`);
      }
      const lag = await emulator.control.seedLag({ account: "primary", region: "us-east-1", location: "EqDC2", connectionsBandwidth: "10Gbps" });
      assert.ok(readFileSync(file, "utf8").includes(lag.lagId), "control API changes too");
      assert.deepEqual(readdirSync(dir), ["state.json"]);
    } finally {
      await emulator.stop();
    }
  });

  it("groups concurrent commits into few writes, each covering every commit made before it started", async () => {
    let writes = 0;
    let version = 0;
    const state = new StateFile(file, () => {
      writes++;
      return { ...emptyStoreData(), global: { counter: version } };
    });
    const commits: Array<Promise<void>> = [];
    for (let i = 1; i <= 100; i++) {
      version = i;
      commits.push(state.commit());
    }
    await Promise.all(commits);
    // The first write started at the first commit; the other 99 waited for it and share the second.
    assert.equal(writes, 2);
    assert.equal((JSON.parse(readFileSync(file, "utf8")) as { global: { counter: number } }).global.counter, 100);
    await state.settled();
    assert.equal(writes, 2, "settling writes nothing");
    assert.deepEqual(readdirSync(dir), ["state.json"]);
  });

  it("loads a state file saved before listing positions and retention existed, and pages through it", async () => {
    const now = Date.now();
    const legacy = (id: string, name: string, state: string) => ({
      connectionId: id,
      connectionName: name,
      ownerAccount: "111111111111",
      region: "us-east-1",
      location: "EqDC2",
      bandwidth: "1Gbps",
      macSecCapable: false,
      awsDevice: "EqDC2-abcdefghijklm",
      awsLogicalDeviceId: "EqDC2-abcdefghijklm",
      jumboFrameCapable: true,
      hasLogicalRedundancy: "unknown",
      tags: [],
      connectionState: state,
      stateSince: now,
      createdAt: now,
    });
    writeFileSync(
      file,
      JSON.stringify({
        version: 1,
        clockAt: now,
        regional: {
          "111111111111/us-east-1": {
            directconnect: {
              connections: {
                "dxcon-legacy01": legacy("dxcon-legacy01", "a", "available"),
                "dxcon-legacy02": legacy("dxcon-legacy02", "b", "deleted"),
                "dxcon-legacy03": legacy("dxcon-legacy03", "c", "available"),
              },
              lags: {},
            },
          },
        },
        global: {},
      }),
    );
    const emulator = await startEmulator({ stateFile: file, manualClock: true });
    try {
      const dx = dxClient(emulator);
      const first = await dx.send(new DescribeConnectionsCommand({ maxResults: 2 }));
      assert.deepEqual(first.connections?.map((c) => c.connectionName), ["a", "b"]);
      const created = await dx.send(new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "d" }));
      const second = await dx.send(new DescribeConnectionsCommand({ maxResults: 2, nextToken: first.nextToken }));
      assert.deepEqual(second.connections?.map((c) => c.connectionName), ["c", "d"]);
      assert.equal(second.connections?.[1].connectionId, created.connectionId);
      await emulator.control.advance(24 * 3600_000);
      const all = await dx.send(new DescribeConnectionsCommand({}));
      assert.deepEqual(all.connections?.map((c) => c.connectionName), ["a", "c", "d"], "the deleted one aged out");
    } finally {
      await emulator.stop();
    }
  });

  it("refuses to start from a corrupt state file rather than discarding it", async () => {
    writeFileSync(file, "{ not json");
    await assert.rejects(startEmulator({ stateFile: file }), /JSON/);
    writeFileSync(file, JSON.stringify({ hello: "world" }));
    await assert.rejects(startEmulator({ stateFile: file }), /not an emulator state file/);
    assert.equal(readFileSync(file, "utf8"), JSON.stringify({ hello: "world" }));
  });
});
