import { AwsQueryProtocol } from "../../protocols/aws-query";
import type { ServiceDefinition } from "../types";
import { assumeRole } from "./assume-role";
import { getCallerIdentity } from "./caller-identity";

/** AWS STS: awsQuery, API version 2011-06-15, SigV4 name "sts". */
export const sts: ServiceDefinition = {
  name: "STS",
  signingName: "sts",
  protocol: new AwsQueryProtocol("2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/"),
  operations: {
    AssumeRole: assumeRole,
    GetCallerIdentity: getCallerIdentity,
  },
  faultErrors: {
    throttle: { code: "Throttling", status: 400, message: "Rate exceeded" },
    serverError: { code: "InternalFailure", status: 500, message: "An internal error occurred." },
  },
};
