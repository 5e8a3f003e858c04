import { formatDuration } from "../core/durations";
import { progress } from "../core/progress";
import type { ResourceContext } from "../core/spec";
import { waitFor, WaitTimeoutError } from "../core/wait";
import type { AttachmentView } from "./attachment-wire";

/**
 * Before a detach: AWS refuses to detach a PENDING attachment (ConflictException), so wait, within `timeouts.delete`,
 * until it is ATTACHED or FAILED. Resolves undefined when it disappeared meanwhile. Past the timeout nothing has been
 * changed, so the error says so and the resource stays in state for the next destroy.
 */
export async function waitOutPending(ctx: ResourceContext, id: string, find: () => Promise<AttachmentView | undefined>): Promise<AttachmentView | undefined> {
  progress(`${ctx.label} (${id}): PENDING, which AWS cannot detach; waiting for ATTACHED or FAILED first`);
  try {
    const settled = await waitFor({
      what: `${ctx.label} (${id}) to leave PENDING before it can be detached`,
      pending: ["PENDING"],
      target: ["ATTACHED", "FAILED"],
      notFoundIsTarget: true,
      timeoutMs: ctx.timeouts.delete,
      observe: async () => {
        const view = await find();
        return view && { value: view, status: view.status, message: view.reason };
      },
    });
    return settled?.value;
  } catch (error) {
    if (!(error instanceof WaitTimeoutError)) throw error;
    throw new Error(
      `${ctx.label} (${id}) is still PENDING after ${formatDuration(ctx.timeouts.delete)}, and AWS refuses to detach a PENDING ` +
        "attachment. It becomes ATTACHED once the application and the data source are both ACTIVE, or FAILED 24 hours after " +
        "it was requested. Nothing was changed and the attachment stays in state: run the destroy again then, or give " +
        "timeouts.delete more time",
    );
  }
}
