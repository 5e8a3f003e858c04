// Refresh (`pulumi refresh --yes --skip-preview`): no program run; every resource in the state is Read, and the state
// takes what the provider reports. A resource the provider says is gone leaves the state.
import type { DiffResult, ProviderHost } from "./host";
import { diffLines, type StepOp } from "./display";
import { annotateSecrets, changedKeys } from "./props";
import type { StateResource } from "./state";
import type { OperationResult } from "./engine-types";
import { errorMessage, type Deployment, type StepTarget } from "./deployment";

export function refresh(d: Deployment): Promise<OperationResult> {
  return d.runWithoutProgram(async () => {
    for (const res of d.olds) await refreshResource(d, res);
  });
}

async function refreshResource(d: Deployment, res: StateResource): Promise<void> {
  const target: StepTarget = { urn: res.urn, type: res.type, name: res.name };
  // Components and resources awaiting their delete-before-replace re-creation never change with a refresh.
  if (!res.custom || res.pendingReplacement) {
    d.record({ ...target, op: "same", id: res.id, diffKeys: [], replaceKeys: [] });
    return;
  }
  const host = await d.host();
  let r: Awaited<ReturnType<ProviderHost["read"]>>;
  try {
    r = await host.read(res.urn, res.id ?? "", res.outputs, res.inputs);
  } catch (e) {
    throw d.fail(target, "refresh", `${res.urn}: ${errorMessage(e)}`, { id: res.id });
  }
  if (!r.id) {
    // The engine treats an empty id as "the object is gone": the resource leaves the state.
    d.retired.add(res);
    d.save();
    d.record({ ...target, op: "read-gone", id: res.id, diffKeys: [], replaceKeys: [] }, { diff: diffLines(res.outputs, {}) });
    return;
  }
  const outputs = annotateSecrets(r.properties, res.outputs);
  const inputs = r.inputs ? annotateSecrets(r.inputs, res.inputs) : res.inputs;
  const oldOutputs = res.outputs;
  const oldInputs = res.inputs;
  // RefreshStep: the result is framed as the diff an `up` of an unchanged program would show right after the
  // refresh (new outputs as olds, old inputs as news), inverted.
  let diff: DiffResult;
  try {
    diff = await host.diff(res.urn, r.id, outputs, inputs, oldInputs, false, []);
  } catch (e) {
    throw d.fail(target, "refresh", `${res.urn}: ${errorMessage(e)}`, { id: res.id });
  }
  let changes = diff.changes;
  if (changes === "unknown") changes = changedKeys(inputs, oldInputs, []).length > 0 ? "some" : "none";
  res.id = r.id;
  res.outputs = outputs;
  res.inputs = inputs;
  // RefreshStep builds the new state with no init errors (a successful Read means the object is healthy).
  delete res.initErrors;
  d.save();
  const keys = changedKeys(oldOutputs, outputs);
  const op: StepOp = changes === "none" ? "same" : "refresh";
  d.record({ ...target, op, id: r.id, diffKeys: keys, replaceKeys: diff.replaces }, {
    diff: op === "same" ? [] : diffLines(oldOutputs, outputs),
  });
}
