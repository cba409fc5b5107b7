ALTER TABLE contacts ADD COLUMN tenant_id int;
