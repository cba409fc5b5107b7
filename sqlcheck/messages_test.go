package sqlcheck_test

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/corpus"
)

var update = flag.Bool("update", false, "rewrite golden files with the current output")

// TestMessages compares every violation's full text, position and hint for the corpus with
// testdata/sqlcheck/messages.golden. Run with -update after a deliberate change and review the diff.
func TestMessages(t *testing.T) {
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpusChecker()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, tc := range cases {
		r := c.Check(tc.SQL)
		if r.Safe() {
			continue
		}
		fmt.Fprintf(&b, "# %s\n", tc.Name)
		for _, v := range r.Violations {
			fmt.Fprintf(&b, "%d:%d: %s\n", v.Line, v.Column, v)
		}
	}
	const golden = "../testdata/sqlcheck/messages.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.String(); got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("messages differ from %s at line %d:\ngot:  %s\nwant: %s\n(run go test -run TestMessages -update to accept)", golden, i+1, g, w)
			}
		}
	}
}
