package guard

import (
	"strings"
	"sync"

	"github.com/tenantq/tenantq/sqlcheck"
)

// cursors tracks the cursors that statements run through one session-bound wrapper (a
// transaction or a single connection) declared, and the tenant each was declared for. A FETCH
// or MOVE, which the checker cannot verify on its own, passes only on the wrapper that declared
// its cursor, for the same tenant: a WITH HOLD cursor declared for one tenant on a pooled
// connection is not read in another tenant's request. Wrappers of a pool or a *sql.DB, whose
// statements may each run on another connection, have none: FETCH is refused there.
type cursors struct {
	mu sync.Mutex
	m  map[string]cursorOwner
}

// A cursorOwner is who declared a cursor: the scope's tenant, as the scope binds it, or nil
// for unscoped work.
type cursorOwner struct {
	tenant any
	hold   bool
}

func newCursors() *cursors { return &cursors{m: make(map[string]cursorOwner)} }

// fetchOnly returns the cursor a text reads when it is one FETCH or MOVE and nothing else.
func fetchOnly(res *sqlcheck.Result) (string, bool) {
	if len(res.Statements) != 1 || len(res.Cursors) != 1 || res.Cursors[0].Op != sqlcheck.CursorFetch {
		return "", false
	}
	return res.Cursors[0].Name, true
}

// owned reports whether the cursor was declared here for tenant.
func (c *cursors) owned(name string, tenant any) bool {
	if c == nil || tenant == nil {
		return false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	o, ok := c.m[name]
	return ok && o.tenant == tenant
}

// record applies the cursor operations of a statement that ran, declared for tenant (nil when
// unscoped). A transaction's end (COMMIT, ROLLBACK, END, ABORT) closes the cursors declared
// without HOLD.
func (c *cursors) record(sql string, res *sqlcheck.Result, tenant any) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, u := range res.Cursors {
		switch u.Op {
		case sqlcheck.CursorDeclare:
			c.m[u.Name] = cursorOwner{tenant: tenant, hold: u.Hold}
		case sqlcheck.CursorClose:
			if u.Name == "" {
				clear(c.m)
			} else {
				delete(c.m, u.Name)
			}
		}
	}
	for _, sp := range res.Statements {
		switch w, _, _ := strings.Cut(strings.TrimSpace(sql[sp.Offset+sqlcheck.LeadingComments(sql[sp.Offset:sp.End]):sp.End]), " "); strings.ToUpper(strings.TrimRight(w, ";")) {
		case "COMMIT", "ROLLBACK", "END", "ABORT":
			c.endTx()
		}
	}
}

// endTx forgets the cursors a transaction's end closes: those declared without HOLD.
func (c *cursors) endTx() {
	for name, o := range c.m {
		if !o.hold {
			delete(c.m, name)
		}
	}
}
