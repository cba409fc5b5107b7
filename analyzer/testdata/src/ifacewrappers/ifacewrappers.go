package ifacewrappers

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
)

type Store struct{ pool *pgxpool.Pool }

// modifies the parameter before forwarding: not a wrapper, body bypass
func (s *Store) Widen(ctx context.Context, q string) { // want Widen:`sink\(1\)`
	if ctx == nil {
		q = q + " OR 1=1"
	}
	s.pool.Exec(ctx, q) // want `bypass`
}

// Runs via an interface
type Runner interface {
	Run(ctx context.Context, q string)
}

func (s *Store) Run(ctx context.Context, q string) { // want Run:`sink\(1\)`
	s.pool.Exec(ctx, q)
}

// generic wrapper with type-param SQL
func GenExec[S ~string](db *sql.DB, q S) {
	db.Exec(string(q)) // want `bypass`
}

// generic method on generic type
type Repo[T any] struct{ db *sql.DB }

func (r *Repo[T]) Exec(q string) { // want Exec:`sink\(0\)`
	r.db.Exec(q)
}

// wrapper via sqlx-like Rebind of param (local)
func Direct(db *sql.DB, q string) { // want Direct:`sink\(1\)`
	db.Exec(q)
}

// String-typed named param
type SQL string

func Named(db *sql.DB, q SQL) { // want Named:`sink\(1\)`
	db.Exec(string(q))
}

// wrapper that stores then forwards via struct field
type holder struct{ q string }

func ViaField(db *sql.DB, q string) {
	h := holder{q}
	db.Exec(h.q) // want `bypass`
}

// recursion
func Rec(db *sql.DB, q string, n int) { // want Rec:`sink\(1\)`
	if n > 0 {
		Rec(db, q, n-1)
		return
	}
	db.Exec(q)
}
