CREATE TABLE contacts (
    id serial PRIMARY KEY,
    tenant_id int NOT NULL,
    name text,
    phone text
);
CREATE TABLE "Plans" (id int, name text);
CREATE TABLE scratch (id int);
