-- Version of the channel-neutral message each channel outbox row was written at: rows written before an upgrade of
-- Lodestone are still sent (their message is upgraded step by step) or fail with the reason.
ALTER TABLE "ChannelDelivery" ADD COLUMN "payloadVersion" INTEGER NOT NULL DEFAULT 1;
