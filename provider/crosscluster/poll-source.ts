import { settingsKey } from "../core/aws-clients";
import type { AwsSettings } from "../core/aws-clients";
import type { PollSource } from "../core/poller";
import { pollModeFromEnvironment } from "../core/schedule";
import { hostPoller, lookNowWindow } from "../core/wait";
import type { ConnectionView, CrossClusterWire, WireCall } from "./wire";

/**
 * The host's shared poll of one side of one API family in one account and region: a tick describes every connection
 * the waits name with one connection-id filter of many values (one call per 100 ids).
 */
export function crossClusterPollSource(wire: CrossClusterWire, side: "outbound" | "inbound", ctx: { aws: AwsSettings }): PollSource<ConnectionView> {
  const call = { label: `the shared poll of ${wire.family} ${side} connections in ${ctx.aws.region ?? "the default region"}`, aws: ctx.aws };
  return {
    key: `${wire.family}|${side}|${settingsKey(ctx.aws)}`,
    fetch: async (ids) => new Map((await wire.describeMany(call, side, ids)).map((view) => [view.id, view])),
  };
}

/**
 * The host's shared listing of one local domain's outbound connections (all of them, whatever the ids): what a create
 * checks its alias against. A fleet's creates on one domain start together, so one listing a tick serves them all.
 */
export function domainOutboundPollSource(wire: CrossClusterWire, aws: AwsSettings, localDomainName: string): PollSource<ConnectionView> {
  // The label names no domain: a domain name is the user's free text, and may be a secret.
  const call = { label: `the shared listing of a local ${wire.family} domain's outbound connections in ${aws.region ?? "the default region"}`, aws };
  return {
    key: `${wire.family}|outbound-of-domain|${settingsKey(aws)}|${localDomainName}`,
    listsEverything: true,
    fetch: async () => new Map((await wire.listOutbound(call, localDomainName)).map((view) => [view.id, view])),
  };
}

/**
 * The local domain's outbound connections, as fresh as a listing made now: in shared mode a tick of the host's listing
 * of that domain (one call serves every create of a fleet on the domain, not one each: issue 9), else a listing of its own.
 */
export async function listOutboundNow(wire: CrossClusterWire, call: WireCall, localDomainName: string, deadline: number): Promise<ConnectionView[]> {
  if (pollModeFromEnvironment() !== "shared") return wire.listOutbound(call, localDomainName);
  return [...(await hostPoller(domainOutboundPollSource(wire, call.aws, localDomainName)).lookAll(lookNowWindow(deadline))).values()];
}

/**
 * The inbound side of connection `id` as its owner (`call`) sees it now: in shared mode through the host's inbound
 * poll of that owner's account and region (a fleet's accepts share one Describe a tick), else a Describe of its own.
 */
export async function findInboundNow(wire: CrossClusterWire, call: WireCall, id: string, deadline: number): Promise<ConnectionView | undefined> {
  if (pollModeFromEnvironment() !== "shared") return wire.findInbound(call, id);
  return hostPoller(crossClusterPollSource(wire, "inbound", call)).look(id, lookNowWindow(deadline));
}
