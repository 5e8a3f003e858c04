// The Pulumi engine's part, for Node.js dynamic resources: turns the program's registrations into steps
// (pkg/resource/deploy/step_generator.go) and executes them against the real dynamic-provider host
// (pkg/resource/deploy/step.go), keeping a state file the way the snapshot manager does.
//
// This is the entry point; the work is split by job:
//   deployment.ts         one operation's state, host, step log and final report
//   registration-loop.ts  preview/update: the program's registrations, components and stack outputs
//   step-generator.ts     which step a custom resource's registration becomes
//   resource-steps.ts     Check, and the same/create/update steps
//   replacements.ts       replacements, delete-before-replace chains included
//   delete-steps.ts       deletes, and the deletes an update ends with
//   refresh.ts, destroy.ts  the operations that run no program
import type { OperationKind } from "./display";
import type { EngineContext, OperationResult } from "./engine-types";
import { Deployment } from "./deployment";
import { runProgram } from "./registration-loop";
import { refresh } from "./refresh";
import { destroy } from "./destroy";

export type { StepOp } from "./display";
export type { EngineContext, OperationResult, StepResult } from "./engine-types";
export { makeUrn } from "./urn";
export { Deployment } from "./deployment";

export async function runOperation(ctx: EngineContext, kind: OperationKind): Promise<OperationResult> {
  const d = new Deployment(ctx, kind);
  if (kind === "refresh") return refresh(d);
  if (kind === "destroy") return destroy(d);
  return runProgram(d);
}
