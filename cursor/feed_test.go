package cursor_test

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/tenantq/tenantq/cursor"
	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
)

// TestFeedMissesNothing runs writers whose transactions take random time, so rows commit out of
// id order, while a poller follows the feed. Every row's final version must be seen, and no row
// version twice. A naive "id > last" poller runs alongside: the rows it misses are reported.
func TestFeedMissesNothing(t *testing.T) {
	pool := testdb.OpenSchema(t, `CREATE TABLE events (id bigserial PRIMARY KEY, tenant_id bigint NOT NULL, version int NOT NULL DEFAULT 1);`+
		cursor.ChangeTrackingDDL("events", "changed_xid", "id", "tenant_id"))
	ctx := context.Background()
	tq, err := tenantq.New(sqlcheck.Policy{})
	if err != nil {
		t.Fatal(err)
	}
	scope, _ := tq.Scope(int64(1))
	r := tenantq.Pgx(pool)
	feed, err := cursor.NewFeed(keyring(t, newKey), "events", "changed_xid", "id")
	if err != nil {
		t.Fatal(err)
	}

	// Writers: insert new rows or bump the version of existing ones, in transactions that
	// sleep a random while before and after writing.
	var mu sync.Mutex
	final := map[int64]int{} // id -> last committed version
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 7))
			for range 40 {
				tx, err := pool.Begin(ctx)
				if err != nil {
					t.Error(err)
					return
				}
				time.Sleep(time.Duration(rng.IntN(15)) * time.Millisecond)
				var id int64
				var version int
				mu.Lock()
				n := len(final)
				mu.Unlock()
				if n > 0 && rng.IntN(3) == 0 {
					err = scope.Update("events").Set("version", tenantq.Expr("version + 1")).
						Where("id = (SELECT min(id) FROM events e WHERE e.tenant_id = events.tenant_id AND e.id >= ?)", rng.Int64N(int64(n))+1).
						Suffix("RETURNING id, version").QueryRow(ctx, tenantq.Pgx(tx)).Scan(&id, &version)
				} else {
					err = scope.Insert("events").Columns("version").Values(1).Suffix("RETURNING id, version").
						QueryRow(ctx, tenantq.Pgx(tx)).Scan(&id, &version)
				}
				if err != nil {
					tx.Rollback(ctx)
					continue // an update that found no row
				}
				time.Sleep(time.Duration(rng.IntN(15)) * time.Millisecond)
				if err := tx.Commit(ctx); err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				final[id] = max(final[id], version)
				mu.Unlock()
			}
		})
	}

	type version struct {
		id int64
		v  int
	}
	seen := map[version]int{}
	latest := map[int64]int{}
	naive := map[int64]bool{}
	var lastID int64
	cur := ""
	scan := func(row cursor.Row) (version, error) {
		var x version
		var xid string
		return x, row.Scan(&x.id, &x.v, &xid)
	}
	poll := func() int {
		// The select list names a text column changed_xid: the feed must still order by the xid.
		items, next, err := cursor.Poll(ctx, feed, r, scope.Select("id", "version", "changed_xid::text AS changed_xid").From("events"), cur, 25, scan)
		if err != nil {
			t.Fatal(err)
		}
		cur = next
		for _, it := range items {
			seen[it]++
			latest[it.id] = max(latest[it.id], it.v)
		}
		// The naive poller: id > last.
		rows, err := scope.Select("id").From("events").Where("id > ?", lastID).OrderBy("id").Limit(25).Query(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			naive[id], lastID = true, id
		}
		rows.Close()
		return len(items)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	for running := true; running; {
		select {
		case <-done:
			running = false
		default:
			poll()
			time.Sleep(2 * time.Millisecond)
		}
	}
	// Catch up: once the writers are done, the horizon passes every write, as soon as no other
	// transaction of the cluster (another package's test, say) holds it back.
	caughtUp := func() bool {
		for id, v := range final {
			if latest[id] != v {
				return false
			}
		}
		return true
	}
	for deadline := time.Now().Add(20 * time.Second); !caughtUp() && time.Now().Before(deadline); {
		if poll() == 0 {
			time.Sleep(5 * time.Millisecond)
		}
	}
	if n := poll(); n != 0 {
		t.Errorf("a poll after catching up returned %d rows, want none", n)
	}
	lag, err := cursor.Lag(ctx, scope, r)
	if err != nil || lag < 0 {
		t.Errorf("Lag = %d, %v", lag, err)
	}

	for v, n := range seen {
		if n > 1 {
			t.Errorf("row %d version %d seen %d times", v.id, v.v, n)
		}
	}
	missedNaive := 0
	for id, v := range final {
		if latest[id] != v {
			t.Errorf("row %d: the feed's last version is %d, want %d", id, latest[id], v)
		}
		if !naive[id] {
			missedNaive++
		}
	}
	t.Logf("%d rows, %d row versions seen by the feed, none missed; a naive id > last cursor missed %d rows", len(final), len(seen), missedNaive)
	if len(final) < 50 {
		t.Errorf("only %d rows were written", len(final))
	}
}
