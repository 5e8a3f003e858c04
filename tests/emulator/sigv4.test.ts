import { strict as assert } from "node:assert";
import { DescribeLocationsCommand } from "@aws-sdk/client-direct-connect";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { PRIMARY, credsOf, dxClient, dxHeaders, rawRequest, rejection, signedRequest, stsClient, useEmulator } from "./helpers";

const MISMATCH =
  "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
const INVALID_TOKEN = "The security token included in the request is invalid.";

describe("emulator: SigV4 authentication", function () {
  const emulator = useEmulator();

  // Correction of the expected AWS behaviour: these assertions used to expect 403. AWS's JSON-protocol services
  // (awsJson1_0/1_1, Direct Connect among them) answer MissingAuthenticationTokenException, UnrecognizedClientException,
  // InvalidSignatureException, IncompleteSignatureException (and ExpiredTokenException) with HTTP 400 Bad Request.
  // The query-protocol STS keeps 403 for its equivalents, except IncompleteSignature, which is 400 there too.
  describe("Direct Connect (JSON errors, HTTP 400)", () => {
    it("answers an unsigned request with 400 MissingAuthenticationTokenException", async () => {
      const res = await rawRequest(emulator().endpoint, { headers: dxHeaders("DescribeLocations"), body: "{}" });
      assert.equal(res.status, 400);
      assert.deepEqual(JSON.parse(res.body), { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
      assert.match(String(res.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
    });

    it("answers a wrong secret with InvalidSignatureException", async () => {
      const client = dxClient(emulator(), { credentials: { accessKeyId: PRIMARY.accessKeyId, secretAccessKey: "wrong" }, maxAttempts: 1 });
      const err = await rejection(client.send(new DescribeLocationsCommand({})));
      assert.equal(err.name, "InvalidSignatureException");
      assert.equal(err.message, MISMATCH);
      assert.equal(err.$metadata.httpStatusCode, 400);
      assert.ok(err.$metadata.requestId);
    });

    it("answers an unknown access key with UnrecognizedClientException", async () => {
      const client = dxClient(emulator(), { credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" }, maxAttempts: 1 });
      const err = await rejection(client.send(new DescribeLocationsCommand({})));
      assert.equal(err.name, "UnrecognizedClientException");
      assert.equal(err.message, INVALID_TOKEN);
      assert.equal(err.$metadata.httpStatusCode, 400);
    });

    it("rejects a session token sent with long-term keys", async () => {
      const client = dxClient(emulator(), { credentials: { ...credsOf(PRIMARY), sessionToken: "bogus" }, maxAttempts: 1 });
      const err = await rejection(client.send(new DescribeLocationsCommand({})));
      assert.equal(err.name, "UnrecognizedClientException");
      assert.equal(err.$metadata.httpStatusCode, 400);
    });

    it("answers a malformed Authorization header with 400 IncompleteSignatureException", async () => {
      const res = await rawRequest(emulator().endpoint, {
        headers: { ...dxHeaders("DescribeLocations"), authorization: `AWS4-HMAC-SHA256 Credential=${PRIMARY.accessKeyId}/20240101/us-east-1/directconnect/aws4_request` },
        body: "{}",
      });
      assert.equal(res.status, 400);
      const body = JSON.parse(res.body) as { __type: string; message: string };
      assert.equal(body.__type, "IncompleteSignatureException");
      assert.match(body.message, /requires 'SignedHeaders' parameter/);
    });

    it("rejects a request dated more than 15 minutes away", async () => {
      for (const offset of [-16 * 60_000, 16 * 60_000]) {
        const res = await signedRequest(emulator().endpoint, {
          service: "directconnect",
          credentials: credsOf(PRIMARY),
          headers: dxHeaders("DescribeLocations"),
          body: "{}",
          signingDate: new Date(Date.now() + offset),
        });
        assert.equal(res.status, 400);
        const body = JSON.parse(res.body) as { __type: string; message: string };
        assert.equal(body.__type, "InvalidSignatureException");
        assert.match(body.message, offset < 0 ? /^Signature expired: \d{8}T\d{6}Z is now earlier than/ : /^Signature not yet current/);
      }
    });

    it("accepts a request dated within 15 minutes", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "directconnect",
        credentials: credsOf(PRIMARY),
        headers: dxHeaders("DescribeLocations"),
        body: "{}",
        signingDate: new Date(Date.now() - 10 * 60_000),
      });
      assert.equal(res.status, 200);
    });

    it("requires the credential scope to name the service", async () => {
      const res = await signedRequest(emulator().endpoint, { service: "sts", credentials: credsOf(PRIMARY), headers: dxHeaders("DescribeLocations"), body: "{}" });
      assert.equal(res.status, 400);
      assert.deepEqual(JSON.parse(res.body), {
        __type: "InvalidSignatureException",
        message: "Credential should be scoped to correct service: 'directconnect'. ",
      });
    });

    it("detects a body changed after signing", async () => {
      const res = await signedRequest(emulator().endpoint, {
        service: "directconnect",
        credentials: credsOf(PRIMARY),
        headers: dxHeaders("DescribeConnections"),
        body: '{"connectionId":"dxcon-aaaaaaaa"}',
        sendBody: '{"connectionId":"dxcon-bbbbbbbb"}',
      });
      assert.equal(res.status, 400);
      assert.equal(JSON.parse(res.body).__type, "InvalidSignatureException");
    });

    it("canonicalises paths and queries exactly as the SDK signer does", async () => {
      // Direct Connect ignores path and query, so any mismatch here could only come from canonicalisation.
      const res = await signedRequest(emulator().endpoint, {
        service: "directconnect",
        credentials: credsOf(PRIMARY),
        path: "/a/./b/../c%20d/e%2Bf/%7Euser/",
        query: { b: "2", a: "x y", "c+": "~*!'()", empty: "" },
        headers: dxHeaders("DescribeLocations"),
        body: "{}",
      });
      assert.equal(res.status, 200, res.body);
    });

    it("does not use the emulated clock for request dates", async () => {
      await emulator().control.advance(365 * 24 * 3600_000);
      await dxClient(emulator()).send(new DescribeLocationsCommand({}));
    });
  });

  describe("STS (XML errors, HTTP 403 except IncompleteSignature)", () => {
    const body = "Action=GetCallerIdentity&Version=2011-06-15";
    const form = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };

    it("answers an unsigned request with an XML MissingAuthenticationToken error", async () => {
      const res = await rawRequest(emulator().endpoint, { headers: form, body });
      assert.equal(res.status, 403);
      assert.equal(res.headers["content-type"], "text/xml");
      const requestId = String(res.headers["x-amzn-requestid"]);
      assert.equal(
        res.body,
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>MissingAuthenticationToken</Code><Message>Request is missing Authentication Token</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    });

    it("answers a wrong secret with SignatureDoesNotMatch and an unknown key with InvalidClientTokenId", async () => {
      const wrong = await rejection(stsClient(emulator(), { credentials: { accessKeyId: PRIMARY.accessKeyId, secretAccessKey: "nope" }, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
      assert.equal(wrong.name, "SignatureDoesNotMatch");
      assert.equal(wrong.message, MISMATCH);
      assert.equal(wrong.$metadata.httpStatusCode, 403);
      const unknown = await rejection(stsClient(emulator(), { credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" }, maxAttempts: 1 }).send(new GetCallerIdentityCommand({})));
      assert.equal(unknown.name, "InvalidClientTokenId");
      assert.equal(unknown.message, INVALID_TOKEN);
      assert.ok(unknown.$metadata.requestId);
    });

    it("answers a malformed Authorization header with 400 IncompleteSignature", async () => {
      const res = await rawRequest(emulator().endpoint, { headers: { ...form, authorization: "AWS4-HMAC-SHA256 Signature=abc" }, body });
      assert.equal(res.status, 400);
      assert.equal(res.headers["content-type"], "text/xml");
      assert.match(res.body, /<Type>Sender<\/Type><Code>IncompleteSignature<\/Code><Message>Authorization header requires 'Credential' parameter/);
    });

    it("requires the sts scope", async () => {
      const res = await signedRequest(emulator().endpoint, { service: "directconnect", credentials: credsOf(PRIMARY), headers: form, body });
      assert.equal(res.status, 403);
      assert.match(res.body, /<Code>SignatureDoesNotMatch<\/Code><Message>Credential should be scoped to correct service: 'sts'. <\/Message>/);
    });
  });
});
