-- A file with one of everything tenantvet sql reports.
SELECT * FROM contacts WHERE tenant_id = $1;

SELECT * FROM contacts WHERE id = $1;

-- tenantvet:ignore
DELETE FROM notes WHERE id = $1;

-- tenantvet:ignore the statement is safe, so this directive is stale
SELECT * FROM notes WHERE tenant_id = $1;

-- tenantvet:ignore cross-tenant report for the billing job
SELECT count(*) FROM deals;

SELEC broken;

UPDATE deals SET stage = $2
WHERE id = $1;
