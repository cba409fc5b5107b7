package config

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	pg_query "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/sqlcheck"
)

// A Querier runs a query and returns its rows. [*pgx.Conn], [pgx.Tx] and
// [*pgxpool.Pool] are Queriers, so [ReadCatalog] reads through any of them.
//
// [*pgxpool.Pool]: https://pkg.go.dev/github.com/jackc/pgx/v5/pgxpool#Pool
type Querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

// ReadCatalog reads the tables of a running PostgreSQL from its catalog, as [ReadSchema]
// reads them from DDL: the same [sqlcheck.Table] values, sorted by schema, then name.
//
// It reads the named schemas or, when none is named, those of the connection's search_path
// that exist (current_schemas(false)); system schemas (pg_catalog, information_schema,
// pg_toast, temporary schemas) never. When public is the first schema read, its tables have
// an empty Schema, as unqualified names read from DDL do, and so do foreign keys' RefSchema
// that name it; every other table is qualified, so that a policy whose search path lists the
// schemas read in the same order resolves each name as the connection did.
//
// Each table (plain, partitioned, a partition, or foreign) has its columns in order, NOT NULL,
// its unique keys (the primary key first, then UNIQUE constraints and unique indexes that are
// valid, non-partial and on plain columns with the column's collation and the type's default
// operator class, by creation order, INCLUDE columns left out) and its foreign keys, composite
// ones too, with their referential actions, by creation order; each key's Where is
// `constraint "name"`. A partition has the keys PostgreSQL gives it (its parent's, cloned), as
// ReadSchema gives it its parent's. Views are left out, as ReadSchema leaves them out. Dropped
// columns are not known: Dropped is nil. Types spells each column's type as ReadSchema spells
// it when the DDL writes it as PostgreSQL prints it (format_type: "bigint", "timestamptz",
// "varchar", "uuid"; a type unqualified when the search path finds it, qualified otherwise);
// arrays are left out, as ReadSchema leaves them out.
//
// Errors wrap the driver's. A schema that is named but does not exist, a system schema, a
// search_path naming no schema that exists, no tables at all and a role that may not read the
// catalog are errors saying what to do.
func ReadCatalog(ctx context.Context, q Querier, schemas ...string) ([]sqlcheck.Table, error) {
	c, err := readCatalog(ctx, q, schemas)
	if err != nil {
		return nil, err
	}
	return c.tables, nil
}

// A CatalogDump is the schema [DumpCatalog] read from a running PostgreSQL, written as DDL.
type CatalogDump struct {
	// Database is the name of the database read.
	Database string
	// SearchPath lists the schemas read, in order. The DDL names the tables of public
	// unqualified when it comes first and all others qualified, so a policy reading it needs
	// this search path (tenantq.yaml's search_path) unless it is ["public"].
	SearchPath []string
	// Tables is the number of tables read.
	Tables int
	// SQL is the DDL: a CREATE TABLE for each table with its columns, their types and NOT NULL,
	// its primary key and unique keys, then an ALTER TABLE ADD CONSTRAINT for each foreign key.
	// [ParseSchema] reads it back into what [ReadCatalog] returns, apart from each foreign
	// key's Where. It is not a restorable dump: types, defaults, other indexes, views,
	// functions and grants are not created.
	SQL []byte
}

// DumpCatalog reads the tables of a running PostgreSQL as [ReadCatalog] does and writes them
// as DDL that [ReadSchema] reads back into the same tables, so that a tenantq.yaml can name a
// file instead of a database. Its errors are ReadCatalog's.
func DumpCatalog(ctx context.Context, q Querier, schemas ...string) (*CatalogDump, error) {
	c, err := readCatalog(ctx, q, schemas)
	if err != nil {
		return nil, err
	}
	return &CatalogDump{Database: c.database, SearchPath: c.searchPath, Tables: len(c.tables), SQL: c.sql()}, nil
}

// catalog is what readCatalog reads: the tables, and what the DDL needs besides.
type catalog struct {
	database   string
	searchPath []string
	tables     []sqlcheck.Table
	// types are each table's column types, as format_type prints them, in column order;
	// primary says whether the table's first unique key is its primary key. Both are indexed
	// like tables.
	types   [][]string
	primary []bool
}

// systemSchema reports whether PostgreSQL owns the schema.
func systemSchema(name string) bool {
	return name == "information_schema" || name == "pg_catalog" || name == "pg_toast" ||
		strings.HasPrefix(name, "pg_temp_") || strings.HasPrefix(name, "pg_toast_temp_")
}

// The catalog queries. $1 is the schemas read, as text[].
const (
	// catalogColumns lists the columns of plain, partitioned and foreign tables in order.
	catalogColumns = `SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull
		FROM pg_catalog.pg_class c
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'f')
		ORDER BY n.nspname, c.relname, a.attnum`

	// catalogKeys lists the unique indexes that count as keys: valid, non-partial, on plain
	// columns with the column's collation and the default operator class; the key columns
	// only, not INCLUDE ones. The primary key first, then by creation order.
	catalogKeys = `SELECT n.nspname, c.relname, array_agg(a.attname ORDER BY k.i), x.indisprimary
		FROM pg_catalog.pg_index x
		JOIN pg_catalog.pg_class c ON c.oid = x.indrelid
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		CROSS JOIN LATERAL unnest(x.indkey[0:x.indnkeyatts - 1]) WITH ORDINALITY AS k(attnum, i)
		JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
		JOIN pg_catalog.pg_opclass o ON o.oid = x.indclass[k.i - 1]
		WHERE n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'f')
			AND x.indisunique AND x.indisvalid AND x.indpred IS NULL AND x.indexprs IS NULL
		GROUP BY n.nspname, c.relname, x.indexrelid, x.indisprimary
		HAVING bool_and(o.opcdefault AND x.indcollation[k.i - 1] = a.attcollation)
		ORDER BY n.nspname, c.relname, x.indisprimary DESC, x.indexrelid`

	// catalogForeignKeys lists the foreign keys by creation order, leaving out the rows
	// PostgreSQL adds for each partition of a referenced partitioned table (a clone whose
	// parent constraint is on the same table).
	catalogForeignKeys = `SELECT n.nspname, c.relname, k.conname,
			(SELECT array_agg(a.attname ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, i)
				JOIN pg_catalog.pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum),
			rn.nspname, r.relname,
			(SELECT array_agg(a.attname ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY AS u(attnum, i)
				JOIN pg_catalog.pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum),
			k.confdeltype::text, k.confupdtype::text
		FROM pg_catalog.pg_constraint k
		JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
		JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
		JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
		JOIN pg_catalog.pg_namespace rn ON rn.oid = r.relnamespace
		WHERE k.contype = 'f' AND n.nspname = ANY ($1::text[]) AND c.relkind IN ('r', 'p', 'f')
			AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint p WHERE p.oid = k.conparentid AND p.conrelid = k.conrelid)
		ORDER BY n.nspname, c.relname, k.oid`
)

// fkActions maps pg_constraint's action codes to SQL's words.
var fkActions = map[string]string{"a": "no action", "r": "restrict", "c": "cascade", "n": "set null", "d": "set default"}

func readCatalog(ctx context.Context, q Querier, schemas []string) (*catalog, error) {
	c := &catalog{}
	var path []string
	if err := queryRows(ctx, q, `SELECT current_database(), current_schemas(false)`, nil,
		func(rows pgx.Rows) error { return rows.Scan(&c.database, &path) }); err != nil {
		return nil, err
	}
	if len(schemas) == 0 {
		for _, s := range path {
			if !systemSchema(s) {
				c.searchPath = append(c.searchPath, s)
			}
		}
		if len(c.searchPath) == 0 {
			return nil, fmt.Errorf("read catalog: the connection's search_path names no schema of database %q that exists: set it in the URL (search_path=app) or name the schemas to read", c.database)
		}
	} else {
		var exist []string
		if err := queryRows(ctx, q, `SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY ($1::text[])`, []any{schemas},
			func(rows pgx.Rows) error {
				var s string
				err := rows.Scan(&s)
				exist = append(exist, s)
				return err
			}); err != nil {
			return nil, err
		}
		for _, s := range schemas {
			switch {
			case systemSchema(s):
				return nil, fmt.Errorf("read catalog: schema %q is a system schema, which holds no application tables; name the schemas of the application's tables", s)
			case !slices.Contains(exist, s):
				return nil, fmt.Errorf("read catalog: database %q has no schema %q; name a schema it has (psql's \\dn lists them)", c.database, s)
			case !slices.Contains(c.searchPath, s):
				c.searchPath = append(c.searchPath, s)
			}
		}
	}
	// Tables of public are named without it when it comes first, as unqualified DDL names
	// them: ReadSchema and the policy then agree that "" is public.
	local := func(schema string) string {
		if schema == "public" && c.searchPath[0] == "public" {
			return ""
		}
		return schema
	}
	index := map[tableKey]int{}
	at := func(schema, name string) int {
		k := tableKey{local(schema), name}
		i, ok := index[k]
		if !ok {
			i = len(c.tables)
			index[k] = i
			c.tables = append(c.tables, sqlcheck.Table{Schema: k.schema, Name: name})
			c.types = append(c.types, nil)
			c.primary = append(c.primary, false)
		}
		return i
	}
	args := []any{c.searchPath}
	spelled := map[string]string{}
	err := queryRows(ctx, q, catalogColumns, args, func(rows pgx.Rows) error {
		var schema, name string
		var col, typ *string
		var notNull *bool
		if err := rows.Scan(&schema, &name, &col, &typ, &notNull); err != nil {
			return err
		}
		i := at(schema, name)
		if col == nil {
			return nil // a table without columns
		}
		t := &c.tables[i]
		t.Columns = append(t.Columns, *col)
		c.types[i] = append(c.types[i], *typ)
		if name := castType(*typ, spelled); name != "" {
			if t.Types == nil {
				t.Types = map[string]string{}
			}
			t.Types[*col] = name
		}
		if *notNull {
			t.NotNull = append(t.NotNull, *col)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(c.tables) == 0 {
		return nil, fmt.Errorf("read catalog: database %q has no tables in schema %s: check that the URL names the application's database, after its migrations ran, and that the search_path (search_path=app in the URL) names the schemas of its tables",
			c.database, strings.Join(quoteEach(c.searchPath), ", "))
	}
	err = queryRows(ctx, q, catalogKeys, args, func(rows pgx.Rows) error {
		var schema, name string
		var cols []string
		var primary bool
		if err := rows.Scan(&schema, &name, &cols, &primary); err != nil {
			return err
		}
		i := at(schema, name)
		t := &c.tables[i]
		if primary {
			c.primary[i] = true
		}
		if !slices.ContainsFunc(t.Unique, func(u []string) bool { return slices.Equal(u, cols) }) {
			t.Unique = append(t.Unique, cols)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = queryRows(ctx, q, catalogForeignKeys, args, func(rows pgx.Rows) error {
		var schema, name, refSchema, del, upd string
		var fk sqlcheck.ForeignKey
		if err := rows.Scan(&schema, &name, &fk.Name, &fk.Columns, &refSchema, &fk.RefTable, &fk.RefColumns, &del, &upd); err != nil {
			return err
		}
		fk.RefSchema = local(refSchema)
		fk.OnDelete, fk.OnUpdate = fkActions[del], fkActions[upd]
		fk.Where = fmt.Sprintf("constraint %q", fk.Name)
		t := &c.tables[at(schema, name)]
		t.ForeignKeys = append(t.ForeignKeys, fk)
		return nil
	})
	if err != nil {
		return nil, err
	}
	c.sort()
	return c, nil
}

// castType spells a type as format_type prints it ("character varying(20)", "\"Status\"")
// the way ReadSchema spells the same type written in DDL ("varchar", "\"Status\""), or ""
// for arrays and what does not parse, as ReadSchema leaves those out. spelled caches the
// answers: a schema has few types.
func castType(formatted string, spelled map[string]string) string {
	if name, ok := spelled[formatted]; ok {
		return name
	}
	name := ""
	if res, err := pg_query.Parse("SELECT NULL::" + formatted); err == nil && len(res.GetStmts()) == 1 {
		targets := res.GetStmts()[0].GetStmt().GetSelectStmt().GetTargetList()
		if len(targets) == 1 {
			name = typeName(targets[0].GetResTarget().GetVal().GetTypeCast().GetTypeName())
		}
	}
	spelled[formatted] = name
	return name
}

// sort orders the tables by schema, then name, as ReadSchema does.
func (c *catalog) sort() {
	order := make([]int, len(c.tables))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		ta, tb := c.tables[a], c.tables[b]
		return cmp.Or(strings.Compare(ta.Schema, tb.Schema), strings.Compare(ta.Name, tb.Name))
	})
	tables, types, primary := make([]sqlcheck.Table, len(order)), make([][]string, len(order)), make([]bool, len(order))
	for i, j := range order {
		tables[i], types[i], primary[i] = c.tables[j], c.types[j], c.primary[j]
	}
	c.tables, c.types, c.primary = tables, types, primary
}

// queryRows runs a catalog query and scans each row, wrapping errors with what to do.
func queryRows(ctx context.Context, q Querier, sql string, args []any, scan func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return catalogError(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return catalogError(err)
		}
	}
	if err := rows.Err(); err != nil {
		return catalogError(err)
	}
	return nil
}

// catalogError wraps an error of a catalog query, saying what to do when the role lacks a
// permission.
func catalogError(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42501" { // insufficient_privilege
		return fmt.Errorf("read catalog: the role may not read the catalog (%w); connect as the role that runs the migrations", err)
	}
	return fmt.Errorf("read catalog: %w", err)
}
