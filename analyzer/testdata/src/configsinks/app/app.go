package app

import "configsinks/store"

type R2 interface{ store.Runner }

func calls(s *store.Store, r R2) {
	store.Forward(s, "DELETE FROM deals")    // want `unpinned`
	r.Do("DELETE FROM deals")                // want `unpinned`
	store.Bytes([]byte("DELETE FROM deals")) // want `bypass|unpinned`
	var i interface{ Run(string, any) } = s
	i.Run("x", "DELETE FROM deals") // not seen: a call through an interface the configuration does not name
}
