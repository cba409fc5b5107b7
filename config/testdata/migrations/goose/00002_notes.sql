-- +goose Up
CREATE TABLE notes (id int, tenant_id int, body text);
ALTER TABLE contacts ADD COLUMN email text;

-- +goose Down
ALTER TABLE contacts DROP COLUMN email;
DROP TABLE notes;
