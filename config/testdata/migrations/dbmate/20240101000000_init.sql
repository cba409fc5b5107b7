-- migrate:up
CREATE TABLE contacts (id int, tenant_id int);
CREATE TABLE plans (id int);

-- migrate:down
DROP TABLE plans;
DROP TABLE contacts;
