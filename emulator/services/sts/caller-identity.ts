import type { OperationHandler } from "../types";

export const getCallerIdentity: OperationHandler = (_input, ctx) => ({
  UserId: ctx.caller.userId,
  Account: ctx.caller.accountId,
  Arn: ctx.caller.arn,
});
