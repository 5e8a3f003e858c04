// Runtime modules the engine side of the harness shares with @pulumi/pulumi. They are loaded from @pulumi/pulumi's own
// location so that the gRPC and protobuf instances are the ones its generated stubs were built against.
import * as path from "path";

export const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

function load<T>(id: string): T {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(id, { paths: [pulumiDir] })) as T;
}

export const grpc = load<typeof import("@grpc/grpc-js")>("@grpc/grpc-js");
export const provproto = load<typeof import("@pulumi/pulumi/proto/provider_pb")>("@pulumi/pulumi/proto/provider_pb");
export const provrpc = load<typeof import("@pulumi/pulumi/proto/provider_grpc_pb")>(
  "@pulumi/pulumi/proto/provider_grpc_pb",
);
export const statusproto = load<typeof import("@pulumi/pulumi/proto/status_pb")>("@pulumi/pulumi/proto/status_pb");
export const structproto = load<typeof import("google-protobuf/google/protobuf/struct_pb")>(
  "google-protobuf/google/protobuf/struct_pb",
);
export const emptyproto = load<typeof import("google-protobuf/google/protobuf/empty_pb")>(
  "google-protobuf/google/protobuf/empty_pb",
);
