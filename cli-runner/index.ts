// Runs Pulumi programs on disk through the real Pulumi CLI (see ./stack): the test bed of the engine tests and the
// runner of `npm start`.
export { CliStack, readProject, type CliStackOptions, type OperationKind, type RunningOperation } from "./stack";
export type { OperationResult, StepResult, StepOp, StateFile, StateResource } from "./types";
export { cliEnvironment, TEST_PASSPHRASE } from "./environment";

/** The wire sentinel of an unknown value, as previews show it in outputs (`@pulumi/pulumi/runtime/rpc` `unknownValue`). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
