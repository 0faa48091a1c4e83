-- CreateTable
CREATE TABLE "MatchingProfileVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "MatchingProfileVersion_pkey" PRIMARY KEY ("id")
);

-- The one row.
INSERT INTO "MatchingProfileVersion" ("id", "version") VALUES (1, 0);

-- Raise the counter once per statement that changes what matching reads; it rolls back with the change.
CREATE FUNCTION "bump_matching_profile_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "MatchingProfileVersion" SET "version" = "version" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "WatchlistItem_matching_profile_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "WatchlistItem"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_version"();
CREATE TRIGGER "Supplier_matching_profile_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Supplier"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_version"();
CREATE TRIGGER "SupplierNameDecision_matching_profile_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SupplierNameDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_version"();
CREATE TRIGGER "Tenant_matching_profile_version" AFTER INSERT OR UPDATE OF "status" OR DELETE OR TRUNCATE ON "Tenant"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_matching_profile_version"();
