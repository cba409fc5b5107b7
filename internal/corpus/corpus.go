// Package corpus reads the labelled SQL corpus that every entry point taking SQL text is tested
// against: the checker, the builder, the runtime guard and the analyzer.
//
// The corpus lives once, in testdata/sqlcheck/corpus.sql at the module root, beside the schema
// (schema.sql) its statements run against. A test loads it with [Default] and checks each case:
//
//	cases, err := corpus.Default()
//	if err != nil {
//		t.Fatal(err)
//	}
//	for _, tc := range cases {
//		t.Run(tc.Name, func(t *testing.T) {
//			// check tc.SQL, compare the violations with tc.Want
//		})
//	}
//
// # Format
//
// A case is a block of header lines followed by its SQL:
//
//	-- case: select/join-unpinned
//	-- want: unpinned d
//	-- note: optional; says why the verdict is what it is
//	-- server: optional; the oldest PostgreSQL major version that accepts the statement
//	SELECT c.* FROM contacts c JOIN deals d ON d.contact_id = c.id
//	WHERE c.tenant_id = $1;
//
// The "case" line comes first and names the case as group/slug; names are unique. Exactly one
// "want" line follows, before or after any "note" lines (several are joined with a space). The
// want is either "safe" or a comma-separated list of violations, each a rule id followed, for
// rules about one table occurrence, by the occurrence's reference: its alias if it has one, else
// its table name without schema, as PostgreSQL folds it ("unpinned events" for audit.events,
// "unpinned Invoices" for "Invoices"). A violation found twice is listed twice. The SQL runs from
// the line after the headers to the first line ending in ";", which is not part of [Case.SQL];
// a blank line or the end of the file follows it. Comment lines and blank lines may sit between
// cases; a comment line inside a case's headers must be a known header.
package corpus

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// A Case is one labelled statement of the corpus.
type Case struct {
	// Name is the case's unique name, "group/slug".
	Name string
	// Want lists the expected violations, sorted, as "rule ref" or "rule" (for rules about the
	// whole statement). It is nil for a safe statement.
	Want []string
	// Note explains a subtle verdict. It may be empty.
	Note string
	// Server is the oldest PostgreSQL major version whose server accepts the statement, 0 when
	// any supported version does. The checker's parser is PostgreSQL 17's.
	Server int
	// SQL is the statement, without its trailing ";".
	SQL string
	// Line is the 1-based line of the SQL's first line in the corpus file.
	Line int
}

// Rule ids of the tenancy contract and whether each names a table occurrence.
var ruleTakesRef = map[string]bool{
	"unpinned":         true,
	"tenant-write":     true,
	"insert-tenant":    true,
	"upsert-conflict":  true,
	"bulk":             true,
	"multiple-tenants": false,
	"unverifiable":     false,
	"parse":            false,
}

// Rules returns the rule ids a want may name, sorted.
func Rules() []string {
	ids := make([]string, 0, len(ruleTakesRef))
	for id := range ruleTakesRef {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Header line prefixes.
const (
	caseHeader   = "-- case:"
	wantHeader   = "-- want:"
	noteHeader   = "-- note:"
	serverHeader = "-- server:"
)

// Default loads the corpus of this module, testdata/sqlcheck/corpus.sql, found relative to this
// source file so that a test of any package can call it. It returns the errors of [Load].
func Default() ([]Case, error) {
	return File("corpus.sql")
}

// A Set is a corpus file with the policy its cases are labelled for and the schema they run
// against, each a path relative to testdata/sqlcheck (see [Path]).
type Set struct {
	Corpus, Policy, Schema string
}

// KeySets returns the corpus files of tenancy through keys (CONTRACT.md section 6): the keys
// corpus, labelled for keys/tenantq.yaml, and the trusted corpus, labelled for the same policy
// with trust_foreign_keys. Both run against keys/schema.sql.
func KeySets() []Set {
	return []Set{
		{Corpus: "keys/corpus.sql", Policy: "keys/tenantq.yaml", Schema: "keys/schema.sql"},
		{Corpus: "keys/trusted.sql", Policy: "keys/trusted.yaml", Schema: "keys/schema.sql"},
	}
}

// File loads a corpus file of this module by its path relative to testdata/sqlcheck ("corpus.sql",
// "keys/corpus.sql"), found relative to this source file so that a test of any package can call
// it. It returns the errors of [Load].
func File(name string) ([]Case, error) {
	return Load(Path(name))
}

// Path returns the path of a file of this module's testdata/sqlcheck directory, name being
// relative to it ("keys/schema.sql"), or name itself when the source of this package cannot
// be located.
func Path(name string) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		return name
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "sqlcheck", filepath.FromSlash(name))
}

// Pending returns what a case waits for when a note of it says "pending: <what>" (a feature of
// the contract the checker does not implement yet), and "" otherwise. What runs to the end of
// the note's sentence.
func (c Case) Pending() string {
	_, what, ok := strings.Cut(c.Note, "pending:")
	if !ok {
		return ""
	}
	what = strings.TrimSpace(what)
	if i := strings.Index(what, ". "); i >= 0 {
		what = what[:i]
	}
	return strings.TrimSuffix(what, ".")
}

// Load reads and parses the corpus file at path. It returns an error naming path and line for
// the first malformed spot: a case without a want, a duplicate name, a case without SQL, SQL not
// ended by ";", an unknown header or an invalid want. It also returns the error of reading path.
func Load(path string) ([]Case, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	return parse(path, data)
}

// parser state.
const (
	between = iota // outside a case: blank and comment lines allowed
	headers        // after "-- case:", reading header lines
	inSQL          // reading SQL lines until one ends in ";"
	after          // after the SQL's last line: a blank line must follow
)

func parse(path string, data []byte) ([]Case, error) {
	var (
		cases []Case
		cur   *Case
		hasW  bool
		sql   []string
		state = between
		seen  = make(map[string]int) // name -> line of its case header
		lineN int
	)
	errorf := func(format string, args ...any) error {
		return fmt.Errorf("%s:%d: %s", path, lineN, fmt.Sprintf(format, args...))
	}
	// finishHeaders checks a case's headers when its SQL starts or fails to.
	finishHeaders := func() error {
		if !hasW {
			return errorf("case %q has no %q line", cur.Name, "-- want:")
		}
		return nil
	}

	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		lineN++
		line := strings.TrimSuffix(sc.Text(), "\r")
		trimmed := strings.TrimSpace(line)
		blank := trimmed == ""

		switch state {
		case after:
			if !blank {
				return nil, errorf("case %q: a blank line must follow the SQL's final \";\"", cur.Name)
			}
			state = between
			continue

		case inSQL:
			if blank {
				return nil, errorf("case %q: blank line inside the SQL: is its final \";\" missing?", cur.Name)
			}
			if strings.HasPrefix(trimmed, caseHeader) {
				return nil, errorf("case %q: new case inside the SQL: is the final \";\" missing?", cur.Name)
			}
			sql = append(sql, line)
			if strings.HasSuffix(strings.TrimRightFunc(line, isSpace), ";") {
				cur.SQL = endSQL(sql)
				cases = append(cases, *cur)
				state = after
			}
			continue

		case headers:
			switch {
			case blank:
				if err := finishHeaders(); err != nil {
					return nil, err
				}
				return nil, errorf("case %q has no SQL", cur.Name)
			case strings.HasPrefix(trimmed, caseHeader):
				if err := finishHeaders(); err != nil {
					return nil, err
				}
				return nil, errorf("case %q has no SQL", cur.Name)
			case strings.HasPrefix(trimmed, wantHeader):
				if hasW {
					return nil, errorf("case %q has a second %q line", cur.Name, "-- want:")
				}
				want, err := parseWant(strings.TrimSpace(strings.TrimPrefix(trimmed, wantHeader)))
				if err != nil {
					return nil, errorf("case %q: %v", cur.Name, err)
				}
				cur.Want, hasW = want, true
				continue
			case strings.HasPrefix(trimmed, noteHeader):
				note := strings.TrimSpace(strings.TrimPrefix(trimmed, noteHeader))
				if note == "" {
					return nil, errorf("case %q: empty note", cur.Name)
				}
				if cur.Note != "" {
					cur.Note += " "
				}
				cur.Note += note
				continue
			case strings.HasPrefix(trimmed, serverHeader):
				v, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(trimmed, serverHeader)))
				if err != nil || v < 10 || cur.Server != 0 {
					return nil, errorf("case %q: %q needs one PostgreSQL major version, such as 17", cur.Name, trimmed)
				}
				cur.Server = v
				continue
			case strings.HasPrefix(trimmed, "--"):
				return nil, errorf("case %q: unknown header %q", cur.Name, trimmed)
			}
			// The first SQL line.
			if err := finishHeaders(); err != nil {
				return nil, err
			}
			state = inSQL
			cur.Line = lineN
			sql = append(sql[:0], line)
			if strings.HasSuffix(strings.TrimRightFunc(line, isSpace), ";") {
				cur.SQL = endSQL(sql)
				cases = append(cases, *cur)
				state = after
			}
			continue

		case between:
			switch {
			case blank:
				continue
			case strings.HasPrefix(trimmed, caseHeader):
				name := strings.TrimSpace(strings.TrimPrefix(trimmed, caseHeader))
				if err := checkName(name); err != nil {
					return nil, errorf("%v", err)
				}
				if first, dup := seen[name]; dup {
					return nil, errorf("duplicate case name %q (first at line %d)", name, first)
				}
				seen[name] = lineN
				cur = &Case{Name: name}
				hasW = false
				state = headers
			case strings.HasPrefix(trimmed, wantHeader), strings.HasPrefix(trimmed, noteHeader):
				return nil, errorf("header %q outside a case: a case starts with %q", trimmed, caseHeader)
			case strings.HasPrefix(trimmed, "--"):
				continue // a comment between cases
			default:
				return nil, errorf("SQL outside a case: a case starts with %q", caseHeader)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	lineN++ // errors at the end of the file name the line after the last
	switch state {
	case headers:
		if err := finishHeaders(); err != nil {
			return nil, err
		}
		return nil, errorf("case %q has no SQL", cur.Name)
	case inSQL:
		return nil, errorf("case %q: the SQL does not end with \";\"", cur.Name)
	}
	return cases, nil
}

// endSQL joins the SQL lines and removes the final ";" and the blanks around it.
func endSQL(lines []string) string {
	s := strings.TrimRightFunc(strings.Join(lines, "\n"), isSpace)
	return strings.TrimRightFunc(strings.TrimSuffix(s, ";"), isSpace)
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' }

// checkName checks a case name is group/slug with no spaces.
func checkName(name string) error {
	group, slug, ok := strings.Cut(name, "/")
	if !ok || group == "" || slug == "" || strings.ContainsAny(name, " \t") {
		return fmt.Errorf("case name %q is not group/slug", name)
	}
	return nil
}

// parseWant parses the text of a want line into its sorted violations, nil for "safe".
func parseWant(s string) ([]string, error) {
	if s == "" {
		return nil, fmt.Errorf("empty want: write %q or a list of violations", "safe")
	}
	if s == "safe" {
		return nil, nil
	}
	var want []string
	for item := range strings.SplitSeq(s, ",") {
		fields := strings.Fields(item)
		if len(fields) == 0 {
			return nil, fmt.Errorf("want %q has an empty item", s)
		}
		rule := fields[0]
		if rule == "safe" {
			return nil, fmt.Errorf("want %q mixes %q with violations", s, "safe")
		}
		takesRef, known := ruleTakesRef[rule]
		switch {
		case !known:
			return nil, fmt.Errorf("want %q: unknown rule %q", s, rule)
		case len(fields) > 2:
			return nil, fmt.Errorf("want %q: item %q has more than a rule and a reference", s, strings.TrimSpace(item))
		case takesRef && len(fields) != 2:
			return nil, fmt.Errorf("want %q: rule %q needs a table reference", s, rule)
		case !takesRef && len(fields) != 1:
			return nil, fmt.Errorf("want %q: rule %q is about the statement and takes no reference", s, rule)
		}
		want = append(want, strings.Join(fields, " "))
	}
	slices.Sort(want)
	return want, nil
}
