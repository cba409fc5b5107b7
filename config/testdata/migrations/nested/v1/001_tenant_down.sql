ALTER TABLE contacts DROP COLUMN tenant_id;
