export { OutboundConnection, type OutboundConnectionArgs } from "./outbound-connection";
export { InboundConnectionAccepter, type InboundConnectionAccepterArgs } from "./inbound-connection-accepter";
