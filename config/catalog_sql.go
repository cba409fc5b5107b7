package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
)

// sql writes the catalog as DDL that ReadSchema reads back into c.tables: a CREATE TABLE for
// each table, then the foreign keys, so that a key may name a table written later.
func (c *catalog) sql() []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "-- The tables of database %q (schemas %s), read from its catalog by tenantvet.\n", c.database, strings.Join(c.searchPath, ", "))
	b.WriteString("-- Columns, NOT NULL, primary and unique keys and foreign keys only: enough for tenantvet,\n")
	b.WriteString("-- not a restorable dump (no types, defaults, other indexes, views or functions).\n")
	for i, t := range c.tables {
		fmt.Fprintf(&b, "\nCREATE TABLE %s (", tableIdent(t.Schema, t.Name))
		var lines []string
		for j, col := range t.Columns {
			line := sqlcheck.QuoteIdent(col) + " " + c.types[i][j]
			if slices.Contains(t.NotNull, col) {
				line += " NOT NULL"
			}
			lines = append(lines, line)
		}
		for j, u := range t.Unique {
			kind := "UNIQUE"
			if j == 0 && c.primary[i] {
				kind = "PRIMARY KEY"
			}
			lines = append(lines, kind+" ("+identList(u)+")")
		}
		if len(lines) > 0 {
			b.WriteString("\n\t" + strings.Join(lines, ",\n\t") + "\n")
		}
		b.WriteString(");\n")
	}
	first := true
	for _, t := range c.tables {
		for _, fk := range t.ForeignKeys {
			if first {
				b.WriteString("\n-- Foreign keys.\n")
				first = false
			}
			fmt.Fprintf(&b, "ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)",
				tableIdent(t.Schema, t.Name), sqlcheck.QuoteIdent(fk.Name), identList(fk.Columns), tableIdent(fk.RefSchema, fk.RefTable), identList(fk.RefColumns))
			if fk.OnDelete != "" && fk.OnDelete != "no action" {
				b.WriteString(" ON DELETE " + strings.ToUpper(fk.OnDelete))
			}
			if fk.OnUpdate != "" && fk.OnUpdate != "no action" {
				b.WriteString(" ON UPDATE " + strings.ToUpper(fk.OnUpdate))
			}
			b.WriteString(";\n")
		}
	}
	return []byte(b.String())
}

func tableIdent(schema, name string) string {
	if schema == "" {
		return sqlcheck.QuoteIdent(name)
	}
	return sqlcheck.QuoteIdent(schema) + "." + sqlcheck.QuoteIdent(name)
}

func identList(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = sqlcheck.QuoteIdent(n)
	}
	return strings.Join(out, ", ")
}
