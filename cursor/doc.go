// Package cursor implements keyset (cursor) pagination for tenantq queries: a page costs the
// same at any depth, cursors are opaque, signed and bound to the tenant and the query, and a
// change feed follows inserted and updated rows without missing one committed out of order.
//
// # Pages
//
// A [Pager] pages the queries of one [Spec], its ordering keys (the last unique). [Page] runs a
// tenantq SELECT for one page, Relay-style: First rows After a cursor, or Last rows Before one:
//
//	pager, _ := cursor.NewPager(keyring, cursor.Spec{Name: "contacts",
//		Keys: []cursor.Key{{Column: "created_at", Desc: true}, {Column: "id", Desc: true}}})
//	contacts, info, err := cursor.Page(ctx, pager, tenantq.Pgx(pool),
//		scope.Select("id", "name").From("contacts"),
//		cursor.Request{First: 50, After: r.URL.Query().Get("after")},
//		func(row cursor.Row) (Contact, error) {
//			var c Contact
//			return c, row.Scan(&c.ID, &c.Name)
//		})
//
// The seek predicate is a row comparison, (created_at, id) < ($1, $2), when the keys run one
// way, so an index on (tenant_id, created_at, id) serves every page directly; with mixed
// directions or nullable keys it is the OR expansion, with NULLs placed as PostgreSQL's
// default ORDER BY places them. Backward pages flip the order and are reversed in Go.
//
// # Cursors
//
// A cursor is base64url text: a version, the signing key's id, the expiry, keyed hashes of the
// tenant and of the query shape (the spec, the base SQL and its arguments), the key values
// tagged with their types (times at PostgreSQL's microsecond precision, in UTC), and an
// HMAC-SHA256 of all that. Cursors are signed, not encrypted: a client can read the key values
// of the row it points at, so do not page by columns the client must not see. A
// [Keyring] signs with its first key and accepts any of its keys, for rotation. Column names
// come only from the Spec, never from a cursor. Every bad cursor gets its own error, matchable
// with [errors.Is]: [ErrMalformed], [ErrVersion], [ErrUnknownKey], [ErrSignature], [ErrTenant],
// [ErrShape], [ErrExpired].
//
// # Change feed
//
// A [Feed] returns rows written after a cursor ([Poll]) ordered by (xid8 column, id), reading
// only below the horizon pg_snapshot_xmin(pg_current_snapshot()): rows whose transaction may
// still be running are left for the next poll, so none is skipped. [ChangeTrackingDDL] gives the
// column, the trigger that stamps it on INSERT and UPDATE, and the index; [Lag] says how far the
// horizon trails. The feed shows inserted and updated rows, not deleted ones (use a deleted_at
// column). After a restore into another cluster, re-stamp the column (UPDATE t SET
// changed_xid = changed_xid fires the trigger) and restart followers from "".
package cursor
