-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('incoming', 'outgoing', 'internal');

-- CreateEnum
CREATE TYPE "CallState" AS ENUM ('ringing', 'answered', 'ended');

-- CreateEnum
CREATE TYPE "CallDisposition" AS ENUM ('answered', 'no_answer', 'busy', 'cancelled', 'failed');

-- CreateEnum
CREATE TYPE "RecordingState" AS ENUM ('none', 'pending', 'ready', 'unavailable');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('requested', 'ringing_agent', 'calling_client', 'connected', 'ended', 'failed');

-- AlterEnum
ALTER TYPE "ConnectionKind" ADD VALUE 'zadarma';

-- AlterEnum
ALTER TYPE "WebhookPurpose" ADD VALUE 'telephony';

-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "clientId" TEXT;

-- AlterTable
ALTER TABLE "Lead" ADD COLUMN     "clientId" TEXT;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "eventType" TEXT,
ADD COLUMN     "providerCallId" TEXT;

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "confirmedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Client" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "name" TEXT,
    "email" TEXT,
    "klientiksClientId" TEXT,
    "crmLookedUpAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Call" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "providerCallId" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "state" "CallState" NOT NULL,
    "clientPhone" TEXT,
    "companyNumber" TEXT,
    "extension" TEXT,
    "membershipId" TEXT,
    "clientId" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "waitSeconds" INTEGER,
    "talkSeconds" INTEGER,
    "disposition" "CallDisposition",
    "rawDisposition" TEXT,
    "recordingState" "RecordingState" NOT NULL DEFAULT 'none',
    "recordingRef" TEXT,
    "recordingAttempts" INTEGER NOT NULL DEFAULT 0,
    "recordingDueAt" TIMESTAMPTZ(3),
    "isFirstCall" BOOLEAN NOT NULL DEFAULT false,
    "callbackRequestId" TEXT,
    "calledBackAt" TIMESTAMPTZ(3),
    "calledBackCallId" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallEvent" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "extension" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deliveryId" TEXT,
    "payload" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "CallEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TelephonyExtension" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "name" TEXT,
    "isOnline" BOOLEAN,
    "membershipId" TEXT,
    "isRemoved" BOOLEAN NOT NULL DEFAULT false,
    "refreshedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TelephonyExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallbackRequest" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "connectionId" TEXT NOT NULL,
    "membershipId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "extension" TEXT NOT NULL,
    "toPhone" TEXT NOT NULL,
    "clientId" TEXT,
    "status" "CallbackStatus" NOT NULL DEFAULT 'requested',
    "failureCode" TEXT,
    "callId" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CallbackRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RealtimeEvent" (
    "id" BIGSERIAL NOT NULL,
    "tenantId" TEXT NOT NULL,
    "membershipId" TEXT,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RealtimeEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Client_tenantId_klientiksClientId_idx" ON "Client"("tenantId", "klientiksClientId");

-- CreateIndex
CREATE UNIQUE INDEX "Client_tenantId_phone_key" ON "Client"("tenantId", "phone");

-- CreateIndex
CREATE INDEX "Call_tenantId_startedAt_id_idx" ON "Call"("tenantId", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Call_tenantId_clientPhone_startedAt_idx" ON "Call"("tenantId", "clientPhone", "startedAt");

-- CreateIndex
CREATE INDEX "Call_tenantId_clientId_startedAt_idx" ON "Call"("tenantId", "clientId", "startedAt");

-- CreateIndex
CREATE INDEX "Call_tenantId_membershipId_startedAt_id_idx" ON "Call"("tenantId", "membershipId", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Call_tenantId_disposition_startedAt_id_idx" ON "Call"("tenantId", "disposition", "startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Call_recordingState_recordingDueAt_idx" ON "Call"("recordingState", "recordingDueAt");

-- CreateIndex
CREATE INDEX "Call_searchText_idx" ON "Call" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE UNIQUE INDEX "Call_connectionId_providerCallId_key" ON "Call"("connectionId", "providerCallId");

-- CreateIndex
CREATE INDEX "CallEvent_tenantId_callId_at_idx" ON "CallEvent"("tenantId", "callId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "CallEvent_tenantId_eventKey_key" ON "CallEvent"("tenantId", "eventKey");

-- CreateIndex
CREATE INDEX "TelephonyExtension_tenantId_membershipId_idx" ON "TelephonyExtension"("tenantId", "membershipId");

-- CreateIndex
CREATE UNIQUE INDEX "TelephonyExtension_connectionId_extension_key" ON "TelephonyExtension"("connectionId", "extension");

-- CreateIndex
CREATE INDEX "CallbackRequest_tenantId_connectionId_extension_requestedAt_idx" ON "CallbackRequest"("tenantId", "connectionId", "extension", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CallbackRequest_tenantId_membershipId_idempotencyKey_key" ON "CallbackRequest"("tenantId", "membershipId", "idempotencyKey");

-- CreateIndex
CREATE INDEX "RealtimeEvent_tenantId_id_idx" ON "RealtimeEvent"("tenantId", "id");

-- CreateIndex
CREATE INDEX "RealtimeEvent_createdAt_idx" ON "RealtimeEvent"("createdAt");

-- CreateIndex
CREATE INDEX "Deal_tenantId_clientId_visitStartAt_idx" ON "Deal"("tenantId", "clientId", "visitStartAt");

-- CreateIndex
CREATE INDEX "Lead_tenantId_clientId_crmCreatedAt_idx" ON "Lead"("tenantId", "clientId", "crmCreatedAt");

-- AddForeignKey
ALTER TABLE "Client" ADD CONSTRAINT "Client_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Call" ADD CONSTRAINT "Call_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallEvent" ADD CONSTRAINT "CallEvent_callId_fkey" FOREIGN KEY ("callId") REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TelephonyExtension" ADD CONSTRAINT "TelephonyExtension_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallbackRequest" ADD CONSTRAINT "CallbackRequest_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "Connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The telephony trigram index needs pg_trgm, created by 20261203062000_tracker_table_search.

-- Clients from the phones of existing deals and leads (docs/clients.md): the latest deal's name,
-- e-mail and Klientiks client id win, a lead's fill in where no deal tells.
INSERT INTO "Client" ("id", "tenantId", "phone", "name", "email", "klientiksClientId", "createdAt", "updatedAt")
SELECT 'cli_' || substr(md5(p."tenantId" || '|' || p."phone"), 1, 20), p."tenantId", p."phone", p."name", p."email", p."klientiksClientId", p."createdAt", CURRENT_TIMESTAMP
FROM (
  SELECT DISTINCT ON ("tenantId", "phone") "tenantId", "phone", "name", "email", "klientiksClientId", "createdAt"
  FROM (
    SELECT d."tenantId", d."contactPhone" AS "phone", d."contactName" AS "name", d."contactEmail" AS "email",
      nullif(d."contacts" -> 0 ->> 'klientiksClientId', '') AS "klientiksClientId", d."createdAt", 0 AS "rank", d."crmCreatedAt" AS "at"
    FROM "Deal" AS d WHERE d."contactPhone" IS NOT NULL
    UNION ALL
    SELECT l."tenantId", l."contactPhone", l."contactName", l."contactEmail", NULL, l."createdAt", 1, l."crmCreatedAt"
    FROM "Lead" AS l WHERE l."contactPhone" IS NOT NULL
  ) AS all_phones
  ORDER BY "tenantId", "phone", "rank", "at" DESC NULLS LAST
) AS p;

UPDATE "Deal" AS d SET "clientId" = c."id" FROM "Client" AS c WHERE c."tenantId" = d."tenantId" AND c."phone" = d."contactPhone";
UPDATE "Lead" AS l SET "clientId" = c."id" FROM "Client" AS c WHERE c."tenantId" = l."tenantId" AND c."phone" = l."contactPhone";
