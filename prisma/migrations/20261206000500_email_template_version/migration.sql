-- Version of the template props each outbox row was written at: rows written before an upgrade of Lodestone keep
-- rendering (their props are upgraded step by step) or fail with the reason.
ALTER TABLE "EmailDelivery" ADD COLUMN "templateVersion" INTEGER NOT NULL DEFAULT 1;
