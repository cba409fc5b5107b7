CREATE TABLE contacts (id int, tenant_id int);
