import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { CreateConnectionCommand, DescribeConnectionsCommand } from "@aws-sdk/client-direct-connect";
import { AssumeRoleCommand, GetCallerIdentityCommand, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { TEST_EXTERNAL_ID, startEmulator } from "../../emulator";
import { PARTNER, PRIMARY, credsOf, dxClient, rawRequest, rejection, signedRequest, stsClient, useEmulator } from "./helpers";

const ROLE = `arn:aws:iam::${PARTNER.accountId}:role/connections-admin`;
const EXTERNAL_ROLE = `arn:aws:iam::${PARTNER.accountId}:role/connections-admin-external`;

describe("emulator: STS conformance", function () {
  const emulator = useEmulator();
  const sts = () => stsClient(emulator(), { maxAttempts: 1 });
  const assume = (input: Partial<AssumeRoleCommandInput>) => sts().send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "test", ...input }));

  beforeEach(() => emulator().control.reset());

  it("GetCallerIdentity reports the IAM user of the access key", async () => {
    const out = await sts().send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, PRIMARY.accountId);
    assert.equal(out.Arn, `arn:aws:iam::${PRIMARY.accountId}:user/emulator-primary`);
    assert.match(out.UserId ?? "", /^AIDA[A-Z2-7]{17}$/);
    assert.match(out.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
  });

  it("AssumeRole issues temporary credentials for the role's account", async () => {
    const before = Date.now();
    const out = await assume({ RoleSessionName: "deployer", DurationSeconds: 900 });
    const c = out.Credentials!;
    assert.match(c.AccessKeyId ?? "", /^ASIA[A-Z2-7]{16}$/);
    assert.equal(c.SecretAccessKey?.length, 40);
    assert.ok((c.SessionToken?.length ?? 0) > 100);
    assert.ok(c.Expiration instanceof Date);
    // 900 s from the second (AWS's timestamps have no fraction) in which the emulator answered, somewhere between
    // `before` and `after`: a bound on `before` alone fails whenever the request crosses a second boundary.
    const after = Date.now();
    const second = (ms: number) => Math.floor(ms / 1000) * 1000;
    const expiration = c.Expiration.getTime();
    assert.ok(expiration >= second(before) + 900_000 && expiration <= second(after) + 900_000, `expiration ${expiration - before} ms after the request started`);
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${PARTNER.accountId}:assumed-role/connections-admin/deployer`);
    assert.match(out.AssumedRoleUser?.AssumedRoleId ?? "", /^AROA[A-Z2-7]{17}:deployer$/);

    const temp = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const me = await stsClient(emulator(), { credentials: temp }).send(new GetCallerIdentityCommand({}));
    assert.equal(me.Account, PARTNER.accountId);
    assert.equal(me.Arn, out.AssumedRoleUser?.Arn);
    assert.equal(me.UserId, out.AssumedRoleUser?.AssumedRoleId);
  });

  it("temporary credentials act in the role's account in Direct Connect", async () => {
    const c = (await assume({})).Credentials!;
    const temp = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const created = await dxClient(emulator(), { credentials: temp }).send(
      new CreateConnectionCommand({ location: "EqDC2", bandwidth: "1Gbps", connectionName: "via-role" }),
    );
    assert.equal(created.ownerAccount, PARTNER.accountId);
    const partnerView = await dxClient(emulator(), { account: PARTNER }).send(new DescribeConnectionsCommand({}));
    assert.deepEqual(partnerView.connections?.map((x) => x.connectionId), [created.connectionId]);
    const primaryView = await dxClient(emulator(), { account: PRIMARY }).send(new DescribeConnectionsCommand({}));
    assert.deepEqual(primaryView.connections, []);
    const log = await emulator().control.log();
    assert.equal(log.find((e) => e.operation === "CreateConnection")?.accountId, PARTNER.accountId);
  });

  it("rejects temporary credentials with a missing or wrong session token", async () => {
    const c = (await assume({})).Credentials!;
    for (const sessionToken of [undefined, "wrong-token"]) {
      const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, ...(sessionToken ? { sessionToken } : {}) };
      const dxErr = await rejection(dxClient(emulator(), { credentials: creds, maxAttempts: 1 }).send(new DescribeConnectionsCommand({})));
      assert.equal(dxErr.name, "UnrecognizedClientException");
      assert.equal(dxErr.$metadata.httpStatusCode, 400, "JSON services answer auth errors with 400");
      const stsErr = await rejection(stsClient(emulator(), { credentials: creds, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
      assert.equal(stsErr.name, "InvalidClientTokenId");
      assert.equal(stsErr.$metadata.httpStatusCode, 403, "STS keeps 403");
    }
  });

  it("rejects expired temporary credentials with ExpiredToken(Exception)", async () => {
    const c = (await assume({ RoleSessionName: "old" })).Credentials!;
    const dir = mkdtempSync(path.join(tmpdir(), "emulator-sts-"));
    const file = path.join(dir, "state.json");
    try {
      // Credential expiry follows real time, so age the session in a saved state instead of waiting an hour.
      const state = await emulator().control.snapshot();
      const sessions = (state.global.sts as { sessions: Record<string, { expiration: number }> }).sessions;
      sessions[c.AccessKeyId!].expiration = Date.now() - 1000;
      writeFileSync(file, JSON.stringify(state));
      const aged = await startEmulator({ stateFile: file });
      try {
        const creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
        const dxErr = await rejection(dxClient(aged, { credentials: creds, maxAttempts: 1 }).send(new DescribeConnectionsCommand({})));
        assert.equal(dxErr.name, "ExpiredTokenException");
        assert.equal(dxErr.$metadata.httpStatusCode, 400, "JSON services answer auth errors with 400");
        const stsErr = await rejection(stsClient(aged, { credentials: creds, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
        assert.equal(stsErr.name, "ExpiredToken");
        assert.equal(stsErr.message, "The security token included in the request is expired");
        assert.equal(stsErr.$metadata.httpStatusCode, 403, "STS keeps 403");
      } finally {
        await aged.stop();
      }
      assert.ok(readFileSync(file, "utf8").includes(c.AccessKeyId!));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("works through the SDK's fromTemporaryCredentials provider", async () => {
    const credentials = fromTemporaryCredentials({
      params: { RoleArn: EXTERNAL_ROLE, RoleSessionName: "provider", ExternalId: TEST_EXTERNAL_ID },
      masterCredentials: credsOf(PRIMARY),
      clientConfig: { endpoint: emulator().endpoint, region: "us-east-1" },
    });
    const out = await stsClient(emulator(), { credentials: await credentials() }).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Arn, `arn:aws:sts::${PARTNER.accountId}:assumed-role/connections-admin-external/provider`);
  });

  describe("ExternalId and trust", () => {
    const denied = (caller: string, role: string) =>
      `User: ${caller} is not authorized to perform: sts:AssumeRole on resource: ${role}`;
    const primaryUser = `arn:aws:iam::${PRIMARY.accountId}:user/emulator-primary`;

    for (const [what, input] of [
      ["a missing ExternalId", { RoleArn: EXTERNAL_ROLE }],
      ["a wrong ExternalId", { RoleArn: EXTERNAL_ROLE, ExternalId: "guess" }],
      ["an unknown role", { RoleArn: `arn:aws:iam::${PARTNER.accountId}:role/nope` }],
      ["an account that is not emulated", { RoleArn: "arn:aws:iam::999999999999:role/connections-admin" }],
    ] as Array<[string, Partial<AssumeRoleCommandInput>]>) {
      it(`denies ${what} with AccessDenied`, async () => {
        const err = await rejection(assume(input));
        assert.equal(err.name, "AccessDenied");
        assert.equal(err.message, denied(primaryUser, input.RoleArn!));
        assert.equal(err.$metadata.httpStatusCode, 403);
        assert.ok(err.$metadata.requestId);
      });
    }

    it("accepts the right ExternalId, and ignores one the role does not require", async () => {
      await assume({ RoleArn: EXTERNAL_ROLE, ExternalId: TEST_EXTERNAL_ID });
      await assume({ RoleArn: ROLE, ExternalId: "anything-goes" });
    });

    it("names the assumed role as the caller when role chaining is denied", async () => {
      const c = (await assume({ RoleSessionName: "first" })).Credentials!;
      const chained = stsClient(emulator(), { credentials: { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }, maxAttempts: 1 });
      const err = await rejection(chained.send(new AssumeRoleCommand({ RoleArn: EXTERNAL_ROLE, RoleSessionName: "second" })));
      assert.equal(err.message, denied(`arn:aws:sts::${PARTNER.accountId}:assumed-role/connections-admin/first`, EXTERNAL_ROLE));
      const ok = await chained.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PRIMARY.accountId}:role/connections-admin`, RoleSessionName: "second" }));
      assert.equal(ok.AssumedRoleUser?.Arn, `arn:aws:sts::${PRIMARY.accountId}:assumed-role/connections-admin/second`);
      const tooLong = await rejection(chained.send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: "third", DurationSeconds: 7200 })));
      assert.match(tooLong.message, /1 hour session limit for roles assumed by role chaining/);
    });
  });

  describe("validation", () => {
    for (const [what, input, message] of [
      ["a short DurationSeconds", { DurationSeconds: 100 }, /Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900/],
      ["a DurationSeconds above the role maximum", { DurationSeconds: 7200 }, /exceeds the MaxSessionDuration set for this role/],
      ["a one-character session name", { RoleSessionName: "x" }, /at 'roleSessionName'/],
      ["a session name with spaces", { RoleSessionName: "has space" }, /regular expression pattern/],
      ["a short role ARN", { RoleArn: "arn:aws:iam::1:r" }, /at 'roleArn'/],
    ] as Array<[string, Partial<AssumeRoleCommandInput>, RegExp]>) {
      it(`rejects ${what} with ValidationError`, async () => {
        const err = await rejection(assume(input));
        assert.equal(err.name, "ValidationError");
        assert.equal(err.$metadata.httpStatusCode, 400);
        assert.match(err.message, message);
      });
    }

    it("answers an unknown version with an XML InvalidAction error, not JSON", async () => {
      for (const version of ["2010-01-01", ""]) {
        const res = await signedRequest(emulator().endpoint, {
          service: "sts",
          credentials: credsOf(PRIMARY),
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: `Action=GetCallerIdentity${version ? `&Version=${version}` : ""}`,
        });
        assert.equal(res.status, 400);
        assert.equal(res.headers["content-type"], "text/xml");
        const requestId = String(res.headers["x-amzn-requestid"]);
        assert.equal(
          res.body,
          `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>Could not find operation GetCallerIdentity for version ${version}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
        );
      }
      const log = await emulator().control.log();
      assert.deepEqual(log.map((e) => [e.service, e.operation, e.status, e.errorCode]), [
        ["STS", "GetCallerIdentity", 400, "InvalidAction"],
        ["STS", "GetCallerIdentity", 400, "InvalidAction"],
      ]);
    });

    it("authenticates a query request with an unknown version first, answering in XML", async () => {
      const res = await rawRequest(emulator().endpoint, {
        method: "GET",
        path: "/?Action=GetCallerIdentity&Version=1999-01-01",
      });
      assert.equal(res.status, 403);
      assert.equal(res.headers["content-type"], "text/xml");
      assert.match(res.body, /<Code>MissingAuthenticationToken<\/Code>/);
    });

    it("answers an unknown action with InvalidAction", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "sts",
        credentials: credsOf(PRIMARY),
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "Action=GetSessionToken&Version=2011-06-15",
      });
      assert.equal(res.status, 400);
      assert.match(res.body, /<Code>InvalidAction<\/Code><Message>Could not find operation GetSessionToken for version 2011-06-15<\/Message>/);
    });
  });
});
