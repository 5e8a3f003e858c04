import { ResourceInitError } from "../core/errors";
import type { ResourceContext } from "../core/spec";
import { lookThrough, UnexpectedStatusError, waitFor, WaitTimeoutError } from "../core/wait";
import { attachmentResourceId, type AttachmentKey } from "./attachment-id";
import { attachmentsPollSource } from "./attachment-poll-source";
import { describeAttachment, type AttachmentView } from "./attachment-wire";

/**
 * After AttachDataSource answered: the attachment as Describe shows it, tolerating not-found for waitFor's usual few
 * polls (eventual consistency right after a create; with backoff, tens of seconds against AWS); undefined when it never
 * showed (the answer was a replay of a detached attachment's token) or the create's time ran out.
 */
export async function lookAfterAttach(ctx: ResourceContext, key: AttachmentKey, deadline: number): Promise<AttachmentView | undefined> {
  const judge = (view: AttachmentView | undefined) => view && { value: view, status: view.status };
  try {
    const seen = await waitFor({
      what: `${ctx.label}: the new attachment to show`,
      // Any status will do: this only asks whether it exists.
      pending: [],
      target: ["PENDING", "ATTACHED", "FAILED"],
      timeoutMs: ctx.allowance?.timeoutMs ?? ctx.timeouts.create,
      deadlineAt: deadline,
      observe: async () => judge(await describeAttachment(ctx, key)),
      // Shared mode: the first look too comes with a tick of the application's shared poll, within one tick unit (2 s):
      // the attaches of a whole stack are then confirmed by one list call instead of one Describe each.
      lookShared: lookThrough(attachmentsPollSource(ctx, key), attachmentResourceId(key), judge),
      firstLookShared: true,
    });
    return seen?.value;
  } catch (error) {
    // Never seen in the grace period (any AWS error, or an unknown status, is thrown as it is).
    if (error instanceof WaitTimeoutError || (error instanceof UnexpectedStatusError && error.last === undefined)) return undefined;
    throw error;
  }
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
