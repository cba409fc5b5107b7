package cursor

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/tenantq/tenantq/tenantq"
)

// A Feed follows the rows of a table inserted or updated after a cursor, and never misses one
// committed out of order. Sequence values and now() are taken before commit, so a row with a
// smaller id or time can commit after a larger one has been read, and an id- or time-cursor
// skips it. A Feed orders rows by (xid, id), where xid is an xid8 column holding the id of the
// transaction that last wrote the row, and reads only rows whose xid is below the horizon
// pg_snapshot_xmin(pg_current_snapshot()): every transaction below it has ended, so no row can
// later appear behind the cursor. The table needs the column, a trigger that refreshes it on
// UPDATE, and an index (see [ChangeTrackingDDL]).
//
// A Feed is safe for concurrent use.
type Feed struct {
	keys      *Keyring
	name      string
	xidColumn string
	idColumn  string
}

// NewFeed returns a Feed over the xid8 column and the unique id column of a table.
func NewFeed(k *Keyring, name, xidColumn, idColumn string) (*Feed, error) {
	if k == nil || xidColumn == "" || idColumn == "" {
		return nil, errors.New("cursor: NewFeed needs a keyring, an xid8 column and an id column")
	}
	return &Feed{keys: k, name: name, xidColumn: xidColumn, idColumn: idColumn}, nil
}

// ChangeTrackingDDL returns the SQL that prepares a table for a Feed: the xid8 column, the
// trigger that stamps it with the writing transaction's id on INSERT and UPDATE (whatever value
// the statement gives, so copied or restored rows are not hidden behind a cursor), and the
// index the feed's query uses. table may be schema-qualified; names are quoted. Run it in a
// migration.
func ChangeTrackingDDL(table, xidColumn, idColumn, tenantColumn string) string {
	schema, name := "", table
	if i := strings.LastIndexByte(table, '.'); i >= 0 {
		schema, name = table[:i], table[i+1:]
	}
	qualified := func(n string) string {
		if schema == "" {
			return pgx.Identifier{n}.Sanitize()
		}
		return pgx.Identifier{schema, n}.Sanitize()
	}
	id := pgx.Identifier{name + "_" + xidColumn}.Sanitize()
	fn := qualified("tenantq_stamp_" + name + "_" + xidColumn)
	col := pgx.Identifier{xidColumn}.Sanitize()
	return fmt.Sprintf(`ALTER TABLE %[1]s ADD COLUMN %[2]s xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE FUNCTION %[3]s() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN NEW.%[2]s := pg_current_xact_id(); RETURN NEW; END$$;
CREATE TRIGGER %[4]s BEFORE INSERT OR UPDATE ON %[1]s FOR EACH ROW EXECUTE FUNCTION %[3]s();
CREATE INDEX %[5]s ON %[1]s (%[6]s, %[2]s, %[7]s);
`, qualified(name), col, fn, id, pgx.Identifier{name + "_" + xidColumn + "_idx"}.Sanitize(),
		pgx.Identifier{tenantColumn}.Sanitize(), pgx.Identifier{idColumn}.Sanitize())
}

// horizon is the xid below which every transaction has ended.
const horizon = "pg_snapshot_xmin(pg_current_snapshot())"

// Poll returns up to limit rows of q written after the cursor (all rows for ""), in (xid, id)
// order and below the horizon, and the cursor to poll from next (the same cursor when nothing
// new is visible). q is a tenantq SELECT with its own columns, FROM and WHERE.
func Poll[T any](ctx context.Context, f *Feed, r tenantq.Runner, q tenantq.SelectBuilder, after string, limit int, scan func(Row) (T, error)) ([]T, string, error) {
	if limit <= 0 || limit > MaxPage {
		return nil, "", fmt.Errorf("cursor: limit must be 1 to %d", MaxPage)
	}
	scope := q.Scope()
	shape, err := f.shape(q)
	if err != nil {
		return nil, "", err
	}
	// The key columns get names of their own, and ORDER BY does not use bare names: a bare
	// name means an output column of that name first (changed_xid::text would sort as text).
	sel := q.Column(f.xidColumn + "::text AS " + keyAlias(0)).Column(f.idColumn + " AS " + keyAlias(1)).
		Where(f.xidColumn + " < " + horizon)
	if after != "" {
		tok, err := f.keys.Decode(after, scope.TenantKey(), shape, timeNow())
		if err != nil {
			return nil, "", err
		}
		if len(tok.Values) != 2 {
			return nil, "", fmt.Errorf("%w: not a feed cursor", ErrShape)
		}
		xid, ok := tok.Values[0].(string)
		if !ok {
			return nil, "", fmt.Errorf("%w: not a feed cursor", ErrShape)
		}
		sel = sel.Where("("+f.xidColumn+", "+f.idColumn+") > (?::xid8, ?)", xid, tok.Values[1])
	}
	rows, err := sel.OrderBy(f.xidColumn+"::xid8", keyAlias(1)).Limit(uint64(limit)).Query(ctx, r)
	if err != nil {
		return nil, "", err
	}
	defer rows.Close()
	var items []T
	var last []any
	for rows.Next() {
		kv := make([]any, 2)
		item, err := scan(pageRow{rows: rows, keys: kv})
		if err != nil {
			return nil, "", err
		}
		items, last = append(items, item), kv
	}
	if err := rows.Err(); err != nil {
		return nil, "", err
	}
	if last == nil {
		return items, after, nil
	}
	next, err := f.keys.Encode(Token{Values: last, Tenant: scope.TenantKey(), Shape: shape})
	return items, next, err
}

func (f *Feed) shape(q tenantq.SelectBuilder) (string, error) {
	p := Pager{spec: Spec{Name: "feed:" + f.name, Keys: []Key{{Column: f.xidColumn}, {Column: f.idColumn}}}}
	return p.shape(q)
}

// Lag returns how many transaction ids the horizon trails the next one: how far behind the
// newest writes a Feed may be, because transactions that started earlier are still running.
func Lag(ctx context.Context, s tenantq.Scope, r tenantq.Runner) (int64, error) {
	var lag string
	err := s.Select("(pg_snapshot_xmax(pg_current_snapshot())::text::numeric - "+horizon+"::text::numeric)::text").
		QueryRow(ctx, r).Scan(&lag)
	if err != nil {
		return 0, err
	}
	return strconv.ParseInt(lag, 10, 64)
}
