// Package pq is a stub of github.com/lib/pq for the analyzer's tests.
package pq

// QuoteIdentifier quotes an identifier for use in SQL.
func QuoteIdentifier(name string) string { return `"` + name + `"` }
