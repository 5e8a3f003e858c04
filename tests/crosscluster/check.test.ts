import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * Bad inputs for the four cross-cluster resources, each rejected by check with the field path and the rule, and by
 * create before any AWS call (the emulator, which every client points at, sees zero requests).
 */
const OS_OUT = "opensearch:OutboundConnection";
const ES_OUT = "elasticsearch:OutboundConnection";
const OS_ACC = "opensearch:InboundConnectionAccepter";
const ES_ACC = "elasticsearch:InboundConnectionAccepter";
const OS = { localDomain: { domainName: "logs-east" }, remoteDomain: { domainName: "logs-west", region: "us-west-2" }, connectionAlias: "east-to-west" };
const ES = { sourceDomain: { domainName: "legacy-a" }, destinationDomain: { domainName: "legacy-b" }, connectionAlias: "a-to-b" };

interface Case { kind: string; name: string; inputs: Record<string, unknown>; property: string; rule: RegExp }

const CASES: Case[] = [
  { kind: OS_OUT, name: "missing localDomain", inputs: { ...OS, localDomain: undefined }, property: "localDomain", rule: /is required/ },
  { kind: OS_OUT, name: "missing remoteDomain", inputs: { ...OS, remoteDomain: undefined }, property: "remoteDomain", rule: /is required/ },
  { kind: OS_OUT, name: "missing connectionAlias", inputs: { ...OS, connectionAlias: undefined }, property: "connectionAlias", rule: /is required/ },
  { kind: OS_OUT, name: "domain name too short", inputs: { ...OS, localDomain: { domainName: "ab" } }, property: "localDomain.domainName", rule: /3 to 28 characters/ },
  { kind: OS_OUT, name: "domain name starting with a digit", inputs: { ...OS, localDomain: { domainName: "1logs" } }, property: "localDomain.domainName", rule: /a lowercase letter, then/ },
  { kind: OS_OUT, name: "domain name with capitals", inputs: { ...OS, remoteDomain: { domainName: "Logs-West" } }, property: "remoteDomain.domainName", rule: /lowercase letters, digits and hyphens/ },
  { kind: OS_OUT, name: "domain name too long", inputs: { ...OS, remoteDomain: { domainName: "l".repeat(29) } }, property: "remoteDomain.domainName", rule: /3 to 28 characters long; got 29/ },
  { kind: OS_OUT, name: "owner id not 12 digits", inputs: { ...OS, remoteDomain: { domainName: "logs-west", ownerId: "12345" } }, property: "remoteDomain.ownerId", rule: /12-digit AWS account id/ },
  { kind: OS_OUT, name: "malformed domain region", inputs: { ...OS, remoteDomain: { domainName: "logs-west", region: "uswest2" } }, property: "remoteDomain.region", rule: /AWS region name/ },
  { kind: OS_OUT, name: "domain without a name", inputs: { ...OS, localDomain: { region: "us-east-1" } }, property: "localDomain.domainName", rule: /is required/ },
  { kind: OS_OUT, name: "domain as a string", inputs: { ...OS, localDomain: "logs-east" }, property: "localDomain", rule: /must be an object/ },
  { kind: OS_OUT, name: "unknown domain field", inputs: { ...OS, localDomain: { domainName: "logs-east", name: "x" } }, property: "localDomain.name", rule: /is not a field of localDomain/ },
  { kind: OS_OUT, name: "alias of one character", inputs: { ...OS, connectionAlias: "a" }, property: "connectionAlias", rule: /2 to 100 characters/ },
  { kind: OS_OUT, name: "alias starting with a digit", inputs: { ...OS, connectionAlias: "1east" }, property: "connectionAlias", rule: /a letter, then letters, digits/ },
  { kind: OS_OUT, name: "alias too long", inputs: { ...OS, connectionAlias: "a".repeat(101) }, property: "connectionAlias", rule: /2 to 100 characters long; got 101/ },
  { kind: OS_OUT, name: "unknown connection mode", inputs: { ...OS, connectionMode: "PRIVATE" }, property: "connectionMode", rule: /one of DIRECT, VPC_ENDPOINT/ },
  { kind: OS_OUT, name: "endpoint with DIRECT mode", inputs: { ...OS, endpoint: "vpc-logs-west.us-west-2.es.amazonaws.com" }, property: "endpoint", rule: /only to connectionMode "VPC_ENDPOINT"/ },
  { kind: OS_OUT, name: "endpoint that is not a host name", inputs: { ...OS, connectionMode: "VPC_ENDPOINT", endpoint: "https://x/y" }, property: "endpoint", rule: /a host name/ },
  { kind: OS_OUT, name: "unknown skipUnavailable", inputs: { ...OS, skipUnavailable: "YES" }, property: "skipUnavailable", rule: /one of ENABLED, DISABLED/ },
  { kind: OS_OUT, name: "the same domain on both sides", inputs: { ...OS, remoteDomain: { domainName: "logs-east" } }, property: "remoteDomain", rule: /a domain cannot connect to itself/ },
  { kind: OS_OUT, name: "malformed acceptWith region", inputs: { ...OS, acceptWith: { region: "west" } }, property: "acceptWith.region", rule: /5 to 30 characters|AWS region name/ },
  { kind: OS_OUT, name: "acceptWith role that is not a role ARN", inputs: { ...OS, acceptWith: { roleArn: "arn:aws:iam::123:user/x" } }, property: "acceptWith.roleArn", rule: /IAM role ARN/ },
  { kind: OS_OUT, name: "localDomain.region other than aws.region", inputs: { ...OS, aws: { region: "us-east-1" }, localDomain: { domainName: "logs-east", region: "us-west-2" } }, property: "localDomain.region", rule: /^differs from aws\.region: when both are given they must be equal, because the connection is made in aws\.region/ },
  { kind: OS_OUT, name: "acceptWith.region other than remoteDomain.region", inputs: { ...OS, acceptWith: { region: "eu-west-1" } }, property: "acceptWith.region", rule: /^differs from remoteDomain\.region: acceptWith acts as the remote domain's owner, who sees the connection only in the remote domain's region/ },
  { kind: OS_OUT, name: "acceptWith.region other than the connection's region (remoteDomain.region unset)", inputs: { ...OS, aws: { region: "us-east-1" }, remoteDomain: { domainName: "logs-west" }, acceptWith: { region: "us-west-2" } }, property: "acceptWith.region", rule: /^differs from the remote domain's region \(remoteDomain\.region is unset, so AWS looks for it in the connection's region, aws\.region\)/ },
  { kind: ES_OUT, name: "ES alias over 20 characters", inputs: { ...ES, connectionAlias: "a".repeat(21) }, property: "connectionAlias", rule: /2 to 20 characters long; got 21/ },
  { kind: ES_OUT, name: "OpenSearch-only input on the ES API", inputs: { ...ES, connectionMode: "DIRECT" }, property: "connectionMode", rule: /is not an input of elasticsearch.OutboundConnection/ },
  { kind: ES_OUT, name: "missing sourceDomain", inputs: { ...ES, sourceDomain: undefined }, property: "sourceDomain", rule: /is required/ },
  { kind: ES_OUT, name: "OpenSearch side names on the ES API", inputs: { ...ES, localDomain: { domainName: "legacy-a" } }, property: "localDomain", rule: /is not an input of elasticsearch.OutboundConnection/ },
  { kind: ES_OUT, name: "the same ES domain on both sides", inputs: { ...ES, destinationDomain: { domainName: "legacy-a" } }, property: "destinationDomain", rule: /cannot connect to itself/ },
  { kind: ES_OUT, name: "sourceDomain.region other than aws.region", inputs: { ...ES, aws: { region: "eu-west-1" }, sourceDomain: { domainName: "legacy-a", region: "us-east-1" } }, property: "sourceDomain.region", rule: /^differs from aws\.region: when both are given they must be equal/ },
  { kind: ES_OUT, name: "acceptWith.region other than destinationDomain.region", inputs: { ...ES, destinationDomain: { domainName: "legacy-b", region: "us-west-2" }, acceptWith: { region: "us-east-1" } }, property: "acceptWith.region", rule: /^differs from destinationDomain\.region: acceptWith acts as the remote domain's owner/ },
  { kind: ES_OUT, name: "acceptWith.region other than sourceDomain.region (destinationDomain.region unset)", inputs: { ...ES, sourceDomain: { domainName: "legacy-a", region: "us-east-1" }, acceptWith: { region: "us-west-2" } }, property: "acceptWith.region", rule: /^differs from the remote domain's region \(destinationDomain\.region is unset, so AWS looks for it in the connection's region, sourceDomain\.region\)/ },
  { kind: OS_ACC, name: "missing connectionId", inputs: {}, property: "connectionId", rule: /is required/ },
  { kind: OS_ACC, name: "unknown action", inputs: { connectionId: "cc-0123456789", action: "approve" }, property: "action", rule: /one of accept, reject/ },
  { kind: OS_ACC, name: "connection id with spaces", inputs: { connectionId: "cc 0123456789" }, property: "connectionId", rule: /a connection id/ },
  { kind: ES_ACC, name: "connection id too short", inputs: { connectionId: "abc" }, property: "connectionId", rule: /10 to 256 characters/ },
  { kind: ES_ACC, name: "action not a string", inputs: { connectionId: "cc-0123456789", action: true }, property: "action", rule: /must be a string/ },
];

describe("cross-cluster connections check table", function () {
  const world = useEmulatorEnvironment();

  for (const c of CASES) {
    it(`${c.kind}: rejects ${c.name} (${c.property})`, async () => {
      const { failures } = await provider.check(c.kind, {}, c.inputs);
      const failure = failures.find((f) => f.property === c.property && c.rule.test(f.reason));
      assert.ok(failure, `expected ${c.property} matching ${c.rule}, got ${JSON.stringify(failures)}`);
      await assert.rejects(provider.create(c.kind, c.inputs), (error: Error) => error.name === "InputError" && error.message.includes(`${c.property}:`));
    });
  }

  it("at least 25 cases, and zero AWS requests for all of them", async () => {
    assert.ok(CASES.length >= 25);
    assert.deepEqual(await world.emulator.control.log(), []);
  });

  it("accepts unknown values anywhere during preview, the same-domain rule included", async () => {
    const { failures } = await provider.check(OS_OUT, {}, { localDomain: { domainName: UNKNOWN }, remoteDomain: UNKNOWN, connectionAlias: UNKNOWN, acceptWith: { region: UNKNOWN } });
    assert.deepEqual(failures, []);
  });

  it("regions that agree pass the region rules (equal values, or only one side given)", async () => {
    const agreeing: Array<[string, Record<string, unknown>]> = [
      [OS_OUT, { ...OS, aws: { region: "us-east-1" }, localDomain: { domainName: "logs-east", region: "us-east-1" }, acceptWith: { region: "us-west-2" } }],
      [OS_OUT, { ...OS, aws: { region: "us-east-1" }, remoteDomain: { domainName: "logs-west" }, acceptWith: { region: "us-east-1", profile: "partner" } }],
      [OS_OUT, { ...OS, aws: { region: "eu-west-1" }, remoteDomain: { domainName: "logs-west" }, acceptWith: { profile: "partner" } }],
      [ES_OUT, { ...ES, aws: { region: "us-east-1" }, destinationDomain: { domainName: "legacy-b", region: "us-west-2" }, acceptWith: { region: "us-west-2" } }],
    ];
    for (const [kind, inputs] of agreeing) assert.deepEqual((await provider.check(kind, {}, inputs)).failures, [], JSON.stringify(inputs));
  });

  it("the region rules wait for unknown regions (preview)", async () => {
    const pending: Array<Record<string, unknown>> = [
      { ...OS, aws: { region: UNKNOWN }, localDomain: { domainName: "logs-east", region: "us-west-2" } },
      { ...OS, remoteDomain: { domainName: "logs-west", region: UNKNOWN }, acceptWith: { region: "eu-west-1" } },
      { ...OS, aws: { region: UNKNOWN }, remoteDomain: { domainName: "logs-west" }, acceptWith: { region: "eu-west-1" } },
      { ...OS, localDomain: UNKNOWN, remoteDomain: { domainName: "logs-west" }, acceptWith: { region: "eu-west-1" } },
    ];
    for (const inputs of pending) assert.deepEqual((await provider.check(OS_OUT, {}, inputs)).failures, [], JSON.stringify(inputs));
  });

  it("the same name in another region is not the same domain (AWS decides)", async () => {
    const { failures } = await provider.check(OS_OUT, {}, { ...OS, remoteDomain: { domainName: "logs-east", region: "us-west-2" } });
    assert.deepEqual(failures, []);
  });
});
