import { strict as assert } from "assert";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import * as provider from "../../provider";
import { TAKEOVER_KEY } from "../../provider/core/handover";
import { IDENTITY_KEY } from "../../provider/core/identity";
import { startProviderEmulator, type ProviderEmulator } from "../support/provider-emulator";

/**
 * A create that finds its own create token takes the connection over and marks it (provider/core/handover.ts). The
 * marker lives in the new resource's outputs for good: an older resource's delete (another host, any time later) leaves
 * the connection alone, while the new resource's own delete, after an update too, deletes it. Through the provider
 * entry, as the dynamic-provider host calls it; each call is as a fresh host would make it (no in-host record helps:
 * the takeover record of this process is for the same id, so the check below is the marker's).
 */
const KIND = "directconnect:Connection";
const INPUTS = { location: "EqDC2", bandwidth: "1Gbps", connectionName: "taken", [IDENTITY_KEY]: "organization/p/s/directconnect:Connection::taken" };

describe("directconnect.Connection taken over by its own create token", function () {
  let dx: DirectConnectClient;
  let world: ProviderEmulator;
  before(async () => {
    world = await startProviderEmulator();
    ({ dx } = world);
  });
  after(async () => world?.stop());

  const state = async (id: string) => ((await dx.send(new DescribeConnectionsCommand({ connectionId: id }))).connections ?? [])[0]?.connectionState;

  it("the old resource's delete leaves it; the new one's delete, after an update, deletes it", async () => {
    const first = await provider.create(KIND, INPUTS);
    const again = await provider.create(KIND, INPUTS);
    assert.equal(again.id, first.id, "the same token finds the same connection");
    assert.equal(first.outs[TAKEOVER_KEY], undefined);
    const marker = again.outs[TAKEOVER_KEY];
    assert.equal(typeof marker, "string");

    // The first resource (what `--replace` replaced, or state from before a crash) is deleted: the connection stays.
    await provider.delete(KIND, first.id, first.outs);
    assert.equal(await state(first.id), "requested");

    // The new resource keeps its marker through an update, so its own delete deletes.
    const updated = await provider.update(KIND, again.id, again.outs, { ...INPUTS, connectionName: "taken-renamed" });
    assert.equal(updated.outs[TAKEOVER_KEY], marker);
    const refreshed = await provider.read(KIND, again.id, updated.outs);
    assert.equal(refreshed.props[TAKEOVER_KEY], marker);
    await provider.delete(KIND, again.id, refreshed.props);
    assert.equal(await state(again.id), "deleted");
  });
});
