package cursor

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tenantq/tenantq/tenantq"
)

// A Key is one ordering key of a paginated query. Its values travel in cursors, so its type
// must scan into one of: integers, text, booleans, floats, bytea, uuid, timestamps, or a driver
// type with a driver value of those (numeric scans as pgtype.Numeric, whose value is its text).
type Key struct {
	// Column is the key's SQL expression as the query can order by it ("c.created_at"). It
	// comes from the server-side Spec only, never from a cursor.
	Column string
	// Desc orders the key descending.
	Desc bool
	// Nullable says the key may be NULL. NULLs sort as PostgreSQL sorts them by default: last
	// for ascending keys, first for descending ones.
	Nullable bool
}

// A Spec describes how a query pages: its ordering keys, the last of which must be unique and
// not nullable (the primary key, say), so that every row has its own position.
type Spec struct {
	// Name tells queries apart in cursors; with the query's SQL it makes the cursor's shape.
	Name string
	Keys []Key
}

// A Pager pages queries of one Spec with cursors signed by a Keyring. It is safe for
// concurrent use.
type Pager struct {
	keys *Keyring
	spec Spec
	ttl  time.Duration
	now  func() time.Time
}

// timeNow is the default clock.
var timeNow = time.Now

// Cursor returns the cursor of a row of q whose key values are values: what Page would hand out
// for it. Servers use it to start a page at a known row.
func (p *Pager) Cursor(q tenantq.SelectBuilder, values ...any) (string, error) {
	if len(values) != len(p.spec.Keys) {
		return "", fmt.Errorf("cursor: %d key values for %d keys", len(values), len(p.spec.Keys))
	}
	shape, err := p.shape(q)
	if err != nil {
		return "", err
	}
	return p.token(values, q.Scope(), shape)
}

// An Option configures a Pager.
type Option func(*Pager)

// WithExpiry makes cursors expire ttl after they are issued.
func WithExpiry(ttl time.Duration) Option { return func(p *Pager) { p.ttl = ttl } }

// WithClock sets the clock cursors expire by (for tests).
func WithClock(now func() time.Time) Option { return func(p *Pager) { p.now = now } }

// NewPager returns a Pager. It returns an error for a Spec without keys, with an empty column,
// or whose last key is nullable.
func NewPager(k *Keyring, spec Spec, opts ...Option) (*Pager, error) {
	if k == nil {
		return nil, errors.New("cursor: NewPager needs a keyring")
	}
	if len(spec.Keys) == 0 {
		return nil, errors.New("cursor: a spec needs at least one key")
	}
	for i, key := range spec.Keys {
		if strings.TrimSpace(key.Column) == "" {
			return nil, fmt.Errorf("cursor: key %d has no column", i+1)
		}
	}
	if spec.Keys[len(spec.Keys)-1].Nullable {
		return nil, errors.New("cursor: the last key must be unique and not nullable")
	}
	p := &Pager{keys: k, spec: spec, now: timeNow}
	for _, o := range opts {
		o(p)
	}
	return p, nil
}

// A Request asks for a page, as Relay's connections do: First rows After a cursor, or Last
// rows Before one. A zero Request asks for nothing; set First or Last.
type Request struct {
	First  int
	After  string
	Last   int
	Before string
}

// PageInfo describes a page, as Relay's connections do. HasNextPage of a forward page, and
// HasPreviousPage of a backward one, are exact (the page fetched one row more); the other says
// whether a cursor was given, which Relay allows, without querying the other side.
type PageInfo struct {
	HasNextPage     bool
	HasPreviousPage bool
	StartCursor     string // the first row's cursor, "" for an empty page
	EndCursor       string // the last row's cursor, "" for an empty page
}

// A Row is one row of a page being scanned.
type Row interface {
	// Scan reads the query's own columns into dest, as rows.Scan would.
	Scan(dest ...any) error
}

// MaxPage bounds First and Last.
const MaxPage = 1000

// Page runs q (a tenantq SELECT with its own columns, FROM and WHERE, and no ORDER BY, LIMIT
// or OFFSET) for one page, calling scan for each row in page order, and returns the scanned
// values with the page info. It adds the key columns to the select list, the seek predicate to
// the WHERE clause, the ORDER BY and LIMIT n+1 (to know whether there is a further page).
// Errors from a bad cursor match this package's Err values with errors.Is.
func Page[T any](ctx context.Context, p *Pager, r tenantq.Runner, q tenantq.SelectBuilder, req Request, scan func(Row) (T, error)) ([]T, PageInfo, error) {
	n, backward, cur, err := p.request(req)
	if err != nil {
		return nil, PageInfo{}, err
	}
	if q.Orders() {
		return nil, PageInfo{}, errors.New("cursor: the query to page has its own ORDER BY, LIMIT or OFFSET; Page adds them")
	}
	scope := q.Scope()
	shape, err := p.shape(q)
	if err != nil {
		return nil, PageInfo{}, err
	}
	var after []any
	if cur != "" {
		tok, err := p.keys.Decode(cur, scope.TenantKey(), shape, p.now())
		if err != nil {
			return nil, PageInfo{}, err
		}
		if len(tok.Values) != len(p.spec.Keys) {
			return nil, PageInfo{}, fmt.Errorf("%w: %d key values for %d keys", ErrShape, len(tok.Values), len(p.spec.Keys))
		}
		after = tok.Values
	}
	rows, err := p.page(q, after, n, backward).Query(ctx, r)
	if err != nil {
		return nil, PageInfo{}, err
	}
	defer rows.Close()
	var items []T
	var keys [][]any
	for rows.Next() {
		kv := make([]any, len(p.spec.Keys))
		item, err := scan(pageRow{rows: rows, keys: kv})
		if err != nil {
			return nil, PageInfo{}, err
		}
		items, keys = append(items, item), append(keys, kv)
	}
	if err := rows.Err(); err != nil {
		return nil, PageInfo{}, err
	}
	more := len(items) > n
	if more {
		items, keys = items[:n], keys[:n]
	}
	if backward {
		slices.Reverse(items)
		slices.Reverse(keys)
	}
	info := PageInfo{}
	if backward {
		info.HasPreviousPage, info.HasNextPage = more, cur != ""
	} else {
		info.HasNextPage, info.HasPreviousPage = more, cur != ""
	}
	if len(keys) > 0 {
		if info.StartCursor, err = p.token(keys[0], scope, shape); err != nil {
			return nil, PageInfo{}, err
		}
		if info.EndCursor, err = p.token(keys[len(keys)-1], scope, shape); err != nil {
			return nil, PageInfo{}, err
		}
	}
	return items, info, nil
}

// page adds the key columns, the seek predicate after the cursor values (when there are any),
// the ORDER BY and LIMIT n+1 to q.
func (p *Pager) page(q tenantq.SelectBuilder, after []any, n int, backward bool) tenantq.SelectBuilder {
	for i, k := range p.spec.Keys {
		q = q.Column(k.Column + " AS " + keyAlias(i))
	}
	if after != nil {
		pred, args := p.seek(after, backward)
		q = q.Where(pred, args...)
	}
	return q.OrderBy(p.orderBy(backward)...).Limit(uint64(n + 1))
}

// keyAlias names the i-th key column the pager adds. ORDER BY uses these names: a bare column
// name there would mean an output column of that name first, which the caller's select list
// may have made something else (to_char(created_at, ...) AS created_at).
func keyAlias(i int) string {
	return "tenantq_key_" + strconv.Itoa(i+1)
}

// SQL returns the statement Page runs for a page of n rows after the key values (nil for the
// first page), for inspection and EXPLAIN.
func (p *Pager) SQL(q tenantq.SelectBuilder, after []any, n int, backward bool) (string, error) {
	sql, _, err := p.page(q, after, n, backward).ToSql()
	return sql, err
}

// pageRow scans the caller's columns, then the key columns the pager added after them.
type pageRow struct {
	rows tenantq.Rows
	keys []any
}

func (r pageRow) Scan(dest ...any) error {
	all := append(slices.Clip(dest), make([]any, len(r.keys))...)
	for i := range r.keys {
		all[len(dest)+i] = &r.keys[i]
	}
	return r.rows.Scan(all...)
}

// request validates a Request and returns the page size, direction and cursor.
func (p *Pager) request(req Request) (n int, backward bool, cur string, err error) {
	switch {
	case req.First > 0 && req.Last > 0, req.After != "" && req.Before != "",
		req.Last > 0 && req.After != "", req.First > 0 && req.Before != "":
		return 0, false, "", fmt.Errorf("%w: ask for First rows After a cursor, or Last rows Before one", ErrBadRequest)
	case req.First > MaxPage || req.Last > MaxPage:
		return 0, false, "", fmt.Errorf("%w: at most %d rows a page", ErrBadRequest, MaxPage)
	case req.First < 0 || req.Last < 0:
		return 0, false, "", fmt.Errorf("%w: First and Last must not be negative", ErrBadRequest)
	case req.Last > 0:
		return req.Last, true, req.Before, nil
	case req.First > 0:
		return req.First, false, req.After, nil
	}
	return 0, false, "", fmt.Errorf("%w: set First or Last", ErrBadRequest)
}

// ErrBadRequest is wrapped by [Page]'s errors for a [Request] that asks for no page or an
// impossible one, so a handler can tell them (400) from database errors (500).
var ErrBadRequest = errors.New("cursor: bad page request")

// shape identifies the query: the spec and the base SQL. A cursor of one query is refused by
// another.
func (p *Pager) shape(q tenantq.SelectBuilder) (string, error) {
	sql, args, err := q.ToSql()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00", p.spec.Name)
	for _, k := range p.spec.Keys {
		fmt.Fprintf(h, "%s\x00%v\x00%v\x00", k.Column, k.Desc, k.Nullable)
	}
	h.Write([]byte(sql))
	// The arguments too: a cursor of "owner = 1" is no cursor of "owner = 2".
	fmt.Fprintf(h, "\x00%#v", args)
	return hex.EncodeToString(h.Sum(nil)), nil
}

func (p *Pager) token(values []any, scope tenantq.Scope, shape string) (string, error) {
	t := Token{Values: values, Tenant: scope.TenantKey(), Shape: shape}
	if p.ttl > 0 {
		t.Expires = p.now().Add(p.ttl)
	}
	return p.keys.Encode(t)
}

// desc reports the direction key k is read in: flipped for a backward page.
func desc(k Key, backward bool) bool { return k.Desc != backward }

// orderBy returns the ORDER BY of a page. PostgreSQL's default NULL placement (last ascending,
// first descending) flips with the direction, so a backward page is the exact reverse.
func (p *Pager) orderBy(backward bool) []string {
	out := make([]string, len(p.spec.Keys))
	for i, k := range p.spec.Keys {
		out[i] = keyAlias(i)
		if desc(k, backward) {
			out[i] += " DESC"
		}
	}
	return out
}

// seek returns the predicate for rows after the cursor values in the page's order. When every
// key runs the same way and none is NULL it is a row comparison, (a, b) > (?, ?), which an index
// on (a, b) serves directly; otherwise it is the expansion
// a > ? OR (a = ? AND b > ?) OR ..., with NULLs placed as ORDER BY places them, and the
// redundant bound a >= ? ANDed in front when the first key is not NULL, for the index.
func (p *Pager) seek(after []any, backward bool) (string, []any) {
	keys := p.spec.Keys
	uniform := true
	for i, k := range keys {
		if k.Nullable || after[i] == nil || desc(k, backward) != desc(keys[0], backward) {
			uniform = false
		}
	}
	if uniform {
		cols := make([]string, len(keys))
		marks := make([]string, len(keys))
		for i, k := range keys {
			cols[i], marks[i] = k.Column, "?"
		}
		op := ">"
		if desc(keys[0], backward) {
			op = "<"
		}
		return "(" + strings.Join(cols, ", ") + ") " + op + " (" + strings.Join(marks, ", ") + ")", after
	}
	var ors []string
	var args []any
	for i := range keys {
		var ands []string
		for j := range i {
			s, a := equal(keys[j], after[j])
			ands = append(ands, s)
			args = append(args, a...)
		}
		s, a := beyond(keys[i], after[i], backward)
		ands = append(ands, s)
		args = append(args, a...)
		ors = append(ors, "("+strings.Join(ands, " AND ")+")")
	}
	pred := strings.Join(ors, " OR ")
	if k := keys[0]; after[0] != nil && !k.Nullable {
		op := ">="
		if desc(k, backward) {
			op = "<="
		}
		return k.Column + " " + op + " ? AND (" + pred + ")", append([]any{after[0]}, args...)
	}
	return pred, args
}

// equal is "k = v", NULL-aware.
func equal(k Key, v any) (string, []any) {
	if v == nil {
		return k.Column + " IS NULL", nil
	}
	return k.Column + " = ?", []any{v}
}

// beyond is "k comes after v" in the page's order. NULLs come last ascending and first
// descending.
func beyond(k Key, v any, backward bool) (string, []any) {
	d := desc(k, backward)
	switch {
	case v == nil && !d:
		return "FALSE", nil // NULL is last: nothing comes after it
	case v == nil:
		return k.Column + " IS NOT NULL", nil // NULL is first: every value comes after it
	case d && k.Nullable:
		return k.Column + " < ?", []any{v} // NULLs come before any value
	case d:
		return k.Column + " < ?", []any{v}
	case k.Nullable:
		return "(" + k.Column + " > ? OR " + k.Column + " IS NULL)", []any{v}
	}
	return k.Column + " > ?", []any{v}
}
