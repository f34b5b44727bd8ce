-- Incident numbers on PostgreSQL come from a sequence: nextval never conflicts, where every
-- open updating one "Sequence" row made concurrent SERIALIZABLE opens fail and retry. It starts
-- past every number already given (the old row, or the highest incident) so none is reused.
CREATE SEQUENCE "IncidentNumber" AS integer START WITH 1;
SELECT setval('"IncidentNumber"', GREATEST(n, 1), n >= 1)
FROM (SELECT GREATEST(COALESCE((SELECT "value" FROM "Sequence" WHERE "name" = 'incident'), 0), COALESCE((SELECT MAX("number") FROM "Incident"), 0)) AS n) AS given;
