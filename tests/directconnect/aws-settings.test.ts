import { strict as assert } from "assert";
import { CreateConnectionCommand, DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import * as provider from "../../provider";
import { resetClients } from "../../provider/core/aws-clients";
import type { Emulator } from "../../emulator";
import { startProfileEmulator, type ProfileEmulator } from "../support/profile-home";

/**
 * Clients are built inside the provider from each resource's `aws` settings (or the standard chain), so one program can
 * act in several accounts and regions without a credential ever becoming an input. Also adoptId.
 */
const KIND = "directconnect:Connection";
const BASE = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "settings-test" };

describe("directconnect.Connection aws settings and adoptId", function () {
  let emulator: Emulator;
  let world: ProfileEmulator;

  before(async () => {
    world = await startProfileEmulator({ name: "partner", accountId: "222222222222", config: "region = eu-west-1\n" });
    emulator = world.emulator;
    assert.equal(process.env.AWS_ACCESS_KEY_ID, emulator.accounts[0].accessKeyId);
  });
  after(async () => world?.stop());
  beforeEach(() => resetClients());

  function clientFor(account: number, region: string): DirectConnectClient {
    const { accessKeyId, secretAccessKey } = emulator.accounts[account];
    return new DirectConnectClient({ endpoint: emulator.endpoint, region, credentials: { accessKeyId, secretAccessKey } });
  }
  async function ownerOf(id: string, account: number, region: string): Promise<string | undefined> {
    const found = await clientFor(account, region).send(new DescribeConnectionsCommand({ connectionId: id })).catch(() => undefined);
    return found?.connections?.[0]?.ownerAccount;
  }

  it("the standard chain: environment keys and AWS_REGION", async () => {
    const { id } = await provider.create(KIND, BASE);
    assert.equal(await ownerOf(id, 0, "us-east-1"), emulator.accounts[0].accountId);
    await provider.delete(KIND, id, BASE);
  });

  it("aws.region acts in that region", async () => {
    const inputs = { ...BASE, location: "EqSe2", aws: { region: "us-west-2" } };
    const { id, outs } = await provider.create(KIND, inputs);
    assert.equal(await ownerOf(id, 0, "us-west-2"), emulator.accounts[0].accountId);
    assert.match(String(outs.arn), /^arn:aws:directconnect:us-west-2:/);
    await provider.delete(KIND, id, outs);
  });

  it("aws.profile takes the profile's keys, and its region when AWS_REGION does not say otherwise", async () => {
    const region = process.env.AWS_REGION;
    // As in the AWS CLI and SDKs, AWS_REGION outranks a profile's region.
    delete process.env.AWS_REGION;
    try {
      const inputs = { ...BASE, location: "EqLD5", aws: { profile: "partner" } };
      const { id, outs } = await provider.create(KIND, inputs);
      assert.equal(await ownerOf(id, 1, "eu-west-1"), emulator.accounts[1].accountId);
      await provider.delete(KIND, id, outs);
    } finally {
      process.env.AWS_REGION = region;
    }
  });

  it("aws.roleArn with externalId assumes the role in another account", async () => {
    const partner = emulator.accounts[1].accountId;
    const inputs = { ...BASE, aws: { region: "us-east-1", roleArn: `arn:aws:iam::${partner}:role/connections-admin-external`, externalId: "pulumi-aws-connections-test" } };
    const { id, outs } = await provider.create(KIND, inputs);
    assert.equal(await ownerOf(id, 1, "us-east-1"), partner);
    assert.equal(outs.ownerAccount, partner);
    assert.equal(JSON.stringify(outs).includes(emulator.accounts[0].secretAccessKey), false);
    await provider.delete(KIND, id, outs);
  });

  it("a wrong externalId fails with STS's error and creates nothing", async () => {
    const partner = emulator.accounts[1].accountId;
    const before = (await emulator.control.counts())["DirectConnect.CreateConnection"] ?? 0;
    const inputs = { ...BASE, aws: { region: "us-east-1", roleArn: `arn:aws:iam::${partner}:role/connections-admin-external`, externalId: "wrong-id" } };
    await assert.rejects(provider.create(KIND, inputs), /AccessDenied|not authorized/);
    assert.equal((await emulator.control.counts())["DirectConnect.CreateConnection"] ?? 0, before);
  });

  it("aws.endpoint overrides a missing AWS_ENDPOINT_URL_DIRECT_CONNECT", async () => {
    const endpointVar = process.env.AWS_ENDPOINT_URL_DIRECT_CONNECT;
    delete process.env.AWS_ENDPOINT_URL_DIRECT_CONNECT;
    try {
      const inputs = { ...BASE, aws: { endpoint: emulator.endpoint } };
      const { id, outs } = await provider.create(KIND, inputs);
      assert.equal(await ownerOf(id, 0, "us-east-1"), emulator.accounts[0].accountId);
      await provider.delete(KIND, id, outs);
    } finally {
      process.env.AWS_ENDPOINT_URL_DIRECT_CONNECT = endpointVar;
    }
  });

  it("adoptId takes over an existing connection with matching settings", async () => {
    const made = await clientFor(0, "us-east-1").send(new CreateConnectionCommand({ ...BASE, connectionName: "made-by-hand" }));
    const creates = (await emulator.control.counts())["DirectConnect.CreateConnection"];
    const { id, outs } = await provider.create(KIND, { ...BASE, connectionName: "made-by-hand", adoptId: made.connectionId });
    assert.equal(id, made.connectionId);
    assert.ok(["requested", "pending", "available"].includes(String(outs.connectionState)), String(outs.connectionState));
    assert.equal((await emulator.control.counts())["DirectConnect.CreateConnection"], creates, "adoption creates nothing");
  });

  it("adoptId with differing settings names each differing input and changes nothing", async () => {
    const made = await clientFor(0, "us-east-1").send(new CreateConnectionCommand({ ...BASE, connectionName: "other-name" }));
    await assert.rejects(
      provider.create(KIND, { ...BASE, bandwidth: "10Gbps", adoptId: made.connectionId }),
      // Named, never quoted: neither AWS's values nor the inputs' (which may be secret) are in the message.
      (error: Error) => /differs from the inputs in bandwidth, connectionName\./.test(error.message) && !/other-name|1Gbps|10Gbps|test-name/.test(error.message),
    );
  });

  it("a connection made in the default chain's region is found there later, even after AWS_REGION changes", async () => {
    const { id, outs } = await provider.create(KIND, BASE);
    assert.equal(outs.region, "us-east-1");
    const region = process.env.AWS_REGION;
    process.env.AWS_REGION = "us-west-2";
    resetClients();
    try {
      const refreshed = await provider.read(KIND, id, outs);
      assert.equal(refreshed.id, id, "refresh must not drop it");
      await provider.delete(KIND, id, outs);
      const after = await clientFor(0, "us-east-1").send(new DescribeConnectionsCommand({ connectionId: id }));
      assert.ok(["deleting", "deleted"].includes(after.connections![0].connectionState!), "the delete reached us-east-1");
    } finally {
      process.env.AWS_REGION = region;
    }
  });

  it("delete of a connection that is already gone succeeds", async () => {
    await provider.delete(KIND, "dxcon-00000000", BASE);
  });
});
