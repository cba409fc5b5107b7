package main

import (
	"strings"
	"testing"
)

// TestSQLHintsPerQuery checks, on a sqlc file of several queries, that each hint uses its own
// query's placeholders: its style (@name, sqlc.arg, ?, :name) and, for $n, the next number that
// query leaves free, not a number counted across the file.
func TestSQLHintsPerQuery(t *testing.T) {
	t.Parallel()
	file := "-- name: GetA :one\nSELECT * FROM deals WHERE id = @id;\n\n" +
		"-- name: ListB :many\nSELECT * FROM deals WHERE id = $1 AND stage = $2;\n\n" +
		"-- name: GetC :one\nSELECT * FROM deals WHERE id = sqlc.arg(id);\n\n" +
		"-- name: GetD :one\nSELECT * FROM deals WHERE id = $1;\n\n" +
		"-- name: GetE :one\nSELECT * FROM deals WHERE id = ?;\n"
	_, _, stderr := runTenantvet(t, file, "sql", "-config", "testdata/tenantq.yaml", "-")
	want := []string{
		`<stdin>:2:15: unpinned: table "deals" has no tenant predicate; add "tenant_id = @tenant_id" to the WHERE clause`,
		`<stdin>:5:15: unpinned: table "deals" has no tenant predicate; add "tenant_id = $3" to the WHERE clause`,
		`<stdin>:8:15: unpinned: table "deals" has no tenant predicate; add "tenant_id = sqlc.arg(tenant_id)" to the WHERE clause`,
		`<stdin>:11:15: unpinned: table "deals" has no tenant predicate; add "tenant_id = $2" to the WHERE clause`,
		`<stdin>:14:15: unpinned: table "deals" has no tenant predicate; add "tenant_id = ?" to the WHERE clause`,
	}
	var got []string
	for l := range strings.Lines(stderr) {
		if strings.HasPrefix(l, "<stdin>:") {
			got = append(got, strings.TrimSpace(l))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("tenantvet sql reported\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
