-- The alerts inbox (GET /v1/alerts): a tenant's alerts newest first, keyset-paginated on id.
CREATE INDEX "Alert_tenantId_id_idx" ON "Alert"("tenantId", "id" DESC);
