import type { DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { awsClient, type ClientConstructor, type ClientTuning } from "../core/aws-clients";
import type { ResourceContext } from "../core/spec";

/** The SDK module is required on first use only. */
export const loadDirectConnectClient = (): ClientConstructor<DirectConnectClient> => require("@aws-sdk/client-direct-connect").DirectConnectClient;

export function directConnectClient(ctx: ResourceContext, tuning: ClientTuning): DirectConnectClient {
  return awsClient("directconnect", loadDirectConnectClient, ctx.aws, tuning);
}
