export { Connection } from "./connection";
export type { ConnectionArgs } from "./connection";
