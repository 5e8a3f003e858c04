import { formatDuration } from "../core/durations";
import { progress } from "../core/progress";
import type { ResourceContext } from "../core/spec";
import { UnexpectedStatusError, waitFor, WaitTimeoutError } from "../core/wait";
import { applicationStatus } from "./attachment-wire";
import type { AttachmentView } from "./attachment-wire";

/**
 * Before a detach: AWS refuses to detach a PENDING attachment (ConflictException), so wait, within `timeouts.delete`,
 * until it is ATTACHED or FAILED. Resolves undefined when it disappeared meanwhile. Past the timeout nothing has been
 * changed, so the error says so and the resource stays in state for the next destroy.
 */
export async function waitOutPending(
  ctx: ResourceContext,
  id: string,
  find: () => Promise<AttachmentView | undefined>,
  deadline: number,
): Promise<AttachmentView | undefined> {
  progress(`${ctx.label} (${id}): PENDING, which AWS cannot detach; waiting for ATTACHED or FAILED first`);
  try {
    const settled = await waitFor({
      what: `${ctx.label} (${id}) to leave PENDING before it can be detached`,
      pending: ["PENDING"],
      target: ["ATTACHED", "FAILED"],
      notFoundIsTarget: true,
      timeoutMs: ctx.timeouts.delete,
      deadlineAt: deadline,
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

/**
 * Before a detach: "the application must be in the ACTIVE state" (API reference), e.g. not still CREATING or
 * UPDATING. Waits for it within the destroy's deadline; past it, says why and changes nothing. An application that is
 * gone took its attachments with it: nothing to detach then, and the detach's not-found counts as done.
 */
export async function waitForActiveApplication(ctx: ResourceContext, id: string, applicationId: string, deadline: number): Promise<void> {
  try {
    await waitFor({
      what: `${ctx.label} (${id}): application ${applicationId} to be ACTIVE, as AWS requires to detach`,
      pending: ["CREATING", "UPDATING"],
      target: ["ACTIVE"],
      notFoundIsTarget: true,
      timeoutMs: ctx.timeouts.delete,
      deadlineAt: deadline,
      observe: async () => {
        const status = await applicationStatus(ctx, applicationId);
        return status === undefined ? undefined : { value: status, status };
      },
    });
  } catch (error) {
    if (!(error instanceof WaitTimeoutError || error instanceof UnexpectedStatusError)) throw error;
    const status = (error.last as { status?: string } | undefined)?.status ?? "not ACTIVE";
    throw new Error(
      `${ctx.label} (${id}) cannot be detached: AWS detaches data sources only while the application is ACTIVE, and ` +
        `${applicationId} is ${status}${error instanceof WaitTimeoutError ? ` after ${formatDuration(ctx.timeouts.delete)}` : ""}. ` +
        "Nothing was changed and the attachment stays in state: run the destroy again once the application is ACTIVE, " +
        "or delete the application (its attachments go with it)",
    );
  }
}
