-- When a connection was last switched on: the wizard waits for the first webhook from then, not
-- from when the credentials were first saved. Connections already on count from their creation,
-- as the wizard did until now.
ALTER TABLE "Connection" ADD COLUMN "activatedAt" TIMESTAMPTZ(3);
UPDATE "Connection" SET "activatedAt" = "createdAt" WHERE "status" <> 'inactive';
