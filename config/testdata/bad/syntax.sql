CREATE TABLE ok (id int);

CREATE TABLE broken (
    id int,
    tenant_id int,,
);
