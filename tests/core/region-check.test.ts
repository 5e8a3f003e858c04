import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as provider from "../../provider";
import { resetClients } from "../../provider/core/aws-clients";
import { UNKNOWN } from "../../provider/core/unknown";

/**
 * Issue 10: with no region anywhere, check fails at preview on `aws.region`, naming the ways to set one, instead of the
 * SDK's bare "Region is missing" at create. The region is found as the SDK finds it: AWS_REGION, then the region of the
 * profile (aws.profile, else AWS_PROFILE, else "default") in the shared files; AWS_DEFAULT_REGION is not read by the
 * JavaScript SDK. Rows with a region from a profile must pass: those programs work today.
 */
const DX = "directconnect:Connection";
const OUTBOUND = "opensearch:OutboundConnection";
const ATTACHMENT = "opensearch:DataSourceAttachment";
const DX_INPUTS = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "where" };
const OUTBOUND_INPUTS = { localDomain: { domainName: "app-logs" }, remoteDomain: { domainName: "partner-logs" }, connectionAlias: "where" };

interface Row {
  name: string;
  kind?: string;
  inputs?: Record<string, unknown>;
  olds?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Shared config file text (`[default]`, `[profile x]` sections). */
  config?: string;
  /** Shared credentials file text (`[x]` sections). */
  credentials?: string;
  found: boolean;
}

const ROWS: Row[] = [
  { name: "no region anywhere", found: false },
  { name: "aws.region", inputs: { ...DX_INPUTS, aws: { region: "eu-west-1" } }, found: true },
  { name: "AWS_REGION", env: { AWS_REGION: "eu-west-1" }, found: true },
  { name: "AWS_DEFAULT_REGION only (the JavaScript SDK does not read it)", env: { AWS_DEFAULT_REGION: "eu-west-1" }, found: false },
  { name: "the default profile's region in the config file", config: "[default]\nregion = eu-west-1\n", found: true },
  { name: "AWS_PROFILE's region", env: { AWS_PROFILE: "ops" }, config: "[profile ops]\nregion = eu-west-1\n", found: true },
  { name: "AWS_PROFILE without a region, though the default profile has one", env: { AWS_PROFILE: "ops" }, config: "[default]\nregion = eu-west-1\n[profile ops]\noutput = json\n", found: false },
  { name: "aws.profile's region", inputs: { ...DX_INPUTS, aws: { profile: "ops" } }, config: "[profile ops]\nregion = eu-west-1\n", found: true },
  { name: "aws.profile without a region", inputs: { ...DX_INPUTS, aws: { profile: "ops" } }, config: "[default]\nregion = eu-west-1\n[profile ops]\n", found: false },
  { name: "aws.profile's region in the credentials file", inputs: { ...DX_INPUTS, aws: { profile: "ops" } }, credentials: "[ops]\nregion = eu-west-1\n", found: true },
  { name: "a resource already in state (its calls use the region recorded in its outputs)", olds: { ...DX_INPUTS }, found: true },
  { name: "aws unknown during preview (judged once known)", inputs: { ...DX_INPUTS, aws: UNKNOWN }, found: true },
  { name: "aws.profile unknown during preview", inputs: { ...DX_INPUTS, aws: { profile: UNKNOWN } }, found: true },
  { name: "an outbound connection without localDomain.region", kind: OUTBOUND, inputs: OUTBOUND_INPUTS, found: false },
  { name: "an outbound connection whose localDomain.region gives it", kind: OUTBOUND, inputs: { ...OUTBOUND_INPUTS, localDomain: { domainName: "app-logs", region: "eu-west-1" } }, found: true },
  { name: "an attachment (its data source ARN names the region)", kind: ATTACHMENT, inputs: { applicationId: "logsapp01", dataSourceArn: "arn:aws:es:eu-west-1:111111111111:domain/app-logs" }, found: true },
  { name: "an attachment whose data source ARN is unknown during preview", kind: ATTACHMENT, inputs: { applicationId: "logsapp01", dataSourceArn: UNKNOWN }, found: true },
];

describe("check: a region must be findable before anything is created (issue 10)", function () {
  const saved = { ...process.env };
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-region-"));
  });
  after(() => {
    process.env = saved;
    resetClients();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  ROWS.forEach((row, i) => {
    it(`${row.found ? "passes" : "fails"}: ${row.name}`, async () => {
      // Fresh file names per row: the SDK caches what it read from a path.
      const config = path.join(dir, `config-${i}`);
      const credentials = path.join(dir, `credentials-${i}`);
      fs.writeFileSync(config, row.config ?? "");
      fs.writeFileSync(credentials, row.credentials ?? "");
      process.env = { ...saved, AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials, ...(row.env ?? {}) };
      for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION", "AWS_PROFILE"]) if (!row.env?.[name]) delete process.env[name];

      const { failures } = await provider.check(row.kind ?? DX, row.olds ?? {}, row.inputs ?? DX_INPUTS);
      const regionFailure = failures.find((f) => f.property === "aws.region");
      if (row.found) {
        assert.equal(regionFailure, undefined, JSON.stringify(failures));
      } else {
        assert.ok(regionFailure, `expected an aws.region failure, got ${JSON.stringify(failures)}`);
        assert.match(regionFailure.reason, /^no region to act in: set aws\.region, or AWS_REGION in the environment, or a region for the profile/);
        assert.match(regionFailure.reason, /AWS_DEFAULT_REGION alone is not enough/);
        assert.equal(failures.length, 1, "the inputs are otherwise valid");
      }
    });
  });
});
