-- Alerts are looked up by their event (reversals, reminders, lapses, measure timelines) and by the alert that updated
-- them; without these indexes each lookup scans every tenant's alerts.
CREATE INDEX "Alert_policyChangeId_idx" ON "Alert"("policyChangeId");
CREATE INDEX "Alert_permitEventId_idx" ON "Alert"("permitEventId");
CREATE INDEX "Alert_updatedByAlertId_idx" ON "Alert"("updatedByAlertId");

-- The matching-profile counter becomes one row per tenant: every watchlist, supplier or decision write of every tenant
-- used to update the one row (id 1), so concurrent writes of different tenants queued on its lock. Readers now use the
-- sum over all rows, which only grows (rows are never deleted or lowered).
DROP TRIGGER "WatchlistItem_matching_profile_version" ON "WatchlistItem";
DROP TRIGGER "Supplier_matching_profile_version" ON "Supplier";
DROP TRIGGER "SupplierNameDecision_matching_profile_version" ON "SupplierNameDecision";
DROP TRIGGER "Tenant_matching_profile_version" ON "Tenant";
DROP FUNCTION "bump_matching_profile_version"();

-- The old count moves to the nil UUID's row, raised by one: the sum continues above every value a running process may
-- have cached, so each rebuilds once and keeps the new index.
ALTER TABLE "MatchingProfileVersion" DROP CONSTRAINT "MatchingProfileVersion_pkey",
ADD COLUMN "tenantId" UUID;
UPDATE "MatchingProfileVersion" SET "tenantId" = '00000000-0000-0000-0000-000000000000', "version" = "version" + 1;
ALTER TABLE "MatchingProfileVersion" DROP COLUMN "id",
ALTER COLUMN "tenantId" SET NOT NULL,
ADD CONSTRAINT "MatchingProfileVersion_pkey" PRIMARY KEY ("tenantId");

-- Statement triggers on the tenant-owned tables: each tenant the statement touched (its transition tables) is raised
-- once, in ascending tenant order (concurrent statements lock rows in the same order); a TRUNCATE raises the nil UUID's
-- row. PostgreSQL allows transition tables only on single-event triggers, hence one trigger per event.
CREATE FUNCTION "bump_matching_profile_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version")
      SELECT DISTINCT "tenantId", 1 FROM new_rows WHERE "tenantId" IS NOT NULL ORDER BY 1
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version")
      SELECT t, 1 FROM (SELECT "tenantId" FROM new_rows UNION SELECT "tenantId" FROM old_rows) AS touched (t)
      WHERE t IS NOT NULL ORDER BY 1
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version")
      SELECT DISTINCT "tenantId", 1 FROM old_rows WHERE "tenantId" IS NOT NULL ORDER BY 1
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  ELSE
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version")
      VALUES ('00000000-0000-0000-0000-000000000000', 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "WatchlistItem_matching_profile_version_insert" AFTER INSERT ON "WatchlistItem"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "WatchlistItem_matching_profile_version_update" AFTER UPDATE ON "WatchlistItem"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "WatchlistItem_matching_profile_version_delete" AFTER DELETE ON "WatchlistItem"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "WatchlistItem_matching_profile_version_truncate" AFTER TRUNCATE ON "WatchlistItem"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "Supplier_matching_profile_version_insert" AFTER INSERT ON "Supplier"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "Supplier_matching_profile_version_update" AFTER UPDATE ON "Supplier"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "Supplier_matching_profile_version_delete" AFTER DELETE ON "Supplier"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "Supplier_matching_profile_version_truncate" AFTER TRUNCATE ON "Supplier"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "SupplierNameDecision_matching_profile_version_insert" AFTER INSERT ON "SupplierNameDecision"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "SupplierNameDecision_matching_profile_version_update" AFTER UPDATE ON "SupplierNameDecision"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "SupplierNameDecision_matching_profile_version_delete" AFTER DELETE ON "SupplierNameDecision"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
CREATE TRIGGER "SupplierNameDecision_matching_profile_version_truncate" AFTER TRUNCATE ON "SupplierNameDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();

-- A tenant's own row when it is created, deleted or its status changes (row triggers: a column list excludes
-- transition tables, and tenants change one at a time).
CREATE FUNCTION "bump_tenant_matching_profile_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version") VALUES (OLD."id", 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  ELSE
    INSERT INTO "MatchingProfileVersion" AS v ("tenantId", "version") VALUES (NEW."id", 1)
      ON CONFLICT ("tenantId") DO UPDATE SET "version" = v."version" + 1;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Tenant_matching_profile_version" AFTER INSERT OR DELETE ON "Tenant"
  FOR EACH ROW EXECUTE FUNCTION "bump_tenant_matching_profile_version"();
CREATE TRIGGER "Tenant_matching_profile_version_status" AFTER UPDATE OF "status" ON "Tenant"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "bump_tenant_matching_profile_version"();
CREATE TRIGGER "Tenant_matching_profile_version_truncate" AFTER TRUNCATE ON "Tenant"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_versions"();
