-- Mango Office prepares a statistics report asynchronously: the import keeps its key between ticks.
ALTER TABLE "BackfillJob" ADD COLUMN "statsKey" TEXT;
