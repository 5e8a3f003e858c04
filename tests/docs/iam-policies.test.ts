import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { RequestLogEntry } from "../../emulator";
import * as provider from "../../provider";
import { EXTERNAL_ID, PARTNER, PARTNER_ROLE, directWorld, type DirectWorld } from "../support/crosscluster";
import { REPO_ROOT } from "../support/world";

/**
 * The least-privilege IAM policies in docs/iam/ (README "IAM permissions") are exactly the actions each resource kind
 * calls: every lifecycle step (create, refresh, in-place update, delete, and both answers of an accepter) runs
 * against the emulator, whose request log names each call; a call's IAM action is its API's prefix and the operation's
 * name (OpenSearch and the legacy Elasticsearch API both authorize under `es:`). A policy lacking a call fails this
 * test, and so does a policy granting something no step calls.
 */
const IAM_PREFIX: Record<string, string> = { DirectConnect: "directconnect", OpenSearch: "es", Elasticsearch: "es", STS: "sts" };
const POLICY_DIR = path.join(REPO_ROOT, "docs/iam");
const PARTNER_AWS = { roleArn: PARTNER_ROLE, externalId: EXTERNAL_ID };

interface PolicyDocument {
  Version: string;
  Statement: { Sid: string; Effect: string; Action: string[]; Resource: string }[];
}

function policyActions(file: string): string[] {
  const doc = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, file), "utf8")) as PolicyDocument;
  assert.equal(doc.Version, "2012-10-17");
  return doc.Statement.flatMap((s) => {
    assert.equal(s.Effect, "Allow");
    return s.Action;
  }).sort();
}

function actionOf(entry: RequestLogEntry): string {
  const prefix = IAM_PREFIX[entry.service];
  assert.ok(prefix, `no IAM prefix known for ${entry.service}`);
  return `${prefix}:${entry.operation}`;
}

describe("IAM policies in docs/iam are exactly what each resource kind calls (provider entry, emulator request log)", function () {
  let world: DirectWorld;
  beforeEach(async () => {
    world = await directWorld();
  });
  afterEach(async () => world?.dispose());

  /** The IAM actions (with the account each was called in) of the requests `steps` made. */
  async function actionsDuring(steps: () => Promise<void>): Promise<{ action: string; accountId?: string }[]> {
    const before = (await world.emulator.control.log()).length;
    await steps();
    return (await world.emulator.control.log()).slice(before).map((e) => ({ action: actionOf(e), accountId: e.accountId }));
  }

  function distinct(calls: { action: string }[]): string[] {
    return [...new Set(calls.map((c) => c.action))].sort();
  }

  it("directconnect.Connection: create (MACsec mode, tags), refresh, rename and retag in place, delete", async () => {
    const calls = await actionsDuring(async () => {
      const inputs = { location: "EqDC2", bandwidth: "10Gbps", connectionName: "iam-edge", requestMACSec: true, encryptionMode: "should_encrypt", tags: { team: "network", keep: "yes" } };
      const made = await provider.create("directconnect:Connection", inputs);
      await provider.read("directconnect:Connection", made.id, made.outs);
      const changed = { ...inputs, connectionName: "iam-edge-renamed", tags: { team: "platform" } };
      const updated = await provider.update("directconnect:Connection", made.id, made.outs, changed);
      await provider.delete("directconnect:Connection", made.id, updated.outs);
    });
    assert.deepEqual(distinct(calls), policyActions("directconnect-connection.json"));
  });

  for (const family of ["opensearch", "elasticsearch"] as const) {
    const outbound =
      family === "opensearch"
        ? { localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs", ownerId: PARTNER.accountId }, connectionAlias: "iam-pair" }
        : { sourceDomain: { domainName: "legacy-search" }, destinationDomain: { domainName: "partner-legacy", ownerId: PARTNER.accountId }, connectionAlias: "iam-pair" };

    it(`${family}.OutboundConnection and ${family}.InboundConnectionAccepter (through a role in the remote account): accept and reject, refresh, delete`, async () => {
      const outboundCalls: { action: string }[] = [];
      const accepterCalls: { action: string; accountId?: string }[] = [];
      for (const action of ["accept", "reject"]) {
        let made: { id: string; outs: Record<string, unknown> } | undefined;
        outboundCalls.push(...(await actionsDuring(async () => {
          made = await provider.create(`${family}:OutboundConnection`, { ...outbound, connectionAlias: `iam-${action}` });
          await provider.read(`${family}:OutboundConnection`, made.id, made.outs);
        })));
        const id = made!.id;
        let answer: { id: string; outs: Record<string, unknown> } | undefined;
        accepterCalls.push(...(await actionsDuring(async () => {
          answer = await provider.create(`${family}:InboundConnectionAccepter`, { connectionId: id, action, aws: PARTNER_AWS });
          await provider.read(`${family}:InboundConnectionAccepter`, answer.id, answer.outs);
          await provider.delete(`${family}:InboundConnectionAccepter`, answer.id, answer.outs);
        })));
        outboundCalls.push(...(await actionsDuring(() => provider.delete(`${family}:OutboundConnection`, id, made!.outs))));
      }
      // With acceptWith, the outbound resource also answers as the remote owner, in the remote account: those calls are
      // a part of the accepter's policy, which the role acceptWith names needs.
      let accepting: { id: string; outs: Record<string, unknown> } | undefined;
      const acceptWithCalls = await actionsDuring(async () => {
        accepting = await provider.create(`${family}:OutboundConnection`, { ...outbound, connectionAlias: "iam-acceptwith", acceptWith: PARTNER_AWS });
        await provider.delete(`${family}:OutboundConnection`, accepting.id, accepting.outs);
      });
      outboundCalls.push(...acceptWithCalls.filter((c) => c.accountId !== PARTNER.accountId && c.action !== "sts:AssumeRole"));
      const remoteOwnerCalls = distinct(acceptWithCalls.filter((c) => c.accountId === PARTNER.accountId));
      assert.deepEqual(distinct(outboundCalls), policyActions(`${family}-outbound-connection.json`));
      // The accepter's own calls are made in the remote account, under the role; assuming it is the caller's.
      const asRole = accepterCalls.filter((c) => c.action !== "sts:AssumeRole");
      assert.ok(asRole.every((c) => c.accountId === PARTNER.accountId), JSON.stringify(asRole));
      assert.deepEqual(distinct(asRole), policyActions(`${family}-inbound-connection-accepter.json`));
      assert.deepEqual(distinct(accepterCalls.filter((c) => c.action === "sts:AssumeRole")), policyActions("assume-role.json"));
      const accepterPolicy = policyActions(`${family}-inbound-connection-accepter.json`);
      assert.ok(remoteOwnerCalls.length > 0 && remoteOwnerCalls.every((a) => accepterPolicy.includes(a)), `acceptWith called ${remoteOwnerCalls.join(", ")}`);
    });
  }

  it("opensearch.DataSourceAttachment: attach (with a new workspace), refresh, detach", async () => {
    const calls = await actionsDuring(async () => {
      const inputs = { applicationId: "logsapp01", dataSourceArn: "arn:aws:es:us-east-1:111111111111:domain/app-logs", workspaceConfiguration: { name: "Application logs", workspaceType: "OBSERVABILITY" } };
      const made = await provider.create("opensearch:DataSourceAttachment", inputs);
      await provider.read("opensearch:DataSourceAttachment", made.id, made.outs);
      await provider.delete("opensearch:DataSourceAttachment", made.id, made.outs);
    });
    assert.deepEqual(distinct(calls), policyActions("opensearch-data-source-attachment.json"));
  });
});
