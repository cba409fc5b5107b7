package sqlcheck

import (
	"fmt"
	"strings"

	"github.com/tenantq/tenantq/internal/sqltext"
)

// A Violation is one reason a statement is not tenant-safe.
type Violation struct {
	// Rule is the stable id of the broken rule, such as [RuleUnpinned].
	Rule Rule
	// Table is the table involved, as written in the SQL (schema-qualified if written so).
	// It is empty for rules about the whole statement, such as [RuleParse].
	Table string
	// Alias is the alias of the table occurrence, empty when it has none.
	Alias string
	// Offset is the byte offset of the offending spot in the checked SQL text.
	Offset int
	// Line and Column are the 1-based line and byte column of Offset.
	Line, Column int
	// Statement is the 1-based index of the statement within the checked text.
	Statement int
	// Message says what is wrong, in lower case, without the rule id.
	Message string
	// Hint says what to add where to fix it. It may be empty.
	Hint string
	// Fix is the edit that does what Hint says, when the checker can place it with certainty;
	// nil otherwise. The hint's text is rendered from it.
	Fix *Fix
}

// A Fix adds a tenant predicate to a clause of the checked SQL: Predicate is ANDed to the
// condition of Clause, or becomes a new WHERE clause. Edits make that change to the checked
// text; applied, the statement parses and no longer has the violation.
type Fix struct {
	// Clause names where the predicate goes, as the hint words it: "the WHERE clause", "its
	// JOIN ON", "the WHERE clause of the subquery", "the MERGE ... ON condition".
	Clause string
	// Predicate is the SQL to add, such as d.tenant_id = $1, in the statement's own
	// placeholder style, identifiers quoted as PostgreSQL needs.
	Predicate string
	// Edits are the changes to the checked text, in order of offset, none overlapping. They
	// parenthesise a condition whose top level is an OR before ANDing Predicate to it.
	Edits []TextEdit
}

// A TextEdit replaces the bytes [Offset, End) of the checked SQL text with Text. Offset equals End
// for an insertion.
type TextEdit struct {
	Offset, End int
	Text        string
}

// Apply returns sql with the fix's edits made. sql must be the text the violation was found
// in; an edit out of its range gives an error.
func (f *Fix) Apply(sql string) (string, error) {
	var b strings.Builder
	at := 0
	for _, e := range f.Edits {
		if e.Offset < at || e.End < e.Offset || e.End > len(sql) {
			return "", fmt.Errorf("sqlcheck: edit [%d, %d) does not fit a text of %d bytes after offset %d", e.Offset, e.End, len(sql), at)
		}
		b.WriteString(sql[at:e.Offset])
		b.WriteString(e.Text)
		at = e.End
	}
	b.WriteString(sql[at:])
	return b.String(), nil
}

// String formats the violation as "<rule>: <message>; <hint>".
func (v Violation) String() string {
	if v.Hint == "" {
		return fmt.Sprintf("%s: %s", v.Rule, v.Message)
	}
	return fmt.Sprintf("%s: %s; %s", v.Rule, v.Message, v.Hint)
}

// SplitFinding reads back a finding written as [Violation.String] writes one, "rule: message;
// hint", as the analyzer's diagnostics carry it: the hint is what follows the last "; " (no
// hint holds one), or "" when there is none. A text without the rule prefix gives rule "".
func SplitFinding(text string) (rule Rule, message, hint string) {
	if r, rest, ok := strings.Cut(text, ": "); ok && !strings.ContainsAny(r, " \"") {
		rule, text = Rule(r), rest
	}
	if i := strings.LastIndex(text, "; "); i >= 0 {
		return rule, text[:i], text[i+2:]
	}
	return rule, text, ""
}

// describeTable formats a table and its alias for messages: table "deals" (alias d).
func describeTable(table, alias string) string {
	if alias == "" || alias == table {
		return fmt.Sprintf("table %q", table)
	}
	return fmt.Sprintf("table %q (alias %s)", table, alias)
}

// position computes the 1-based line and byte column of offset in s.
func position(s string, offset int) (line, col int) {
	return sqltext.LineCol(s, offset)
}
