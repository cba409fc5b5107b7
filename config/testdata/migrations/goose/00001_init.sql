-- +goose Up
-- +goose StatementBegin
CREATE TABLE contacts (id int, tenant_id int);
CREATE FUNCTION touch() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
DROP TABLE contacts;
