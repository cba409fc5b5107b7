// Package app calls the sinks of cfgsinks/store.
package app

import (
	"fmt"

	"cfgsinks/store"
)

func calls(s *store.Store, r store.Runner, n int) {
	dynamic := fmt.Sprint("DELETE FROM notes WHERE id = ", n)
	s.Run("list", "SELECT * FROM deals") // want `unpinned: table "deals"`
	s.Run("list", "SELECT * FROM deals WHERE tenant_id = $1")
	s.Run("plans", "SELECT * FROM plans")
	r.Do("DELETE FROM notes")      // want `unpinned: table "notes"`
	r.Do(dynamic)                  // want `bypass: SQL passed to \(store.Runner\).Do`
	store.Script("TRUNCATE deals") // want `bulk: `
}

func anyValues(s *store.Store, q any, n int) {
	s.Run("any", q) // want `bypass: SQL passed to \(\*store.Store\).Run`
	s.Run("int", n) // want `bypass: SQL passed to \(\*store.Store\).Run`
}
