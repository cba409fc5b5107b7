package corpus_test

import (
	"bufio"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/internal/corpus"
	"github.com/tenantq/tenantq/sqlcheck"
)

// minCases is the least number of cases the corpus must hold.
const minCases = 260

func TestDefault(t *testing.T) {
	t.Parallel()
	cases, err := corpus.Default()
	if err != nil {
		t.Fatalf("Default() error: %v", err)
	}
	if len(cases) < minCases {
		t.Errorf("Default() = %d cases, want at least %d", len(cases), minCases)
	}

	lines := corpusLines(t)
	names := make(map[string]bool)
	used := make(map[string]bool)
	for _, tc := range cases {
		if names[tc.Name] {
			t.Errorf("duplicate case name %q", tc.Name)
		}
		names[tc.Name] = true
		if !slices.IsSorted(tc.Want) {
			t.Errorf("case %q: Want %q is not sorted", tc.Name, tc.Want)
		}
		if tc.Want != nil && len(tc.Want) == 0 {
			t.Errorf("case %q: Want is empty but not nil", tc.Name)
		}
		for _, w := range tc.Want {
			rule, _, _ := strings.Cut(w, " ")
			used[rule] = true
		}
		if tc.SQL == "" || strings.HasSuffix(tc.SQL, ";") {
			t.Errorf("case %q: SQL %q is empty or keeps its final ';'", tc.Name, tc.SQL)
		}
		if tc.Line < 1 || tc.Line > len(lines) {
			t.Errorf("case %q: Line %d outside the file", tc.Name, tc.Line)
			continue
		}
		first, _, _ := strings.Cut(tc.SQL, "\n")
		if got := lines[tc.Line-1]; !strings.HasPrefix(got, first) {
			t.Errorf("case %q: line %d is %q, want the SQL's first line %q", tc.Name, tc.Line, got, first)
		}
	}
	for _, rule := range corpus.Rules() {
		if !used[rule] {
			t.Errorf("no case wants rule %q", rule)
		}
	}
	if !names["contract/select-pinned"] {
		t.Errorf("the contract's examples (group contract/) are missing")
	}
}

// corpusLines returns the lines of the default corpus file.
func corpusLines(t *testing.T) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "testdata", "sqlcheck", "corpus.sql"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}

// TestRulesMatchContract checks the rule ids a want may name are the checker's rules: every rule
// of the contract's table except the directive-only ignore rule.
func TestRulesMatchContract(t *testing.T) {
	t.Parallel()
	want := []string{
		string(sqlcheck.RuleUnpinned),
		string(sqlcheck.RuleMultipleTenants),
		string(sqlcheck.RuleTenantWrite),
		string(sqlcheck.RuleInsertTenant),
		string(sqlcheck.RuleUpsertConflict),
		string(sqlcheck.RuleBulk),
		string(sqlcheck.RuleUnverifiable),
		string(sqlcheck.RuleParse),
	}
	slices.Sort(want)
	if got := corpus.Rules(); !reflect.DeepEqual(got, want) {
		t.Errorf("Rules() = %q, want %q", got, want)
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	const text = `-- A preamble comment.

-- case: a/safe
-- want: safe
SELECT 1;

-- a comment between cases
-- case: a/several
-- note: first part,
-- want: unpinned d, multiple-tenants , bulk   contacts
-- note: second part
SELECT *
FROM contacts c
JOIN deals d ON true;

-- case: a/twice
-- want: unpinned contacts, unpinned contacts
SELECT 'a;b' ;`
	got, err := corpus.Load(writeFile(t, text))
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	want := []corpus.Case{
		{Name: "a/safe", SQL: "SELECT 1", Line: 5},
		{
			Name: "a/several",
			Want: []string{"bulk contacts", "multiple-tenants", "unpinned d"},
			Note: "first part, second part",
			SQL:  "SELECT *\nFROM contacts c\nJOIN deals d ON true",
			Line: 12,
		},
		{Name: "a/twice", Want: []string{"unpinned contacts", "unpinned contacts"}, SQL: "SELECT 'a;b'", Line: 18},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Load() = %#v, want %#v", got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		text string
		want string // substring of the error, after "path:"
	}{
		{
			name: "missing want",
			text: "-- case: a/x\nSELECT 1;\n",
			want: `:2: case "a/x" has no "-- want:" line`,
		},
		{
			name: "missing want and SQL",
			text: "-- case: a/x\n\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:2: case "a/x" has no "-- want:" line`,
		},
		{
			name: "duplicate name",
			text: "-- case: a/x\n-- want: safe\nSELECT 1;\n\n-- case: a/x\n-- want: safe\nSELECT 2;\n",
			want: `:5: duplicate case name "a/x" (first at line 1)`,
		},
		{
			name: "missing SQL before blank line",
			text: "-- case: a/x\n-- want: safe\n\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:3: case "a/x" has no SQL`,
		},
		{
			name: "missing SQL before next case",
			text: "-- case: a/x\n-- want: safe\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:3: case "a/x" has no SQL`,
		},
		{
			name: "missing SQL at end of file",
			text: "-- case: a/x\n-- want: safe\n",
			want: `:3: case "a/x" has no SQL`,
		},
		{
			name: "unknown header",
			text: "-- case: a/x\n-- wnat: safe\nSELECT 1;\n",
			want: `:2: case "a/x": unknown header "-- wnat: safe"`,
		},
		{
			name: "second want",
			text: "-- case: a/x\n-- want: safe\n-- want: bulk t\nSELECT 1;\n",
			want: `:3: case "a/x" has a second "-- want:" line`,
		},
		{
			name: "SQL without final semicolon at end of file",
			text: "-- case: a/x\n-- want: safe\nSELECT 1\n",
			want: `:4: case "a/x": the SQL does not end with ";"`,
		},
		{
			name: "SQL without final semicolon before blank line",
			text: "-- case: a/x\n-- want: safe\nSELECT 1\n\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:4: case "a/x": blank line inside the SQL`,
		},
		{
			name: "SQL without final semicolon before next case",
			text: "-- case: a/x\n-- want: safe\nSELECT 1\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:4: case "a/x": new case inside the SQL`,
		},
		{
			name: "no blank line after SQL",
			text: "-- case: a/x\n-- want: safe\nSELECT 1;\n-- case: a/y\n-- want: safe\nSELECT 1;\n",
			want: `:4: case "a/x": a blank line must follow`,
		},
		{
			name: "want outside a case",
			text: "-- want: safe\nSELECT 1;\n",
			want: `:1: header "-- want: safe" outside a case`,
		},
		{
			name: "SQL outside a case",
			text: "SELECT 1;\n",
			want: `:1: SQL outside a case`,
		},
		{
			name: "name without group",
			text: "-- case: x\n-- want: safe\nSELECT 1;\n",
			want: `:1: case name "x" is not group/slug`,
		},
		{
			name: "empty want",
			text: "-- case: a/x\n-- want:\nSELECT 1;\n",
			want: `:2: case "a/x": empty want`,
		},
		{
			name: "unknown rule",
			text: "-- case: a/x\n-- want: unpined contacts\nSELECT 1;\n",
			want: `:2: case "a/x": want "unpined contacts": unknown rule "unpined"`,
		},
		{
			name: "table rule without reference",
			text: "-- case: a/x\n-- want: unpinned\nSELECT 1;\n",
			want: `rule "unpinned" needs a table reference`,
		},
		{
			name: "statement rule with reference",
			text: "-- case: a/x\n-- want: parse contacts\nSELECT 1;\n",
			want: `rule "parse" is about the statement and takes no reference`,
		},
		{
			name: "safe mixed with violations",
			text: "-- case: a/x\n-- want: safe, bulk t\nSELECT 1;\n",
			want: `mixes "safe" with violations`,
		},
		{
			name: "empty item",
			text: "-- case: a/x\n-- want: bulk t,\nSELECT 1;\n",
			want: `has an empty item`,
		},
		{
			name: "empty note",
			text: "-- case: a/x\n-- want: safe\n-- note:\nSELECT 1;\n",
			want: `:3: case "a/x": empty note`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := writeFile(t, tc.text)
			_, err := corpus.Load(path)
			if err == nil {
				t.Fatalf("Load(%q) error = nil, want %q", tc.text, tc.want)
			}
			if got := err.Error(); !strings.HasPrefix(got, path+":") || !strings.Contains(got, tc.want) {
				t.Errorf("Load(%q) error = %q, want %q after %q", tc.text, got, tc.want, path+":")
			}
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	t.Parallel()
	if _, err := corpus.Load(filepath.Join(t.TempDir(), "absent.sql")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Load(absent) error = %v, want a not-exist error", err)
	}
}

// writeFile writes text to a fresh corpus file and returns its path.
func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "corpus.sql")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// minKeyCases is the least number of cases the keys corpora must hold together (issue 11).
const minKeyCases = 150

// TestKeysCorpora loads the keys corpora and checks what they promise: enough cases, the files
// each names present, and both directions in every group: a safe statement and an unsafe one.
func TestKeysCorpora(t *testing.T) {
	t.Parallel()
	total := 0
	for _, set := range corpus.KeySets() {
		for _, f := range []string{set.Policy, set.Schema} {
			if _, err := os.Stat(corpus.Path(f)); err != nil {
				t.Errorf("%s: %v", set.Corpus, err)
			}
		}
		cases, err := corpus.File(set.Corpus)
		if err != nil {
			t.Fatalf("File(%q) error: %v", set.Corpus, err)
		}
		total += len(cases)
		safe, unsafe := map[string]int{}, map[string]int{}
		for _, tc := range cases {
			group, _, _ := strings.Cut(tc.Name, "/")
			if tc.Want == nil {
				safe[group]++
			} else {
				unsafe[group]++
			}
		}
		for _, group := range slices.Sorted(maps.Keys(mergeKeys(safe, unsafe))) {
			if safe[group] == 0 || unsafe[group] == 0 {
				t.Errorf("%s: group %s has %d safe and %d unsafe cases, want both", set.Corpus, group, safe[group], unsafe[group])
			}
		}
	}
	if total < minKeyCases {
		t.Errorf("the keys corpora hold %d cases, want at least %d", total, minKeyCases)
	}
}

func mergeKeys(a, b map[string]int) map[string]int {
	out := maps.Clone(a)
	maps.Copy(out, b)
	return out
}

func TestCorpusPending(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ note, want string }{
		{"", ""},
		{"the LIMIT stands between.", ""},
		{"pending: CTE push-down pins (rule 6).", "CTE push-down pins (rule 6)"},
		{"pending: sub-tenant keys. project_id names one project.", "sub-tenant keys"},
		{"a note first. pending: nested tenants", "nested tenants"},
	} {
		if got := (corpus.Case{Note: tc.note}).Pending(); got != tc.want {
			t.Errorf("Case{Note: %q}.Pending() = %q, want %q", tc.note, got, tc.want)
		}
	}
}

func TestCorpusPath(t *testing.T) {
	t.Parallel()
	want, err := filepath.Abs(filepath.Join("..", "..", "testdata", "sqlcheck", "keys", "schema.sql"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := filepath.Abs(corpus.Path("keys/schema.sql"))
	if err != nil || got != want {
		t.Errorf("Path(%q) = %q (%v), want %q", "keys/schema.sql", got, err, want)
	}
}
