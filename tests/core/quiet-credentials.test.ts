import { strict as assert } from "assert";
import * as provider from "../../provider";
import { resetClients } from "../../provider/core/aws-clients";
import type { Emulator } from "../../emulator";
import { startProfileEmulator, type ProfileEmulator } from "../support/profile-home";

/**
 * Issue 10: `acceptWith: { profile }` with keys in the environment printed the SDK's "Both AWS_PROFILE and the pair
 * AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set" although AWS_PROFILE was never set: a profile
 * handed to the SDK's node chain counts as AWS_PROFILE. The documented cross-account set-ups (environment keys, a
 * profile, a role, a role assumed from a profile; in `aws` and in `acceptWith`) must print no credential warning.
 */
const DX = "directconnect:Connection";
const OUTBOUND = "opensearch:OutboundConnection";
const PARTNER = "222222222222";
const ROLE = `arn:aws:iam::${PARTNER}:role/connections-admin`;

/** The SDK warns once per process (a module-level flag): fresh credential modules make each case count. */
function freshCredentialModules(): void {
  for (const key of Object.keys(require.cache)) if (/[\\/]@aws-sdk[\\/]credential-provider/.test(key)) delete require.cache[key];
  resetClients();
}

/** Everything written through console.warn/console.error and to stderr while `run` runs. */
async function captured(run: () => Promise<unknown>): Promise<string> {
  const seen: string[] = [];
  const { warn, error } = console;
  const write = process.stderr.write;
  console.warn = (...args: unknown[]) => void seen.push(args.map(String).join(" "));
  console.error = (...args: unknown[]) => void seen.push(args.map(String).join(" "));
  process.stderr.write = ((chunk: string | Uint8Array) => (seen.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    await run();
  } finally {
    console.warn = warn;
    console.error = error;
    process.stderr.write = write;
  }
  return seen.join("\n");
}

const CREDENTIAL_WARNING = /Multiple credential sources|AWS_PROFILE|static credentials/;

describe("no credential warning for the documented cross-account set-ups (issue 10)", function () {
  let emulator: Emulator;
  let world: ProfileEmulator;

  before(async () => {
    // The primary account's keys in the environment, and AWS_PROFILE not set: the set-up of the issue.
    world = await startProfileEmulator({ name: "partner", accountId: PARTNER });
    emulator = world.emulator;
    delete process.env.AWS_PROFILE;
    assert.ok(process.env.AWS_ACCESS_KEY_ID && process.env.AWS_SECRET_ACCESS_KEY);
  });
  after(async () => {
    await world?.stop();
  });
  beforeEach(freshCredentialModules);

  it("the capture sees the SDK's warning when the node chain is handed a profile (what the provider used to do)", async () => {
    const { fromNodeProviderChain } = require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
    const printed = await captured(() => fromNodeProviderChain({ profile: "partner" })());
    assert.match(printed, CREDENTIAL_WARNING);
  });

  const DX_SETUPS: Array<{ name: string; aws?: Record<string, string>; owner: string }> = [
    { name: "environment keys (no aws settings)", owner: "111111111111" },
    { name: "aws.profile", aws: { profile: "partner" }, owner: PARTNER },
    { name: "aws.roleArn", aws: { roleArn: ROLE }, owner: PARTNER },
    { name: "aws.roleArn assumed with aws.profile's credentials", aws: { profile: "partner", roleArn: ROLE }, owner: PARTNER },
  ];
  for (const setup of DX_SETUPS) {
    it(`directconnect.Connection with ${setup.name}: made in the right account, no warning`, async () => {
      const inputs = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "quiet", ...(setup.aws ? { aws: setup.aws } : {}) };
      let made: { id: string; outs: Record<string, unknown> } | undefined;
      const printed = await captured(async () => {
        made = await provider.create(DX, inputs);
        await provider.delete(DX, made.id, { ...inputs, ...made.outs });
      });
      assert.equal(made?.outs.ownerAccount, setup.owner);
      assert.doesNotMatch(printed, CREDENTIAL_WARNING);
    });
  }

  for (const acceptWith of [{ profile: "partner" }, { roleArn: ROLE }]) {
    it(`opensearch.OutboundConnection with acceptWith ${JSON.stringify(acceptWith)}: accepted as the partner, no warning`, async () => {
      const inputs = {
        localDomain: { domainName: "app-logs" },
        remoteDomain: { domainName: "partner-logs", ownerId: PARTNER },
        connectionAlias: `quiet-${Object.keys(acceptWith)[0]}`,
        acceptWith,
      };
      let made: { id: string; outs: Record<string, unknown> } | undefined;
      const printed = await captured(async () => {
        made = await provider.create(OUTBOUND, inputs);
        await provider.delete(OUTBOUND, made.id, { ...inputs, ...made.outs });
      });
      assert.equal(made?.outs.status, "ACTIVE");
      assert.doesNotMatch(printed, CREDENTIAL_WARNING);
    });
  }
});
