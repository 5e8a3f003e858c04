/**
 * The fleet benchmark's program (bench/fleet.ts runs it through the real CLI): `n` resources of one `kind`, all
 * independent, so the engine creates them concurrently in one provider host.
 *   - `dx`: Direct Connect connections that wait until available, 10 per location (AWS's limit), over the 8
 *     locations of the emulator's three regions, and over its three accounts (roles) past 80;
 *   - `outbound`: OpenSearch outbound connections accepted by the remote owner in the same resource (`acceptWith`,
 *     through a role in the partner account), 20 per local and per remote domain (AWS's limits);
 *   - `attachment`: data sources attached to the application `benchapp`.
 */
import * as pulumi from "@pulumi/pulumi";
import { directconnect, opensearch } from "pulumi-aws-connections";

const config = new pulumi.Config();
const kind = config.require("kind");
const n = config.requireNumber("n");
const ACCOUNTS = ["111111111111", "222222222222", "333333333333"];
const LOCATIONS = [
  ["us-east-1", "EqDC2"], ["us-east-1", "CSVA1"], ["us-east-1", "EqNY5"], ["us-east-1", "EqAT1"],
  ["us-west-2", "EqSe2"], ["us-west-2", "CoSe1"], ["eu-west-1", "EqLD5"], ["eu-west-1", "TCDU1"],
];
const PER_LOCATION = 10;
const PER_DOMAIN = 20;
const PARTNER = "222222222222";

for (let i = 0; i < n; i++) {
  if (kind === "dx") {
    const account = Math.floor(i / (PER_LOCATION * LOCATIONS.length));
    const [region, location] = LOCATIONS[Math.floor(i / PER_LOCATION) % LOCATIONS.length];
    const role = account === 0 ? {} : { roleArn: `arn:aws:iam::${ACCOUNTS[account]}:role/connections-admin` };
    new directconnect.Connection(`dx-${i}`, { location, bandwidth: "1Gbps", connectionName: `bench-${i}`, waitForAvailable: true, aws: { region, ...role } });
  } else if (kind === "outbound") {
    const domain = Math.floor(i / PER_DOMAIN);
    new opensearch.OutboundConnection(`os-${i}`, {
      localDomain: { domainName: `bench-local-${domain}` },
      remoteDomain: { domainName: `bench-remote-${domain}`, ownerId: PARTNER },
      connectionAlias: `bench-${i}`,
      acceptWith: { roleArn: `arn:aws:iam::${PARTNER}:role/connections-admin-external`, externalId: "pulumi-aws-connections-test" },
    });
  } else if (kind === "attachment") {
    new opensearch.DataSourceAttachment(`attach-${i}`, { applicationId: "benchapp", dataSourceArn: `arn:aws:es:us-east-1:111111111111:domain/bench-ds-${i}` });
  } else {
    throw new Error(`kind: must be dx, outbound or attachment`);
  }
}
