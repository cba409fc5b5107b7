package guard_test

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/tenantq/tenantq/sqlcheck"
	"github.com/tenantq/tenantq/tenantq"
	"github.com/tenantq/tenantq/tenantq/guard"
)

// noDB is a PgxQuerier that must never be reached: every statement of these tests is refused.
type noDB struct{ t *testing.T }

func (n noDB) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	n.t.Error("a refused statement reached the database")
	return pgconn.CommandTag{}, nil
}
func (n noDB) Query(context.Context, string, ...any) (pgx.Rows, error) {
	n.t.Error("a refused statement reached the database")
	return nil, nil
}
func (n noDB) QueryRow(context.Context, string, ...any) pgx.Row {
	n.t.Error("a refused statement reached the database")
	return nil
}
func (n noDB) SendBatch(context.Context, *pgx.Batch) pgx.BatchResults {
	n.t.Error("a refused statement reached the database")
	return nil
}
func (n noDB) CopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error) {
	n.t.Error("a refused statement reached the database")
	return 0, nil
}

// TestGuardRefusalNamesTheContextsTenant checks that a refusal of raw SQL names the tenant
// the context carries: the caller made no Scope, so "the scope's tenant" would point at none.
func TestGuardRefusalNamesTheContextsTenant(t *testing.T) {
	t.Parallel()
	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	g := guard.New(tq, guard.WithHandler(nil))
	ctx := tenantq.WithTenant(context.Background(), int64(1))
	tests := []struct {
		name string
		run  func() error
	}{
		{"Check", func() error { return g.Check(ctx, "SELECT id FROM deals WHERE tenant_id = $1", 2) }},
		{"Pgx.Exec", func() error {
			_, err := g.Pgx(noDB{t}).Exec(ctx, "UPDATE deals SET stage = 'won' WHERE tenant_id = $1", 2)
			return err
		}},
		{"Pgx.Exec with a constant", func() error {
			_, err := g.Pgx(noDB{t}).Exec(ctx, "UPDATE deals SET stage = 'won' WHERE tenant_id = 2")
			return err
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if err == nil || strings.Contains(err.Error(), "scope's") || !strings.Contains(err.Error(), "the context's tenant (1)") {
				t.Errorf("%s: err = %v, want one naming \"the context's tenant (1)\" and no \"scope's\"", tc.name, err)
			}
		})
	}
}

// records is a slog.Handler that keeps what it is given.
type records struct {
	mu   sync.Mutex
	recs []slog.Record
}

func (r *records) Enabled(context.Context, slog.Level) bool { return true }
func (r *records) Handle(_ context.Context, rec slog.Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recs = append(r.recs, rec)
	return nil
}
func (r *records) WithAttrs([]slog.Attr) slog.Handler { return r }
func (r *records) WithGroup(string) slog.Handler      { return r }

// TestGuardDefaultHandlerLogsOrReturns checks that the default handler does not log what the
// call returns: under Enforce the refusal is the call's error, for the caller to handle, and
// nothing is logged; under Report the statement runs and the call returns no error, so the
// log is the only trace, at Warn. It sets slog's default logger, so it is not parallel.
func TestGuardDefaultHandlerLogsOrReturns(t *testing.T) {
	rec := &records{}
	old := slog.Default()
	slog.SetDefault(slog.New(rec))
	t.Cleanup(func() { slog.SetDefault(old) })

	tq, err := tenantq.New(sqlcheck.Policy{GlobalTables: []string{"plans"}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := tenantq.WithTenant(context.Background(), int64(1))
	const unsafe = "UPDATE deals SET stage = 'won'"
	//tenantvet:ignore the guard must refuse this unsafe statement
	if _, err := guard.New(tq).Pgx(noDB{t}).Exec(ctx, unsafe); err == nil {
		t.Fatal("Enforce: the unsafe statement was not refused")
	}
	if len(rec.recs) != 0 {
		t.Errorf("Enforce: the refusal was returned and logged %d times; want it returned only", len(rec.recs))
	}

	rec.recs = nil
	var ran bool
	g := guard.New(tq, guard.WithMode(guard.Report))
	//tenantvet:ignore the guard reports this unsafe statement and lets it run on a fake database
	if _, err := g.Pgx(execOK{&ran}).Exec(ctx, unsafe); err != nil || !ran {
		t.Fatalf("Report: err %v, ran %v; want the statement run without an error", err, ran)
	}
	if len(rec.recs) != 1 || rec.recs[0].Level != slog.LevelWarn {
		t.Errorf("Report: %d log records %v; want one at Warn", len(rec.recs), rec.recs)
	}
}

// execOK is a PgxQuerier whose Exec succeeds.
type execOK struct{ ran *bool }

func (e execOK) Exec(context.Context, string, ...any) (pgconn.CommandTag, error) {
	*e.ran = true
	return pgconn.NewCommandTag("UPDATE 0"), nil
}
func (execOK) Query(context.Context, string, ...any) (pgx.Rows, error) { return nil, nil }
func (execOK) QueryRow(context.Context, string, ...any) pgx.Row        { return nil }
func (execOK) SendBatch(context.Context, *pgx.Batch) pgx.BatchResults  { return nil }
func (execOK) CopyFrom(context.Context, pgx.Identifier, []string, pgx.CopyFromSource) (int64, error) {
	return 0, nil
}
