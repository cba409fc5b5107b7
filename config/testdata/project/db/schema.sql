-- A pg_dump-like schema file.
\set ON_ERROR_STOP on
SET statement_timeout = 0;

CREATE TABLE public.plans (
    id bigint NOT NULL,
    name text
);

CREATE TABLE app.contacts (
    id bigint NOT NULL,
    tenant_id bigint NOT NULL,
    email text
);

CREATE TABLE app.deals (
    id bigint NOT NULL,
    account_id bigint NOT NULL,
    contact_id bigint
);

CREATE INDEX contacts_email ON app.contacts (tenant_id, email);
CREATE VIEW app.open_deals AS SELECT * FROM app.deals;
