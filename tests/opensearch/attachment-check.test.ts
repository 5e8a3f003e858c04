import { strict as assert } from "assert";
import * as provider from "../../provider";
import { UNKNOWN } from "../../provider/core/unknown";
import { useEmulatorEnvironment } from "../support/emulator-env";

/**
 * Bad inputs for opensearch.DataSourceAttachment, each rejected by check with the field path and the rule, and by
 * create before any AWS call (the emulator, which every client points at, sees zero requests).
 */
const KIND = "opensearch:DataSourceAttachment";
const DOMAIN_ARN = "arn:aws:es:us-east-1:111111111111:domain/app-logs";
const COLLECTION_ARN = "arn:aws:aoss:us-east-1:111111111111:collection/k3tdl1v7qz9x0a2b";
const OK = { applicationId: "logsapp01", dataSourceArn: DOMAIN_ARN };

interface Case { name: string; inputs: Record<string, unknown>; property: string; rule: RegExp }

const CASES: Case[] = [
  { name: "missing applicationId", inputs: { dataSourceArn: DOMAIN_ARN }, property: "applicationId", rule: /is required/ },
  { name: "missing dataSourceArn", inputs: { applicationId: "logsapp01" }, property: "dataSourceArn", rule: /is required/ },
  { name: "application id too short", inputs: { ...OK, applicationId: "ab" }, property: "applicationId", rule: /3 to 30 lowercase letters and digits/ },
  { name: "application id too long", inputs: { ...OK, applicationId: "a".repeat(31) }, property: "applicationId", rule: /3 to 30 lowercase letters and digits/ },
  { name: "application id with capitals", inputs: { ...OK, applicationId: "LogsApp01" }, property: "applicationId", rule: /lowercase letters and digits$/ },
  { name: "application id with a hyphen", inputs: { ...OK, applicationId: "logs-app" }, property: "applicationId", rule: /lowercase letters and digits/ },
  { name: "application id not a string", inputs: { ...OK, applicationId: 42 }, property: "applicationId", rule: /must be a string/ },
  { name: "data source ARN too short", inputs: { ...OK, dataSourceArn: "arn:aws:es:x" }, property: "dataSourceArn", rule: /20 to 2048 characters long; got 12/ },
  { name: "data source ARN too long", inputs: { ...OK, dataSourceArn: `${DOMAIN_ARN}${"x".repeat(2048)}` }, property: "dataSourceArn", rule: /20 to 2048 characters long/ },
  { name: "an application ARN as data source", inputs: { ...OK, dataSourceArn: "arn:aws:opensearch:us-east-1:111111111111:application/logsapp01" }, property: "dataSourceArn", rule: /an OpenSearch domain .* or of an OpenSearch Serverless collection/ },
  { name: "a domain ARN with a bad account", inputs: { ...OK, dataSourceArn: "arn:aws:es:us-east-1:1111:domain/app-logs" }, property: "dataSourceArn", rule: /ARN of an OpenSearch domain/ },
  { name: "a domain ARN with a bad domain name", inputs: { ...OK, dataSourceArn: "arn:aws:es:us-east-1:111111111111:domain/App_Logs" }, property: "dataSourceArn", rule: /ARN of an OpenSearch domain/ },
  { name: "a collection ARN with a bad id", inputs: { ...OK, dataSourceArn: "arn:aws:aoss:us-east-1:111111111111:collection/Bad-Id" }, property: "dataSourceArn", rule: /Serverless collection/ },
  { name: "a dashboard ARN of the serverless service", inputs: { ...OK, dataSourceArn: "arn:aws:aoss:us-east-1:111111111111:dashboards/default" }, property: "dataSourceArn", rule: /Serverless collection/ },
  { name: "workspaceId and workspaceConfiguration together", inputs: { ...OK, workspaceId: "ws-123", workspaceConfiguration: { name: "Logs", workspaceType: "SEARCH" } }, property: "workspaceConfiguration", rule: /cannot be set together with workspaceId/ },
  { name: "empty workspace name", inputs: { ...OK, workspaceConfiguration: { name: "", workspaceType: "SEARCH" } }, property: "workspaceConfiguration.name", rule: /1 to 40 characters long; got 0/ },
  { name: "workspace name over 40 characters", inputs: { ...OK, workspaceConfiguration: { name: "w".repeat(41), workspaceType: "SEARCH" } }, property: "workspaceConfiguration.name", rule: /1 to 40 characters long; got 41/ },
  { name: "workspace name with a slash", inputs: { ...OK, workspaceConfiguration: { name: "ops/logs", workspaceType: "SEARCH" } }, property: "workspaceConfiguration.name", rule: /letters, digits, parentheses, brackets, hyphens, underscores and spaces/ },
  { name: "unknown workspace type", inputs: { ...OK, workspaceConfiguration: { name: "Logs", workspaceType: "ANALYTICS" } }, property: "workspaceConfiguration.workspaceType", rule: /^must be one of OBSERVABILITY, SECURITY_ANALYTICS, SEARCH$/ },
  { name: "workspace type in lower case", inputs: { ...OK, workspaceConfiguration: { name: "Logs", workspaceType: "search" } }, property: "workspaceConfiguration.workspaceType", rule: /one of OBSERVABILITY/ },
  { name: "workspace configuration without a type", inputs: { ...OK, workspaceConfiguration: { name: "Logs" } }, property: "workspaceConfiguration.workspaceType", rule: /is required/ },
  { name: "workspace configuration without a name", inputs: { ...OK, workspaceConfiguration: { workspaceType: "SEARCH" } }, property: "workspaceConfiguration.name", rule: /is required/ },
  { name: "unknown workspace configuration field", inputs: { ...OK, workspaceConfiguration: { name: "Logs", workspaceType: "SEARCH", id: "x" } }, property: "workspaceConfiguration.id", rule: /is not a field of workspaceConfiguration/ },
  { name: "empty workspaceId", inputs: { ...OK, workspaceId: "" }, property: "workspaceId", rule: /1 to 256 characters long; got 0/ },
  { name: "workspaceId with spaces", inputs: { ...OK, workspaceId: "my workspace" }, property: "workspaceId", rule: /a workspace id without spaces/ },
  { name: "waitForAttached as a string", inputs: { ...OK, waitForAttached: "yes" }, property: "waitForAttached", rule: /must be a boolean/ },
  { name: "a computed output as input", inputs: { ...OK, attachmentId: "att-1" }, property: "attachmentId", rule: /is an output computed by AWS/ },
  { name: "an input of another resource", inputs: { ...OK, connectionAlias: "x" }, property: "connectionAlias", rule: /is not an input of opensearch.DataSourceAttachment/ },
  { name: "adoptId naming another pair", inputs: { ...OK, adoptId: `otherapp1,${DOMAIN_ARN}` }, property: "adoptId", rule: /must be "<applicationId>,<dataSourceArn>" of these inputs/ },
  { name: "malformed aws.region", inputs: { ...OK, aws: { region: "east" } }, property: "aws.region", rule: /5 to 30 characters|AWS region name/ },
  { name: "malformed timeouts.create", inputs: { ...OK, timeouts: { create: "ten minutes" } }, property: "timeouts.create", rule: /a duration such as/ },
];

describe("opensearch.DataSourceAttachment check table", function () {
  const world = useEmulatorEnvironment();

  for (const c of CASES) {
    it(`rejects ${c.name} (${c.property})`, async () => {
      const { failures } = await provider.check(KIND, {}, c.inputs);
      const failure = failures.find((f) => f.property === c.property && c.rule.test(f.reason));
      assert.ok(failure, `expected ${c.property} matching ${c.rule}, got ${JSON.stringify(failures)}`);
      await assert.rejects(provider.create(KIND, c.inputs), (error: Error) => error.name === "InputError" && error.message.includes(`${c.property}:`));
    });
  }

  it("at least 15 cases, and zero AWS requests for all of them", async () => {
    assert.ok(CASES.length >= 15);
    assert.deepEqual(await world.emulator.control.log(), []);
  });

  it("accepts good inputs: a domain, a collection, each workspace type, defaults filled in", async () => {
    const good = [
      OK,
      { ...OK, dataSourceArn: COLLECTION_ARN },
      { ...OK, dataSourceArn: "arn:aws-us-gov:es:us-gov-west-1:111111111111:domain/gov-logs" },
      { ...OK, workspaceId: "ws-0123" },
      ...["OBSERVABILITY", "SECURITY_ANALYTICS", "SEARCH"].map((workspaceType) => ({ ...OK, workspaceConfiguration: { name: "Ops (logs) [prod]_1", workspaceType } })),
      { ...OK, adoptId: `logsapp01,${DOMAIN_ARN}` },
    ];
    for (const inputs of good) {
      const { failures, inputs: checked } = await provider.check(KIND, {}, inputs);
      assert.deepEqual(failures, [], JSON.stringify(inputs));
      assert.equal(checked.waitForAttached, true);
    }
  });

  it("accepts unknown values anywhere during preview, the workspace rule included", async () => {
    const { failures } = await provider.check(KIND, {}, { applicationId: UNKNOWN, dataSourceArn: UNKNOWN, workspaceId: UNKNOWN, workspaceConfiguration: { name: UNKNOWN, workspaceType: "SEARCH" } });
    assert.deepEqual(failures, []);
  });

  it("reports every failure at once", async () => {
    const { failures } = await provider.check(KIND, {}, { applicationId: "X", dataSourceArn: "nope", workspaceConfiguration: { name: "", workspaceType: "NONE" } });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["applicationId", "dataSourceArn", "dataSourceArn", "workspaceConfiguration.name", "workspaceConfiguration.name", "workspaceConfiguration.workspaceType"]);
  });
});
