-- Email bursts (docs/notifications.md): for each recipient in a claimed batch the delivery worker asks when its last
-- immediate alert email went (SENT rows of template 'alert' by user and sentAt) and claims the recipient's other due
-- alert rows (unfinished rows of template 'alert' by user). Both are partial indexes, as EmailDelivery_due_idx: the
-- first grows with the history of alert emails, the second stays as small as the queue. Not expressible in
-- schema.prisma without the partialIndexes preview feature; the schema engine leaves manually created partial indexes
-- alone.
CREATE INDEX "EmailDelivery_burst_sent_idx" ON "EmailDelivery" ("userId", "sentAt")
  WHERE "template" = 'alert' AND "status" = 'SENT';
CREATE INDEX "EmailDelivery_burst_open_idx" ON "EmailDelivery" ("userId")
  WHERE "template" = 'alert' AND "status" IN ('PENDING', 'SENDING');
