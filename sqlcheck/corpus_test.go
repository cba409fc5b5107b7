package sqlcheck_test

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

// corpusChecker is the checker for the policy every corpus case is labelled for: tables from
// testdata/sqlcheck/schema.sql (plans and countries have no tenant column, so they are global),
// and the shared tenant value 0.
var corpusChecker = sync.OnceValues(func() (*sqlcheck.Checker, error) {
	tables, err := corpusSchema()
	if err != nil {
		return nil, err
	}
	return sqlcheck.New(sqlcheck.Policy{Schema: tables, SharedTenants: []string{"0"}})
})

var corpusSchema = sync.OnceValues(func() ([]sqlcheck.Table, error) {
	return config.ReadSchema("../testdata/sqlcheck/schema.sql")
})

func mustSchema(t *testing.T) []sqlcheck.Table {
	t.Helper()
	tables, err := corpusSchema()
	if err != nil {
		t.Fatal(err)
	}
	return tables
}

// verdict renders a result in the corpus's want form: sorted "rule ref" entries.
func verdict(r *sqlcheck.Result) []string {
	var got []string
	for _, v := range r.Violations {
		ref := v.Alias
		if ref == "" {
			ref = v.Table
			if i := strings.LastIndexByte(ref, '.'); i >= 0 {
				ref = ref[i+1:]
			}
		}
		if ref == "" {
			got = append(got, string(v.Rule))
		} else {
			got = append(got, string(v.Rule)+" "+ref)
		}
	}
	slices.Sort(got)
	return got
}

// TestCorpus checks every labelled statement of testdata/sqlcheck/corpus.sql.
func TestCorpus(t *testing.T) {
	t.Parallel()
	cases, err := corpus.Default()
	if err != nil {
		t.Fatal(err)
	}
	c, err := corpusChecker()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			r := c.Check(tc.SQL)
			if got := verdict(r); !slices.Equal(got, tc.Want) {
				t.Errorf("corpus.sql:%d: Check(%q) = %q, want %q\n%v", tc.Line, tc.SQL, got, tc.Want, r.Err())
			}
			// Every finding reads back from the one form the analyzer's diagnostics carry.
			for _, v := range r.Violations {
				if rule, msg, hint := sqlcheck.SplitFinding(v.String()); rule != v.Rule || msg != v.Message || hint != v.Hint {
					t.Errorf("corpus.sql:%d: SplitFinding(%q) = %q, %q, %q; want the violation's rule, message and hint", tc.Line, v.String(), rule, msg, hint)
				}
			}
		})
	}
}
