// Destroy (`pulumi destroy --yes --skip-preview`): no program run; everything in the state is deleted in reverse
// order, dependents before what they depend on, and the stack's exports are cleared.
import type { OperationResult } from "./engine-types";
import type { Deployment } from "./deployment";
import { deleteResource, dropPendingReplacement } from "./delete-steps";

export function destroy(d: Deployment): Promise<OperationResult> {
  return d.runWithoutProgram(async () => {
    for (const res of [...d.olds].reverse()) {
      // Its object is already gone (deleted for a delete-before-replace that never finished).
      if (res.pendingReplacement) dropPendingReplacement(d, res);
      // An old instance pending delete is the physical half of a replacement, not a logical delete.
      else await deleteResource(d, undefined, res, { replacing: !!res.pendingDelete, pendingReplacement: false });
    }
    d.stackOutputs = {};
    d.save();
  });
}
