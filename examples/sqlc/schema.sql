CREATE TABLE plans (
    id    bigint PRIMARY KEY,
    name  text NOT NULL,
    price numeric NOT NULL
);

CREATE TABLE contacts (
    id         bigint PRIMARY KEY,
    tenant_id  bigint NOT NULL,
    name       text NOT NULL,
    email      text NOT NULL,
    plan_id    bigint REFERENCES plans (id),
    UNIQUE (tenant_id, email)
);

CREATE TABLE deals (
    id         bigint PRIMARY KEY,
    tenant_id  bigint NOT NULL,
    contact_id bigint NOT NULL,
    stage      text NOT NULL,
    amount     numeric NOT NULL
);

CREATE TABLE notes (
    id         bigint PRIMARY KEY,
    tenant_id  bigint NOT NULL,
    contact_id bigint NOT NULL,
    body       text NOT NULL
);
