package ifacewrappersuse

import (
	"context"
	"database/sql"

	"ifacewrappers"
)

func use(ctx context.Context, s *ifacewrappers.Store, db *sql.DB, r ifacewrappers.Runner) {
	s.Widen(ctx, "SELECT * FROM deals WHERE tenant_id = $1") // could be accepted; body is reported
	s.Run(ctx, "DELETE FROM deals")                          // want `unpinned`
	r.Run(ctx, "DELETE FROM deals")                          // not seen: a wrapper called through an interface (documented)
	ifacewrappers.GenExec(db, "DELETE FROM deals")           // body bypass
	var rp ifacewrappers.Repo[int]
	rp.Exec("DELETE FROM deals")                  // want `unpinned`
	ifacewrappers.Named(db, "DELETE FROM deals")  // want `unpinned`
	ifacewrappers.Rec(db, "DELETE FROM deals", 3) // want `unpinned`
	f := ifacewrappers.Direct
	f(db, "DELETE FROM deals")                              // want `unpinned`
	(*ifacewrappers.Store).Run(s, ctx, "DELETE FROM notes") // want `unpinned`
	go s.Run(ctx, "DELETE FROM notes")                      // want `unpinned`
}

type outer struct{ *ifacewrappers.Store }

func promoted(ctx context.Context, o outer) {
	o.Run(ctx, "DELETE FROM notes") // want `unpinned`
}
