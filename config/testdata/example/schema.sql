CREATE TABLE plans (id int PRIMARY KEY, name text);
CREATE TABLE contacts (id int, tenant_id int NOT NULL, name text);
CREATE TABLE notes (id int, tenant_id int NOT NULL, contact_id int, body text);
