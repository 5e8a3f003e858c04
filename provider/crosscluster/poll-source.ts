import { settingsKey } from "../core/aws-clients";
import type { PollSource } from "../core/poller";
import type { ResourceContext } from "../core/spec";
import type { ConnectionView, CrossClusterWire } from "./wire";

/**
 * The host's shared poll of one side of one API family in one account and region: a tick describes every connection
 * the waits name with one connection-id filter of many values (one call per 100 ids).
 */
export function crossClusterPollSource(wire: CrossClusterWire, side: "outbound" | "inbound", ctx: ResourceContext): PollSource<ConnectionView> {
  const call = { label: `the shared poll of ${wire.family} ${side} connections in ${ctx.aws.region ?? "the default region"}`, aws: ctx.aws };
  return {
    key: `${wire.family}|${side}|${settingsKey(ctx.aws)}`,
    fetch: async (ids) => new Map((await wire.describeMany(call, side, ids)).map((view) => [view.id, view])),
  };
}
