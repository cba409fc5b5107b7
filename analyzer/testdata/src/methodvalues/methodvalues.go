package methodvalues

import (
	"context"
	"database/sql"

	"github.com/jackc/pgx/v5/pgxpool"
)

type S struct{ db *sql.DB }

func (s *S) Run(q string, label string) { // want Run:`sink\(0\)`
	s.db.Exec(q)
	println(label)
}

func methodValues(ctx context.Context, db *sql.DB, p *pgxpool.Pool, s *S) {
	exec := db.Exec
	exec("DELETE FROM deals") // want `unpinned`
	query := p.Query
	query(ctx, "DELETE FROM deals") // want `unpinned`
	run := s.Run
	run("DELETE FROM deals", "nightly label") // want `unpinned`
}
