-- A watch is unique per tenant (kind, normalised value, jurisdiction): issue 10, point 2.
-- Stored values are already normalised (HS prefixes digits only, entry codes canonical), so the key is built from them
-- exactly as apps/api/src/modules/watchlist/watch-identity.ts builds it.
ALTER TABLE "WatchlistItem" ADD COLUMN "watchKey" TEXT;

UPDATE "WatchlistItem"
SET "watchKey" = "kind"::text || ':' || COALESCE("elementSymbol", "hsPrefix", "controlEntry", '') || ':'
  || UPPER(TRIM(COALESCE("jurisdiction", '')));

-- Duplicates are merged into the oldest watch of their key (earliest createdAt, then smallest id).
CREATE TEMPORARY TABLE "_watch_merge" ON COMMIT DROP AS
SELECT "id", "tenantId", "keep"
FROM (
  SELECT "id", "tenantId",
    FIRST_VALUE("id") OVER (PARTITION BY "tenantId", "watchKey" ORDER BY "createdAt", "id") AS "keep"
  FROM "WatchlistItem"
) ranked
WHERE "id" <> "keep";

-- Alert reasons name their watch by id (JSON): repoint those of merged watches to the kept one, then keep each
-- reason once (first occurrence), as the API now stores them.
UPDATE "Alert" a
SET "reasons" = COALESCE((
  SELECT jsonb_agg(u."elem" ORDER BY u."ord")
  FROM (
    SELECT DISTINCT ON (r."elem") r."elem", r."ord"
    FROM (
      SELECT
        CASE WHEN m."keep" IS NULL THEN e."value"
             ELSE jsonb_set(e."value", '{subject,watchId}', to_jsonb(m."keep"::text)) END AS "elem",
        e."ord"
      FROM jsonb_array_elements(a."reasons") WITH ORDINALITY AS e("value", "ord")
      LEFT JOIN "_watch_merge" m
        ON e."value"->'subject'->>'type' = 'WATCH' AND m."id"::text = e."value"->'subject'->>'watchId'
    ) r
    ORDER BY r."elem", r."ord"
  ) u
), '[]'::jsonb)
WHERE jsonb_typeof(a."reasons") = 'array'
  AND a."tenantId" IN (SELECT DISTINCT "tenantId" FROM "_watch_merge");

DELETE FROM "WatchlistItem" w USING "_watch_merge" m WHERE w."id" = m."id";

ALTER TABLE "WatchlistItem" ALTER COLUMN "watchKey" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "WatchlistItem_tenantId_watchKey_key" ON "WatchlistItem"("tenantId", "watchKey");
