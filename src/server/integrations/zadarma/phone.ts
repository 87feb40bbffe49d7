// The phone rules are the call model's, shared by every telephony adapter (src/server/domain/calls/call-phone.ts).
export { isPbxExtension, toCallPhone } from "@/server/domain/calls/call-phone";
