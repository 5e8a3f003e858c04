import { AwsJsonProtocol } from "../../protocols/aws-json";
import type { ServiceDefinition } from "../types";
import { createConnection, deleteConnection, describeConnections, updateConnection } from "./connections";
import { dxControlRoutes } from "./control";
import { describeLocations } from "./locations";
import { refreshAll } from "./region-state";
import { describeTags, tagResource, untagResource } from "./tagging";

/** AWS Direct Connect: awsJson1_1, target prefix "OvertureService", SigV4 name "directconnect". */
export const directConnect: ServiceDefinition = {
  name: "DirectConnect",
  signingName: "directconnect",
  protocol: new AwsJsonProtocol("OvertureService", "1.1"),
  operations: {
    CreateConnection: createConnection,
    DescribeConnections: describeConnections,
    UpdateConnection: updateConnection,
    DeleteConnection: deleteConnection,
    TagResource: tagResource,
    UntagResource: untagResource,
    DescribeTags: describeTags,
    DescribeLocations: describeLocations,
  },
  faultErrors: {
    throttle: { code: "ThrottlingException", status: 400, message: "Rate exceeded" },
    serverError: { code: "DirectConnectServerException", status: 500, message: "An internal error occurred. Please try again." },
  },
  controlRoutes: dxControlRoutes,
  refresh: refreshAll,
};
