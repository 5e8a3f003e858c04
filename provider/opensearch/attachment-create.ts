import { ResourceInitError } from "../core/errors";
import { pollModeFromEnvironment } from "../core/schedule";
import type { ResourceContext } from "../core/spec";
import { hostPoller, lookNowWindow } from "../core/wait";
import { attachmentResourceId } from "./attachment-id";
import type { AttachmentKey } from "./attachment-id";
import { attachmentsPollSource } from "./attachment-poll-source";
import { describeAttachment } from "./attachment-wire";
import type { AttachmentView } from "./attachment-wire";

/**
 * After AttachDataSource answered: ONE look at the attachment (undefined: not seen), never a grace period: a miss is
 * settled by one more AttachDataSource with a fresh token (data-source-attachment.ts), so every create costs the same.
 * Shared mode: the look is a tick of the application's shared poll within one tick unit (2 s), so the attaches of a
 * whole stack are confirmed by one list call instead of one Describe each. Per-resource mode: a Describe, as 0.1.0.
 */
export async function lookOnceAfterAttach(ctx: ResourceContext, key: AttachmentKey, deadline: number): Promise<AttachmentView | undefined> {
  if (pollModeFromEnvironment() !== "shared") return describeAttachment(ctx, key);
  return hostPoller(attachmentsPollSource(ctx, key)).look(attachmentResourceId(key), lookNowWindow(deadline));
}

/**
 * Runs a step after AttachDataSource answered: an error then keeps the id in state (the engine's init error), so the
 * attachment AWS may hold is never forgotten; the next `pulumi up` looks again.
 */
export async function keepingId<T>(ctx: ResourceContext, id: string, inputs: Record<string, unknown>, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\.+$/, "");
    throw new ResourceInitError(
      id,
      { ...inputs, region: ctx.aws.region },
      `${reason}. AttachDataSource had answered, so ${id} is kept in state so it is not lost; the next \`pulumi up\` looks again`,
    );
  }
}
