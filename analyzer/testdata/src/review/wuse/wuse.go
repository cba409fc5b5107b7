package wuse

import (
	"context"
	"database/sql"

	"review/w"
)

func use(ctx context.Context, s *w.Store, db *sql.DB, r w.Runner) {
	s.Widen(ctx, "SELECT * FROM deals WHERE tenant_id = $1") // could be accepted; body is reported
	s.Run(ctx, "DELETE FROM deals")                          // want `unpinned`
	r.Run(ctx, "DELETE FROM deals")                          // not seen: a wrapper called through an interface (documented)
	w.GenExec(db, "DELETE FROM deals")                       // body bypass
	var rp w.Repo[int]
	rp.Exec("DELETE FROM deals")      // want `unpinned`
	w.Named(db, "DELETE FROM deals")  // want `unpinned`
	w.Rec(db, "DELETE FROM deals", 3) // want `unpinned`
	f := w.Direct
	f(db, "DELETE FROM deals")                  // want `unpinned`
	(*w.Store).Run(s, ctx, "DELETE FROM notes") // want `unpinned`
	go s.Run(ctx, "DELETE FROM notes")          // want `unpinned`
}

type outer struct{ *w.Store }

func promoted(ctx context.Context, o outer) {
	o.Run(ctx, "DELETE FROM notes") // want `unpinned`
}
