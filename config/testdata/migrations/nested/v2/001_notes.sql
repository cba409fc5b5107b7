CREATE TABLE notes (id int, tenant_id int);
