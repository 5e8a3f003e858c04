import type { ConnectionView, CrossClusterWire, WireCall } from "./wire";

export type Answer = "accept" | "reject";

/** Inbound statuses that show the connection has already been given this answer. */
export function answeredStatuses(wire: CrossClusterWire, answer: Answer): readonly string[] {
  return answer === "accept" ? [...wire.inboundAccepted.settling, ...wire.inboundAccepted.final] : ["REJECTING", "REJECTED"];
}

/**
 * Accepts or rejects as the remote owner. When the first attempt went through but its response was lost, the SDK's
 * retry is refused (the connection is no longer pending): look at the connection before calling that a failure.
 * Resolves with the inbound side as AWS last described it (the accept's answer), when known.
 */
export async function answerConnection(wire: CrossClusterWire, call: WireCall, id: string, answer: Answer): Promise<ConnectionView | undefined> {
  try {
    if (answer === "accept") return await wire.accept(call, id);
    await wire.reject(call, id);
    return undefined;
  } catch (error) {
    const seen = await wire.findInbound(call, id).catch(() => undefined);
    if (seen && answeredStatuses(wire, answer).includes(seen.status)) return seen;
    throw error;
  }
}
