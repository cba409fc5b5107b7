-- migrate:up transaction:false
CREATE TABLE notes (id int, tenant_id int, body text);

-- migrate:down
DROP TABLE notes;
