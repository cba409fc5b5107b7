package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/ignore"
	"github.com/tenantq/tenantq/internal/report"
	"github.com/tenantq/tenantq/internal/sqltext"
	"github.com/tenantq/tenantq/sqlcheck"
)

// Exit codes of tenantvet sql.
const (
	exitClean    = 0
	exitFindings = 1
	exitError    = 2
)

// finding is a finding of a .sql file: file, line, column, statement, rule, table, alias,
// message, hint and fingerprint, as the checker gives them.
type finding = report.Finding

// runSQL is "tenantvet sql": it checks .sql files and returns the exit code.
func runSQL(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return runSQLWith(args, runOptions{}, stdin, stdout, stderr)
}

// runSQLWith is runSQL with the hook's options.
func runSQLWith(args []string, opt runOptions, stdin io.Reader, stdout, stderr io.Writer) int {
	read := opt.read
	fset := flag.NewFlagSet("tenantvet sql", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var (
		overrides   config.Overrides
		explain     = fset.String("explain", "", "print the documentation of `rule` and exit")
		listRules   = fset.Bool("list-rules", false, "list the rules and exit")
		showIgnored = fset.Bool("show-ignored", false, "also print the findings that tenantvet:ignore directives exempt")
		out         outputFlags
	)
	overrides.RegisterFlags(fset)
	fset.Func("schema", "read tables from the schema `path` (a .sql file or a migrations directory; replaces the config's)", func(s string) error {
		overrides.Schema = []string{s}
		return nil
	})
	out.register(fset)
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet sql [flags] PATH... | -\n\nChecks .sql files (directories recurse) against the tenancy contract.\nExit status: 0 clean, 1 findings, 2 usage, config or I/O error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	if err := out.check(); err != nil {
		fmt.Fprintf(stderr, "tenantvet sql: %v\n", err)
		return exitError
	}
	switch {
	case *listRules:
		for _, d := range sqlcheck.Rules() {
			fmt.Fprintf(stdout, "%-17s %s\n", d.Rule, d.Title)
		}
		return exitClean
	case *explain != "":
		d, ok := sqlcheck.Explain(sqlcheck.Rule(*explain))
		if !ok {
			fmt.Fprintf(stderr, "tenantvet sql: unknown rule %q (see -list-rules)\n", *explain)
			return exitError
		}
		fmt.Fprintf(stdout, "%s: %s\n\n%s\n\nRejected:\n%s\n\nAccepted:\n%s\n", d.Rule, d.Title, d.Text, indent(d.Bad), indent(d.Good))
		return exitClean
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return exitError
	}

	// Each file is checked with the tenantq.yaml nearest to it (or -config's), as each Go
	// package is; one checker per configuration file.
	loader := config.NewLoader(overrides)
	files, err := fset.Args(), error(nil)
	if read == nil {
		read = os.ReadFile
		files, err = collect(files)
	}
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet sql: %v\n", err)
		return exitError
	}
	var findings, ignored []finding
	for _, f := range files {
		var data []byte
		if f == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = read(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet sql: %v\n", err)
			return exitError
		}
		name, dir := f, filepath.Dir(f)
		if f == "-" {
			name, dir = "<stdin>", "."
		}
		if err := notText(data); err != nil {
			fmt.Fprintf(stderr, "tenantvet sql: %s: %v\n", name, err)
			return exitError
		}
		_, checker, err := loader.Load(dir)
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet sql: %v\n", err)
			return exitError
		}
		found, ign := checkFile(checker, name, string(data))
		findings = append(findings, found...)
		ignored = append(ignored, ign...)
	}
	checked := map[string]bool{report.Stdin: true}
	for _, f := range files {
		checked[finding{File: f}.Where()] = true
	}
	for i := range findings {
		findings[i].URL = report.RuleURL(findings[i].Rule)
	}
	exempted := len(ignored)
	if *showIgnored {
		findings = append(findings, ignored...)
	}
	if opt.into != nil {
		opt.into.add(findings, checked, exempted)
		return exitClean
	}
	code := out.emit(stdout, stderr, "tenantvet sql", findings, checked)
	if n := exempted; n > 0 && out.writeBaseline == "" && code != exitError {
		fmt.Fprintf(stderr, "tenantvet sql: %s exempted by tenantvet:ignore directives\n", plural(n, "finding"))
	}
	return code
}

// collect expands the arguments into the files to check: files as given, .sql files of
// directories (recursively, skipping hidden directories), "-" for standard input.
func collect(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if a == "-" {
			files = append(files, a)
			continue
		}
		st, err := os.Stat(a)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, a)
			continue
		}
		var found []string
		err = filepath.WalkDir(a, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && p != a && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(d.Name(), ".sql") {
				found = append(found, p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		slices.Sort(found)
		files = append(files, found...)
	}
	return files, nil
}

// checkFile checks one file's statements and applies its tenantvet:ignore directives. It
// returns the findings and the findings the directives exempt.
func checkFile(c *sqlcheck.Checker, name, orig string) (findings, ignored []finding) {
	// Section markers of migration files end statements: an up section's last statement often
	// has no semicolon, and must not run into the down section, which is checked too (it runs
	// on a rollback).
	script := sqltext.Psql(sqltext.SectionBreaks(orig))
	text := script.SQL
	findings, ignored = psqlFindings(c, name, orig, script)
	type stmt struct {
		span  sqlcheck.Span
		viols []sqlcheck.Violation
		base  int // offset of the checked text within the file
	}
	// Statements are found as PostgreSQL finds them when the file parses, else at semicolons
	// outside literals and comments; each is then checked on its own, so that its
	// placeholders are read and numbered as the driver or sqlc reads that query alone (a
	// sqlc query starts at $1, and uses ? as the jsonb operator beside @name).
	spans := sqlcheck.Split(text)
	if res := c.Check(text); !slices.ContainsFunc(res.Violations, func(v sqlcheck.Violation) bool { return v.Rule == sqlcheck.RuleParse }) {
		spans = res.Statements
	}
	var stmts []stmt
	for _, sp := range spans {
		r := c.Check(text[sp.Offset:sp.End])
		stmts = append(stmts, stmt{span: sp, viols: r.Violations, base: sp.Offset})
	}
	for i, s := range stmts {
		d, dOff, hasDirective := directive(text, orig, s.span)
		var out []finding
		for _, v := range s.viols {
			off := s.base + v.Offset
			line, col := lineCol(text, off)
			out = append(out, finding{File: name, Line: line, Column: col, Statement: i + 1, Rule: string(v.Rule),
				Table: v.Table, Alias: v.Alias, Message: v.Message, Hint: v.Hint,
				Fingerprint: sqlcheck.Fingerprint(text[s.span.Offset:s.span.End])})
		}
		// A statement that does not parse may hide others (a missing semicolon joins them):
		// a directive never exempts a parse error.
		var parseErrs []finding
		out = slices.DeleteFunc(out, func(f finding) bool {
			if !sqlcheck.Rule(f.Rule).Exempt() {
				parseErrs = append(parseErrs, f)
				return true
			}
			return false
		})
		findings = append(findings, parseErrs...)
		switch {
		case len(parseErrs) > 0 && len(out) == 0:
			// Reported above, whatever the directive says.
		case !hasDirective:
			findings = append(findings, out...)
		case d.Reason == "":
			line, col := lineCol(text, dOff)
			findings = append(findings, finding{File: name, Line: line, Column: col, Statement: i + 1, Rule: string(sqlcheck.RuleIgnore),
				Message: "tenantvet:ignore directive has no reason", Hint: `say why the statement may cross tenants: "-- tenantvet:ignore <reason>"`})
			findings = append(findings, out...)
		case len(out) == 0:
			line, col := lineCol(text, dOff)
			findings = append(findings, finding{File: name, Line: line, Column: col, Statement: i + 1, Rule: string(sqlcheck.RuleIgnore),
				Message: "tenantvet:ignore directive exempts nothing: the statement is tenant-safe", Hint: "remove the directive"})
		default:
			for j := range out {
				out[j].Ignored = d.Reason
			}
			ignored = append(ignored, out...)
		}
	}
	byPosition := func(a, b finding) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column)) }
	slices.SortStableFunc(findings, byPosition)
	slices.SortStableFunc(ignored, byPosition)
	return findings, ignored
}

// psqlFindings reports what psql does with a script that the server never sees as SQL: meta-
// commands that run other SQL (\i and its kin, \gexec, \copy, \!) or change how the server
// reads it (\encoding, \setenv), and, in a script with meta-commands, variables that psql
// substitutes as raw text. A "-- tenantvet:ignore <reason>" comment right above a
// meta-command exempts it.
func psqlFindings(c *sqlcheck.Checker, name, orig string, s sqltext.Script) (findings, ignored []finding) {
	add := func(off int, rule sqlcheck.Rule, msg, hint string) {
		line, col := lineCol(orig, off)
		f := finding{File: name, Line: line, Column: col, Rule: string(rule), Message: msg, Hint: hint}
		if d, ok := metaDirective(orig, off); ok && d.Reason != "" && rule.Exempt() {
			f.Ignored = d.Reason
			ignored = append(ignored, f)
			return
		}
		findings = append(findings, f)
	}
	for _, m := range s.Commands {
		switch m.Name {
		case "i", "ir", "include", "include_relative":
			add(m.Offset, sqlcheck.RuleUnverifiable, fmt.Sprintf("\\%s runs the SQL of another file (%s), which this check does not read", m.Name, m.Args),
				"give tenantvet sql that file too, then mark the line with a tenantvet:ignore reason")
		case "gexec":
			add(m.Offset, sqlcheck.RuleUnverifiable, "\\gexec runs each value the query returns as a statement, which the checker cannot see",
				"write the statements out, or mark the line with a tenantvet:ignore reason")
		case "!", "setenv":
			add(m.Offset, sqlcheck.RuleUnverifiable, fmt.Sprintf("\\%s runs a shell command or changes psql's environment (PGOPTIONS), which the checker cannot see", m.Name),
				"run it outside the SQL file, or mark the line with a tenantvet:ignore reason")
		case "encoding":
			if enc := strings.ToLower(strings.Trim(m.Args, `'"`)); enc != "" && enc != "utf8" && enc != "utf-8" && enc != "unicode" {
				add(m.Offset, sqlcheck.RuleUnverifiable, fmt.Sprintf("\\encoding %s changes how the server splits later statements' text into literals, which the checker cannot see", m.Args),
					"keep the client encoding UTF8")
			}
		case "copy":
			r := c.Check("COPY " + m.Args)
			for _, v := range r.Violations {
				if v.Rule == sqlcheck.RuleParse {
					add(m.Offset, sqlcheck.RuleUnverifiable, "\\copy's arguments do not read as a COPY statement: "+v.Message, "quote the file name, as COPY does")
					continue
				}
				add(m.Offset, v.Rule, "\\copy: "+v.Message, v.Hint)
			}
		}
	}
	if len(s.Commands) > 0 {
		for _, v := range s.Variables {
			add(v.Offset, sqlcheck.RuleUnverifiable, fmt.Sprintf("psql replaces :%s with the variable's text before the server reads the statement, so it may be any SQL", v.Name),
				fmt.Sprintf("write :'%s' for a value, which psql quotes as a literal", v.Name))
		}
	}
	return findings, ignored
}

// metaDirective finds a tenantvet:ignore comment on the comment lines right above the line
// holding off.
func metaDirective(text string, off int) (ignore.Directive, bool) {
	start := strings.LastIndexByte(text[:off], '\n') + 1
	if strings.TrimSpace(text[start:off]) != "" {
		return ignore.Directive{}, false // the command follows SQL on its line
	}
	before := text[:start]
	for before != "" {
		before = strings.TrimSuffix(strings.TrimSuffix(before, "\n"), "\r")
		i := strings.LastIndexByte(before, '\n')
		line := strings.TrimSpace(before[i+1:])
		if !strings.HasPrefix(line, "--") {
			return ignore.Directive{}, false
		}
		if d, ok := ignore.ParseSQL(line); ok {
			return d, true
		}
		before = before[:i+1]
	}
	return ignore.Directive{}, false
}

// directive finds a tenantvet:ignore line comment among the comments before a statement. A
// psql meta-command line between it and the statement ends it: it was meant for the command.
func directive(text, orig string, sp sqlcheck.Span) (ignore.Directive, int, bool) {
	s := text[sp.Offset:sp.End]
	lead := s[:sqlcheck.LeadingComments(s)]
	var d ignore.Directive
	at, found := 0, false
	off := sp.Offset
	for line := range strings.Lines(lead) {
		t := strings.TrimLeft(line, " \t")
		switch {
		case strings.HasPrefix(strings.TrimLeft(orig[off:off+len(line)], " \t"), "\\"):
			found = false
		case strings.HasPrefix(t, "--"):
			if dd, ok := ignore.ParseSQL(strings.TrimRight(t, "\r\n")); ok {
				d, at, found = dd, off+len(line)-len(t), true
			}
		}
		off += len(line)
	}
	return d, at, found
}

// lineCol converts a byte offset of text to a 1-based line and byte column.
func lineCol(text string, off int) (int, int) {
	return sqltext.LineCol(text, off)
}

// notText returns an error when data is not SQL text: it holds a NUL byte (PostgreSQL's
// parser stops there, so the rest would go unchecked), another control byte than tab, line
// feed, vertical tab, form feed and carriage return, or bytes that are not UTF-8. The error
// names the first such byte by line and column and quotes nothing of the data: printed, its
// control bytes would drive the terminal.
func notText(data []byte) error {
	for off := 0; off < len(data); {
		r, size := utf8.DecodeRune(data[off:])
		var what string
		switch {
		case r == utf8.RuneError && size <= 1:
			what = "invalid UTF-8"
		case r == 0:
			what = "a NUL byte"
		case r < 0x20 && !strings.ContainsRune("\t\n\v\f\r", r), r == 0x7f:
			what = fmt.Sprintf("control byte 0x%02x", r)
		}
		if what != "" {
			line, col := lineCol(string(data), off)
			return fmt.Errorf("not SQL text: %s at line %d, column %d (a binary file, or another encoding than UTF-8)", what, line, col)
		}
		off += size
	}
	return nil
}

// indent prefixes each line of s with a tab.
func indent(s string) string {
	return "\t" + strings.ReplaceAll(s, "\n", "\n\t")
}
