/**
 * pulumi-aws-connections: Pulumi resources for the AWS objects that connect things.
 * `import { directconnect, opensearch, elasticsearch } from "pulumi-aws-connections"`.
 */
export * as directconnect from "./directconnect";
export * as opensearch from "./opensearch";
export * as elasticsearch from "./elasticsearch";
export type { AwsSettings, CommonArgs, Timeouts } from "./core/common-inputs";
export type { DomainArgs, DomainInfo } from "./core/domain-input";
