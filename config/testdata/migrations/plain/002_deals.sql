CREATE TABLE deals (id int, contact_id int, stage text);
ALTER TABLE deals ADD COLUMN tenant_id int NOT NULL;
ALTER TABLE contacts DROP COLUMN phone;
ALTER TABLE contacts RENAME COLUMN name TO full_name;
