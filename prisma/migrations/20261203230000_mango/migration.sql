-- Mango Office as the second telephony provider (docs/telephony-mango.md).

-- AlterEnum
ALTER TYPE "ConnectionKind" ADD VALUE 'mango';

-- AlterTable: the lockout circuit, shared by every app instance (docs/telephony-mango.md §4).
ALTER TABLE "Connection" ADD COLUMN     "circuitOpenUntil" TIMESTAMPTZ(3);
