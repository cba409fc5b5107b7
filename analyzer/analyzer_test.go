package analyzer_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantq/tenantq/analyzer"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "stdsql", "pgxcase", "sqlxcase", "gormcase", "buncase", "dbtx", "wrappers/...", "directives", "cfgsinks/...", "valueflow", "typealiases", "configsinks/...", "linedirectives", "lookalikes", "methodvalues", "textbudget", "ifacewrappers", "ifacewrappersuse", "runners", "directiveparse", "localsql", "splice", "splicesafety")
}

// TestPositions checks that findings point at the table inside the Go string literal, and at
// the argument with the constant's declaration as related information.
func TestPositions(t *testing.T) {
	got := positions(analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "positions"))
	want := []string{
		"10:26", // "SELECT * FROM deals": the d of deals
		"11:31", // after the escapes \t, \n and \x20
		"12:36", // after \u00e9, two bytes of SQL written as six
		"13:31", // in the second literal of the concatenation
		"15:7",  // on the second line of the raw string
		"16:11 (the SQL is declared here at 7:29)", // the constant's name, and its literal
	}
	if !slices.Equal(got, want) {
		t.Errorf("positions = %q, want %q", got, want)
	}
}

// crSource is a file with carriage returns, in raw strings and in an interpreted string. It
// lives here, not under testdata, because gofmt would drop the carriage returns of a fixture.
const crSource = "package pos\n\nimport \"database/sql\"\n\nfunc p(db *sql.DB) {\n" +
	"\tdb.Query(`\r\nSELECT *\r\n FROM deals`) // want `unpinned: table \"deals\"`\n" +
	"\tdb.Query(\"SELECT * FROM \r deals\") // want `unpinned: table \"deals\"`\n" +
	"\tdb.Query(`SELECT * FROM deals WHERE id = 1`+\"\") // want `unpinned: table \"deals\"`\n" +
	"\tdb.Query(q) // want `unpinned: table \"deals\"`\n" +
	"\tdb.Query(q2) // want `unpinned: table \"deals\"`\n}\n\n" +
	"const q = `SELECT *\r\nFROM deals`\n\nconst (\n\tq1 = \"SELECT * FROM deals\"\n\tq2\n)\n"

// TestPositionsCarriageReturns checks positions in a file with carriage returns, which the
// scanner drops from raw strings' values but positions count.
func TestPositionsCarriageReturns(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "src", "pos"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "src", "pos", "pos.go"), []byte(crSource), 0o644); err != nil {
		t.Fatal(err)
	}
	got := positions(analysistest.Run(t, dir, analyzer.Analyzer, "pos"))
	want := []string{
		"8:7",   // deals after CR LF in a raw string
		"9:28",  // after a CR inside an interpreted string
		"10:26", // a raw string concatenated with ""
		"11:11 (the SQL is declared here at 16:6)", // the constant's raw string, after a CR LF
		"12:11", // a constant repeated implicitly in a group: no declaration to point at
	}
	if !slices.Equal(got, want) {
		t.Errorf("positions = %q, want %q", got, want)
	}
}

// positions formats the line and column of each diagnostic, with its related information.
func positions(results []*analysistest.Result) []string {
	var got []string
	for _, r := range results {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			s := fmt.Sprintf("%d:%d", p.Line, p.Column)
			for _, rel := range d.Related {
				if strings.HasPrefix(rel.Message, analyzer.FingerprintPrefix) {
					continue
				}
				rp := r.Pass.Fset.Position(rel.Pos)
				s += fmt.Sprintf(" (%s at %d:%d)", rel.Message, rp.Line, rp.Column)
			}
			got = append(got, s)
		}
	}
	return got
}

// TestPositionsSplices checks that findings on SQL with spliced values point into the
// constant text before the first hole: a concatenation's first literal, Sprintf's format.
func TestPositionsSplices(t *testing.T) {
	got := positions(analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "splicepos"))
	want := []string{
		"13:26", // deals, before the quoted identifier
		"14:38", // notes, in Sprintf's format
	}
	if !slices.Equal(got, want) {
		t.Errorf("positions = %q, want %q", got, want)
	}
}
