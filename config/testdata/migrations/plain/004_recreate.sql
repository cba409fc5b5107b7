DROP TABLE deals;
CREATE TABLE deals (id int, tenant_id int NOT NULL, amount numeric);
