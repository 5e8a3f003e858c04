import type { DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { awsClient } from "../core/aws-clients";
import type { ClientTuning } from "../core/aws-clients";
import type { ResourceContext } from "../core/spec";

export function directConnectClient(ctx: ResourceContext, tuning: ClientTuning): DirectConnectClient {
  return awsClient("directconnect", () => require("@aws-sdk/client-direct-connect").DirectConnectClient, ctx.aws, tuning);
}
