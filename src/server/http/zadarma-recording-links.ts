import type { TRecordingProxyDeps } from "@/server/http/stream-recording";
import {
  ZadarmaError,
  type TZadarmaClient,
  type TZadarmaCredentials,
} from "@/server/integrations/zadarma";

type TStoredConnection = Parameters<TRecordingProxyDeps["requestRecordingLink"]>[0];

/**
 * The recording proxy's provider side for Zadarma: a fresh `pbx/record/request` link signed with
 * the call's connection's credentials, and «the provider no longer has it» read from its error.
 */
export function zadarmaRecordingLinks(
  zadarma: Pick<TZadarmaClient, "requestRecordingLink">,
  credentialsOf: (connection: TStoredConnection) => TZadarmaCredentials,
): Pick<TRecordingProxyDeps, "requestRecordingLink" | "isRecordingGone"> {
  return {
    requestRecordingLink: (connection, request) =>
      zadarma.requestRecordingLink(credentialsOf(connection), request),
    isRecordingGone: (error) => error instanceof ZadarmaError && error.code === "not_found",
  };
}
