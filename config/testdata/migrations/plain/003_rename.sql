ALTER TABLE "Plans" RENAME TO plans;
DROP TABLE IF EXISTS scratch, missing;
CREATE TABLE IF NOT EXISTS contacts (id int);
CREATE INDEX deals_stage ON deals (tenant_id, stage);
