ALTER TABLE contacts DROP COLUMN email;
DROP TABLE notes;
