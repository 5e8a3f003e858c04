import * as http from "node:http";
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { SignatureV4 } from "@smithy/signature-v4";
import { DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { ElasticsearchServiceClient } from "@aws-sdk/client-elasticsearch-service";
import { OpenSearchClient } from "@aws-sdk/client-opensearch";
import { STSClient } from "@aws-sdk/client-sts";
import { TEST_ACCOUNTS, startEmulator, type Emulator, type EmulatorOptions, type TestAccount } from "../../emulator";

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The hash constructor @smithy/signature-v4 expects, on node:crypto (avoids importing an undeclared package). */
type SourceData = string | ArrayBuffer | ArrayBufferView;

function toBytes(data: SourceData): string | Uint8Array {
  if (typeof data === "string") return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", toBytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

export const PRIMARY: TestAccount = TEST_ACCOUNTS[0];
export const PARTNER: TestAccount = TEST_ACCOUNTS[1];
export const THIRD: TestAccount = TEST_ACCOUNTS[2];

export function credsOf(account: TestAccount): AwsCredentialIdentity {
  return { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey };
}

/** Starts one emulator for a mocha suite (manual clock unless told otherwise) and stops it afterwards. */
export function useEmulator(options: EmulatorOptions = { manualClock: true }): () => Emulator {
  let emulator: Emulator | undefined;
  before(async () => {
    emulator = await startEmulator(options);
  });
  after(async () => {
    await emulator?.stop();
  });
  return () => {
    if (!emulator) throw new Error("emulator not started");
    return emulator;
  };
}

export function dxClient(
  emulator: Emulator,
  options: { account?: TestAccount; credentials?: AwsCredentialIdentity; region?: string; maxAttempts?: number } = {},
): DirectConnectClient {
  return new DirectConnectClient({
    endpoint: emulator.endpoint,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? credsOf(options.account ?? PRIMARY),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
}

export function stsClient(emulator: Emulator, options: { account?: TestAccount; credentials?: AwsCredentialIdentity; maxAttempts?: number } = {}): STSClient {
  return new STSClient({
    endpoint: emulator.endpoint,
    region: "us-east-1",
    credentials: options.credentials ?? credsOf(options.account ?? PRIMARY),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
}

interface ClientOptions {
  account?: TestAccount;
  credentials?: AwsCredentialIdentity;
  region?: string;
  maxAttempts?: number;
}

/** The unmodified OpenSearch SDK client, pointed at the emulator. */
export function osClient(emulator: Emulator, options: ClientOptions = {}): OpenSearchClient {
  return new OpenSearchClient({
    endpoint: emulator.endpoint,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? credsOf(options.account ?? PRIMARY),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
}

/** The unmodified legacy Elasticsearch Service SDK client, pointed at the emulator. */
export function esClient(emulator: Emulator, options: ClientOptions = {}): ElasticsearchServiceClient {
  return new ElasticsearchServiceClient({
    endpoint: emulator.endpoint,
    region: options.region ?? "us-east-1",
    credentials: options.credentials ?? credsOf(options.account ?? PRIMARY),
    ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
  });
}

/** Awaits a promise that must reject; returns the error for assertions. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number; requestId?: string } }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number; requestId?: string } };
  }
  throw new Error("expected the call to fail");
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Plain HTTP, no SDK: for unsigned or hand-signed requests. */
export function rawRequest(endpoint: string, req: { method?: string; path?: string; headers?: Record<string, string>; body?: string }): Promise<RawResponse> {
  const url = new URL(req.path ?? "/", endpoint);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method ?? "POST", path: `${url.pathname}${url.search}`, headers: req.headers ?? {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    r.on("error", reject);
    r.end(req.body ?? "");
  });
}

/**
 * Signs a request with the SDK's own signer (@smithy/signature-v4) and sends it raw, so tests can control the
 * path, query, service name, date and credentials independently of any service client.
 */
export async function signedRequest(
  endpoint: string,
  req: {
    service: string;
    /** Default POST. */
    method?: string;
    region?: string;
    credentials: AwsCredentialIdentity;
    path?: string;
    query?: Record<string, string>;
    headers: Record<string, string>;
    body: string;
    signingDate?: Date;
    /** Send this body instead of the signed one (to test tampering). */
    sendBody?: string;
  },
): Promise<RawResponse> {
  const url = new URL(endpoint);
  const signer = new SignatureV4({ service: req.service, region: req.region ?? "us-east-1", credentials: req.credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: req.method ?? "POST",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: req.path ?? "/",
      query: req.query ?? {},
      headers: { host: url.host, ...req.headers },
      body: req.body,
    },
    req.signingDate ? { signingDate: req.signingDate } : {},
  );
  const query = Object.entries(req.query ?? {})
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join("&");
  return rawRequest(endpoint, {
    method: req.method ?? "POST",
    path: `${req.path ?? "/"}${query ? `?${query}` : ""}`,
    headers: signed.headers as Record<string, string>,
    body: req.sendBody ?? req.body,
  });
}

/** Headers of an awsJson1_1 Direct Connect call. */
export function dxHeaders(operation: string): Record<string, string> {
  return { "content-type": "application/x-amz-json-1.1", "x-amz-target": `OvertureService.${operation}` };
}
