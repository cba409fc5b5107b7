CREATE TABLE contacts (id int);
