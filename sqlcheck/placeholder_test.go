package sqlcheck_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unsafe"

	"github.com/tenantq/tenantq/sqlcheck"
)

// Shorthands for expected params.
func dollar(n, off int) sqlcheck.Param {
	return sqlcheck.Param{Number: n, Style: sqlcheck.StyleDollar, Offset: off}
}

func question(n, off int) sqlcheck.Param {
	return sqlcheck.Param{Number: n, Style: sqlcheck.StyleQuestion, Offset: off}
}

func named(n int, name string, style sqlcheck.ParamStyle, off int) sqlcheck.Param {
	return sqlcheck.Param{Number: n, Name: name, Style: style, Offset: off}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	const (
		colon = sqlcheck.StyleColon
		at    = sqlcheck.StyleAt
		sqlc  = sqlcheck.StyleSqlc
	)
	tests := []struct {
		name   string
		sql    string
		want   string
		params []sqlcheck.Param
		style  sqlcheck.ParamStyle // 0: no placeholder
	}{
		// No placeholders.
		{name: "empty", sql: "", want: ""},
		{name: "plain", sql: "SELECT 1", want: "SELECT 1"},

		// $n.
		{
			name:   "dollar",
			sql:    "SELECT * FROM t WHERE tenant_id = $1 AND id = $2",
			want:   "SELECT * FROM t WHERE tenant_id = $1 AND id = $2",
			params: []sqlcheck.Param{dollar(1, 34), dollar(2, 46)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "dollar repeated out of order",
			sql:    "a = $2 AND b = $1 AND c = $2",
			want:   "a = $2 AND b = $1 AND c = $2",
			params: []sqlcheck.Param{dollar(1, 15), dollar(2, 4)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "dollar leading zero is the same value",
			sql:    "$01 = $1",
			want:   "$01 = $1",
			params: []sqlcheck.Param{dollar(1, 0)},
			style:  sqlcheck.StyleDollar,
		},
		{name: "dollar in identifier", sql: "SELECT a$1, a$$b$$ FROM t", want: "SELECT a$1, a$$b$$ FROM t"},
		{
			name:   "dollar after number",
			sql:    "SELECT 1$1, 1a$2",
			want:   "SELECT 1$1, 1a$2",
			params: []sqlcheck.Param{dollar(1, 8)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "dollar cast",
			sql:    "tenant_id = $1::uuid",
			want:   "tenant_id = $1::uuid",
			params: []sqlcheck.Param{dollar(1, 12)},
			style:  sqlcheck.StyleDollar,
		},
		{name: "dollar too large", sql: "x = $2147483648", want: "x = $2147483648"},
		{
			name:   "dollar huge",
			sql:    "x = $99999999999999999999999 ?",
			want:   "x = $99999999999999999999999 $1",
			params: []sqlcheck.Param{question(1, 29)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "dollar largest then named has no number left",
			sql:    "$2147483647 = :a",
			want:   "$2147483647 = :a",
			params: []sqlcheck.Param{dollar(2147483647, 0)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "named without number stays apart from a following dollar",
			sql:    "$2147483647 @A$0 :b$x$ :c $x$",
			want:   "$2147483647 @A $0 :b $x$ :c $x$",
			params: []sqlcheck.Param{dollar(0, 14), dollar(2147483647, 0)},
			style:  sqlcheck.StyleDollar,
		},

		// ?.
		{
			name:   "question",
			sql:    "SELECT * FROM t WHERE a = ? AND b = ?",
			want:   "SELECT * FROM t WHERE a = $1 AND b = $2",
			params: []sqlcheck.Param{question(1, 26), question(2, 36)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question in list",
			sql:    "id IN (?,?,?)",
			want:   "id IN ($1,$2,$3)",
			params: []sqlcheck.Param{question(1, 7), question(2, 9), question(3, 11)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question escaped",
			sql:    "data ?? 'k' AND id = ?",
			want:   "data ? 'k' AND id = $1",
			params: []sqlcheck.Param{question(1, 21)},
			style:  sqlcheck.StyleQuestion,
		},
		{name: "question escaped only", sql: "data ?? 'k'", want: "data ? 'k'"},
		{name: "question escaped before jsonb operator", sql: "d ???| k", want: "d ? ?| k"},
		{
			name:   "question jsonb operators",
			sql:    "tags ?| array['a'] AND tags ?& array['b'] AND id = ?",
			want:   "tags ?| array['a'] AND tags ?& array['b'] AND id = $1",
			params: []sqlcheck.Param{question(1, 51)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question before concatenation",
			sql:    "name LIKE '%'||?||'%' AND f && ?&&g",
			want:   "name LIKE '%'||$1||'%' AND f && $2&&g",
			params: []sqlcheck.Param{question(1, 15), question(2, 31)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question is an operator beside dollar",
			sql:    "data ? 'k' AND data ?? 'j' AND id = $1 AND tags ?| array['a']",
			want:   "data ? 'k' AND data ?? 'j' AND id = $1 AND tags ?| array['a']",
			params: []sqlcheck.Param{dollar(1, 36)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "question is an operator beside a later dollar",
			sql:    "data ? 'k' AND id = $1",
			want:   "data ? 'k' AND id = $1",
			params: []sqlcheck.Param{dollar(1, 20)},
			style:  sqlcheck.StyleDollar,
		},
		{
			name:   "question inside quotes and comments",
			sql:    "SELECT '?', \"?\", E'\\'?', $$?$$, $f$ ? $f$, U&'?', B'?', X'?', N'?' /* ? */ -- ?\n= ?",
			want:   "SELECT '?', \"?\", E'\\'?', $$?$$, $f$ ? $f$, U&'?', B'?', X'?', N'?' /* ? */ -- ?\n= $1",
			params: []sqlcheck.Param{question(1, 82)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question glued to identifier and digits",
			sql:    "a?b AND ?1 AND x$?",
			want:   "a $1b AND $2 1 AND x$ $3",
			params: []sqlcheck.Param{question(1, 1), question(2, 8), question(3, 17)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question after lone dollar",
			sql:    "$?",
			want:   "$ $1",
			params: []sqlcheck.Param{question(1, 1)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "question then escaped then question",
			sql:    "???",
			want:   "? $1",
			params: []sqlcheck.Param{question(1, 2)},
			style:  sqlcheck.StyleQuestion,
		},

		// :name.
		{
			name:   "colon repeated",
			sql:    "a = :a AND b = :b OR a2 = :a",
			want:   "a = $1 AND b = $2 OR a2 = $1",
			params: []sqlcheck.Param{named(1, "a", colon, 4), named(2, "b", colon, 15)},
			style:  colon,
		},
		{
			name:   "colon with cast",
			sql:    "id = :id::uuid AND a::int = 1 AND b = $1::text",
			want:   "id = $2::uuid AND a::int = 1 AND b = $1::text",
			params: []sqlcheck.Param{dollar(1, 38), named(2, "id", colon, 5)},
			style:  colon,
		},
		{
			name: "colon not a placeholder",
			sql:  `arr[1:2], arr[lo:hi], f(x):a, "c":a, a:b, x:::t, f(a := 1), 1:x, a]:b`,
			want: `arr[1:2], arr[lo:hi], f(x):a, "c":a, a:b, x:::t, f(a := 1), 1:x, a]:b`,
		},
		{
			name:   "colon names with digits and underscores",
			sql:    "(:_a1, :B_2,:_a1)",
			want:   "($1, $2,$1)",
			params: []sqlcheck.Param{named(1, "_a1", colon, 1), named(2, "B_2", colon, 7)},
			style:  colon,
		},
		{
			name:   "colon names compare exactly",
			sql:    ":a = :A",
			want:   "$1 = $2",
			params: []sqlcheck.Param{named(1, "a", colon, 0), named(2, "A", colon, 5)},
			style:  colon,
		},
		{
			name:   "colon mixed with question",
			sql:    ":a ? :a",
			want:   "$1 $2 $1",
			params: []sqlcheck.Param{named(1, "a", colon, 0), question(2, 3)},
			style:  colon,
		},

		// @name.
		{
			name:   "at",
			sql:    "x=@id AND (@a, @b) AND y IN (@a,@c) AND z = ANY(ARRAY[@d])",
			want:   "x=$1 AND ($2, $3) AND y IN ($2,$4) AND z = ANY(ARRAY[$5])",
			params: []sqlcheck.Param{named(1, "id", at, 2), named(2, "a", at, 11), named(3, "b", at, 15), named(4, "c", at, 32), named(5, "d", at, 54)},
			style:  at,
		},
		{
			name: "at operators untouched",
			sql:  "a @> b AND b <@ a AND t @@ q AND @-@ p AND a@b AND a<@b AND @@x AND 1@x AND !@x",
			want: "a @> b AND b <@ a AND t @@ q AND @-@ p AND a@b AND a<@b AND @@x AND 1@x AND !@x",
		},
		{
			name:   "at in operator context",
			sql:    "tags @> @tags AND @tags <@ tags",
			want:   "tags @> $1 AND $1 <@ tags",
			params: []sqlcheck.Param{named(1, "tags", at, 8)},
			style:  at,
		},
		{
			name:   "at at start of text",
			sql:    "@a",
			want:   "$1",
			params: []sqlcheck.Param{named(1, "a", at, 0)},
			style:  at,
		},

		// sqlc.
		{
			name: "sqlc",
			sql:  "a = sqlc.arg(name) AND b = SQLC.NARG( 'opt' ) AND id = ANY(sqlc.slice(\"ids\")) AND c = sqlc.arg(name)",
			want: "a = $1 AND b = $2 AND id = ANY($3) AND c = $1",
			params: []sqlcheck.Param{
				named(1, "name", sqlc, 4),
				named(2, "opt", sqlc, 27),
				{Number: 3, Name: "ids", Style: sqlc, Slice: true, Offset: 59},
			},
			style: sqlc,
		},
		{
			name: "sqlc not a placeholder",
			sql:  "sqlc.args(a), sqlc.arg(1), sqlc.arg(''), sqlc.arg(a b), xsqlc.arg(a), sqlc.arg (a), sqlc. arg(a), 'sqlc.arg(a)'",
			want: "sqlc.args(a), sqlc.arg(1), sqlc.arg(''), sqlc.arg(a b), xsqlc.arg(a), sqlc.arg (a), sqlc. arg(a), 'sqlc.arg(a)'",
		},
		{
			name:   "sqlc names shared with at and colon",
			sql:    "@id = sqlc.arg(id) AND :id = sqlc.narg('id')",
			want:   "$1 = $1 AND $1 = $1",
			params: []sqlcheck.Param{named(1, "id", at, 0)},
			style:  at,
		},
		{
			name:   "sqlc slice marks the shared value",
			sql:    "@ids AND sqlc.slice(ids)",
			want:   "$1 AND $1",
			params: []sqlcheck.Param{{Number: 1, Name: "ids", Style: at, Slice: true, Offset: 0}},
			style:  at,
		},
		{
			name:   "sqlc followed by digit",
			sql:    "sqlc.arg(a)1",
			want:   "$1 1",
			params: []sqlcheck.Param{named(1, "a", sqlc, 0)},
			style:  sqlc,
		},

		// Mixed styles number after the largest $n.
		{
			name:   "named after dollar",
			sql:    "a = $3 AND b = :b AND c = @c AND d = $1 AND e = :b",
			want:   "a = $3 AND b = $4 AND c = $5 AND d = $1 AND e = $4",
			params: []sqlcheck.Param{dollar(1, 37), dollar(3, 4), named(4, "b", colon, 15), named(5, "c", at, 26)},
			style:  sqlcheck.StyleDollar,
		},

		// Skipped regions.
		{
			name:   "dollar quoted function body",
			sql:    "CREATE FUNCTION f() RETURNS int AS $$ SELECT ? + :x + @y $$ LANGUAGE sql; SELECT ?",
			want:   "CREATE FUNCTION f() RETURNS int AS $$ SELECT ? + :x + @y $$ LANGUAGE sql; SELECT $1",
			params: []sqlcheck.Param{question(1, 81)},
			style:  sqlcheck.StyleQuestion,
		},
		{
			name:   "dollar quote tag",
			sql:    "$body$ :a $b$ :b $body$ = :c",
			want:   "$body$ :a $b$ :b $body$ = $1",
			params: []sqlcheck.Param{named(1, "c", colon, 26)},
			style:  colon,
		},
		{
			name:   "nested block comment",
			sql:    "/* a /* :b */ :c */ :d",
			want:   "/* a /* :b */ :c */ $1",
			params: []sqlcheck.Param{named(1, "d", colon, 20)},
			style:  colon,
		},
		{
			name:   "line comment",
			sql:    "-- :a ?\r:b -- :c\n:d",
			want:   "-- :a ?\r$1 -- :c\n$2",
			params: []sqlcheck.Param{named(1, "b", colon, 8), named(2, "d", colon, 17)},
			style:  colon,
		},
		{
			name:   "doubled quotes",
			sql:    `'it''s :a' "a"":b" :c`,
			want:   `'it''s :a' "a"":b" $1`,
			params: []sqlcheck.Param{named(1, "c", colon, 19)},
			style:  colon,
		},
		{
			name:   "E-string escapes",
			sql:    `E'\' :a' e'\\' :b 'x\' :c`,
			want:   `E'\' :a' e'\\' $1 'x\' $2`,
			params: []sqlcheck.Param{named(1, "b", colon, 15), named(2, "c", colon, 23)},
			style:  colon,
		},
		// A literal continued after a line break is one constant, read as its first part is
		// (scan.l's quotecontinue): in E'' the \' is a quote, so ? and :a are inside it.
		{name: "E-string continued", sql: "E'a'\n'\\' ? :a' = ?", want: "E'a'\n'\\' ? :a' = $1", params: []sqlcheck.Param{question(1, 17)}, style: sqlcheck.StyleQuestion},
		// A line comment ends at a carriage return as at a line feed.
		{name: "line comment ended by a carriage return", sql: "-- x\r= ?", want: "-- x\r= $1", params: []sqlcheck.Param{question(1, 7)}, style: sqlcheck.StyleQuestion},
		{name: "identifier ending in e", sql: `namE'\' :a'`, want: `namE'\' $1'`, params: []sqlcheck.Param{named(1, "a", colon, 8)}, style: colon},
		{name: "unterminated string", sql: "'abc ? :a", want: "'abc ? :a"},
		{name: "unterminated E-string", sql: `E'abc\' ? :a`, want: `E'abc\' ? :a`},
		{name: "unterminated identifier", sql: `"abc ? :a`, want: `"abc ? :a`},
		{name: "unterminated block comment", sql: "/* /* */ ? :a", want: "/* /* */ ? :a"},
		{name: "unterminated dollar quote", sql: "$t$ ? :a $t", want: "$t$ ? :a $t"},
		{name: "unterminated line comment", sql: "-- ? :a", want: "-- ? :a"},

		// Invalid UTF-8 passes through.
		{
			name:   "invalid UTF-8",
			sql:    "SELECT '\xff?', \xfe ?, \xff? = :a\xfe",
			want:   "SELECT '\xff?', \xfe $1, \xff $2 = $3\xfe",
			params: []sqlcheck.Param{question(1, 15), question(2, 19), named(3, "a", colon, 23)},
			style:  sqlcheck.StyleQuestion,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, params := sqlcheck.Normalize(tc.sql)
			if got != tc.want {
				t.Errorf("Normalize(%q) = %q, want %q", tc.sql, got, tc.want)
			}
			if !slices.Equal(params, tc.params) {
				t.Errorf("Normalize(%q) params = %+v, want %+v", tc.sql, params, tc.params)
			}
			if style := sqlcheck.NormalizeInternal(tc.sql).Style(); style != tc.style {
				t.Errorf("normalize(%q).style = %v, want %v", tc.sql, style, tc.style)
			}
		})
	}
}

func TestNormalizeUnchangedTextIsNotCopied(t *testing.T) {
	t.Parallel()
	for _, sql := range []string{
		"SELECT * FROM t WHERE a @> b AND c::int = 1",
		"SELECT * FROM t WHERE tenant_id = $1 AND data ? 'k' AND x ?? y",
		"SELECT '?', $$ :a $$ -- @b",
	} {
		n := sqlcheck.NormalizeInternal(sql)
		if got := n.SQL(); unsafe.StringData(got) != unsafe.StringData(sql) {
			t.Errorf("normalize(%q) copied the text", sql)
		}
		if edits := n.Edits(); edits != nil {
			t.Errorf("normalize(%q) edits = %v, want nil", sql, edits)
		}
	}
}

// TestNormalizeAllocs is not parallel: testing.AllocsPerRun refuses to run in parallel tests.
func TestNormalizeAllocs(t *testing.T) {
	sql := "SELECT * FROM t WHERE a @> b AND c::int = 1 AND d = 'x?'"
	if allocs := testing.AllocsPerRun(100, func() { sqlcheck.Normalize(sql) }); allocs != 0 {
		t.Errorf("Normalize(%q) allocates %v times, want 0", sql, allocs)
	}
}

func TestNormalizeOrigOffset(t *testing.T) {
	t.Parallel()
	// Each pair is a piece of the normalised text and the piece of the original its start
	// maps to; both occur once.
	type pair struct{ normalized, original string }
	tests := []struct {
		name  string
		sql   string
		pairs []pair
	}{
		{
			name:  "none",
			sql:   "SELECT a FROM t",
			pairs: []pair{{"SELECT", "SELECT"}, {"FROM", "FROM"}, {"t", "t"}},
		},
		{
			name:  "question",
			sql:   "WHERE a = ? AND b = ?;",
			pairs: []pair{{"WHERE", "WHERE"}, {"$1", "? AND"}, {"1 AND", "? AND"}, {" AND", " AND"}, {"$2", "?;"}, {";", ";"}},
		},
		{
			name:  "question with added spaces",
			sql:   "a?1 = x",
			pairs: []pair{{" $1 ", "?"}, {"$1 ", "?"}, {" 1", "?"}, {"1 =", "1 ="}, {"x", "x"}},
		},
		{
			name:  "escaped question",
			sql:   "a ?? b = ? c",
			pairs: []pair{{"? b", "?? b"}, {" b", " b"}, {"$1", "? c"}, {" c", " c"}},
		},
		{
			name:  "colon",
			sql:   "WHERE a = :alpha AND b = :b AND c = :alpha::text",
			pairs: []pair{{"$1 AND b", ":alpha AND b"}, {"1 AND b", ":alpha AND b"}, {" AND b", " AND b"}, {"$2", ":b"}, {"::text", "::text"}, {"c =", "c ="}},
		},
		{
			name:  "at",
			sql:   "x=@long_name AND y=@y",
			pairs: []pair{{"x=", "x="}, {"$1", "@long_name"}, {" AND", " AND"}, {"$2", "@y"}},
		},
		{
			name:  "sqlc",
			sql:   "a = sqlc.arg( 'n' ) AND b IN (sqlc.slice(ids))",
			pairs: []pair{{"$1", "sqlc.arg"}, {" AND", " AND"}, {"IN (", "IN ("}, {"$2)", "sqlc.slice"}},
		},
		{
			name:  "dollar is not an edit",
			sql:   "a = $1 AND b = :b",
			pairs: []pair{{"$1", "$1"}, {"$2", ":b"}},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			n := sqlcheck.NormalizeInternal(tc.sql)
			out := n.SQL()
			for _, p := range tc.pairs {
				off := strings.Index(out, p.normalized)
				wantOff := strings.Index(tc.sql, p.original)
				if off < 0 || wantOff < 0 {
					t.Fatalf("bad test pair %q in %q, %q in %q", p.normalized, out, p.original, tc.sql)
				}
				if got := n.OrigOffset(off); got != wantOff {
					t.Errorf("normalize(%q).origOffset(%d) (%q) = %d, want %d (%q)", tc.sql, off, p.normalized, got, wantOff, p.original)
				}
			}
			if got := n.OrigOffset(-5); got != 0 {
				t.Errorf("normalize(%q).origOffset(-5) = %d, want 0", tc.sql, got)
			}
			for _, off := range []int{len(out), len(out) + 10} {
				if got := n.OrigOffset(off); got != len(tc.sql) {
					t.Errorf("normalize(%q).origOffset(%d) = %d, want %d", tc.sql, off, got, len(tc.sql))
				}
			}
		})
	}
}

func TestNormalizeParam(t *testing.T) {
	t.Parallel()
	n := sqlcheck.NormalizeInternal("a = $4 AND b = :b AND c = $2")
	tests := []struct {
		number int
		want   sqlcheck.Param
		ok     bool
	}{
		{number: 2, want: dollar(2, 26), ok: true},
		{number: 4, want: dollar(4, 4), ok: true},
		{number: 5, want: named(5, "b", sqlcheck.StyleColon, 15), ok: true},
		{number: 1},
		{number: 3},
		{number: 6},
		{number: 0},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.number), func(t *testing.T) {
			t.Parallel()
			got, ok := n.Param(tc.number)
			if got != tc.want || ok != tc.ok {
				t.Errorf("param(%d) = %+v, %v, want %+v, %v", tc.number, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestParamStyleString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		style sqlcheck.ParamStyle
		want  string
	}{
		{sqlcheck.StyleDollar, "dollar"},
		{sqlcheck.StyleQuestion, "question"},
		{sqlcheck.StyleColon, "colon"},
		{sqlcheck.StyleAt, "at"},
		{sqlcheck.StyleSqlc, "sqlc"},
		{0, "ParamStyle(0)"},
		{9, "ParamStyle(9)"},
	}
	for _, tc := range tests {
		if got := tc.style.String(); got != tc.want {
			t.Errorf("ParamStyle(%d).String() = %q, want %q", uint8(tc.style), got, tc.want)
		}
	}
}

func BenchmarkNormalize(b *testing.B) {
	long := strings.Repeat("SELECT c.id, c.name FROM contacts c JOIN deals d ON d.contact_id = c.id "+
		"AND d.tenant_id = c.tenant_id WHERE c.tenant_id = $1 AND c.meta @> '{\"a\":1}' AND c.x::int > 2 ", 20)
	shapes := []struct{ name, sql string }{
		{"none", "SELECT c.id, c.name FROM contacts c WHERE c.meta @> '{\"a\": \"?\"}' AND c.x::int > 2 -- :x"},
		{"dollar", "SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2 AND data ? 'k'"},
		{"question", "SELECT * FROM contacts WHERE tenant_id = ? AND id IN (?, ?, ?) AND name LIKE ?"},
		{"colon", "SELECT * FROM contacts WHERE tenant_id = :tenant AND id = :id AND x::int = :id"},
		{"sqlc", "SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant_id) AND id = ANY(sqlc.slice(ids))"},
		{"long", long},
	}
	for _, s := range shapes {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(s.sql)))
			for b.Loop() {
				sqlcheck.Normalize(s.sql)
			}
		})
	}
}

// TestNormalizeQuestionPerStatement checks that whether ? is a placeholder or PostgreSQL's
// jsonb operator is decided statement by statement: beside $n, @name or sqlc.arg it is the
// operator, as the driver and sqlc read it; in a statement of its own it is a placeholder.
func TestNormalizeQuestionPerStatement(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"SELECT 1 FROM t WHERE doc ? 'k' AND id = @id; SELECT 1 FROM u WHERE x = ?", "SELECT 1 FROM t WHERE doc ? 'k' AND id = $1; SELECT 1 FROM u WHERE x = $2"},
		{"SELECT 1 FROM u WHERE x = ?; SELECT 1 FROM t WHERE doc ?| array['k'] AND id = sqlc.arg(id)", "SELECT 1 FROM u WHERE x = $1; SELECT 1 FROM t WHERE doc ?| array['k'] AND id = $2"},
		{"SELECT 1 FROM t WHERE doc ? 'k' AND id = $1; SELECT 1 FROM u WHERE x = ?", "SELECT 1 FROM t WHERE doc ? 'k' AND id = $1; SELECT 1 FROM u WHERE x = $2"},
		{"SELECT 1 FROM t WHERE a = :a AND b = ?", "SELECT 1 FROM t WHERE a = $1 AND b = $2"}, // sqlx: :name compiles to ?
	}
	for _, tc := range tests {
		if got, _ := sqlcheck.Normalize(tc.in); got != tc.want {
			t.Errorf("Normalize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
