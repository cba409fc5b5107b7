package sqlcheck_test

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

func FuzzNormalize(f *testing.F) {
	// No placeholders.
	f.Add("")
	f.Add("SELECT 1")
	f.Add("SELECT * FROM contacts WHERE tenant_id = 1")
	// Each style.
	f.Add("SELECT * FROM contacts WHERE tenant_id = $1 AND id = $2")
	f.Add("SELECT * FROM contacts WHERE tenant_id = ? AND id IN (?,?,?)")
	f.Add("SELECT * FROM contacts WHERE tenant_id = :tenant AND id = :id OR x = :tenant")
	f.Add("SELECT * FROM contacts WHERE tenant_id=@tenant AND id IN (@a,@b)")
	f.Add("SELECT * FROM contacts WHERE tenant_id = sqlc.arg(tenant) AND b = SQLC.NARG( 'b' ) AND id = ANY(sqlc.slice(\"ids\"))")
	f.Add("a = $3 AND b = :b AND c = @c AND d = sqlc.arg(d) AND e = :b")
	// Operators.
	f.Add("a @> b AND b <@ a AND t @@ q AND @-@ p AND x::int = 1 AND :a::text = $1::uuid")
	f.Add("d ? 'k' AND d ?| array['a'] AND d ?& array['b'] AND d ?? 'x' AND id = ?")
	f.Add("d ? 'k' AND d ?? 'x' AND id = $1")
	f.Add("name LIKE '%'||?||'%' AND f &&?&&g")
	f.Add("arr[1:2], arr[lo:hi], arr[:hi], f(x):a, \"c\":a, a:::b, f(a := 1)")
	// Quoted strings and identifiers.
	f.Add(`SELECT '?', ':a', '@b', 'it''s ?', "?", "a"":b", "" = ?`)
	f.Add(`U&'?' B'?' X'?' N'?' U&"?" = ?`)
	f.Add("'unterminated ? :a")
	f.Add(`"unterminated ? :a`)
	// E-strings.
	f.Add(`E'\' ?' = ? AND e'\\' = :a AND '\' = @b`)
	f.Add(`namE'\' ?' = ?`)
	f.Add(`E'unterminated \' ?`)
	f.Add(`E'\`)
	// Line and nested block comments.
	f.Add("-- ? :a\n= ? -- @b\r= :c")
	f.Add("/* a /* ? */ :b */ = :c /* */ @d")
	f.Add("/* unterminated /* */ ?")
	f.Add("/*/ ? */ ? --")
	f.Add("?--?\n?/*?*/?")
	// Dollar quotes.
	f.Add("CREATE FUNCTION f() RETURNS int AS $$ SELECT ? + :x $$ LANGUAGE sql; SELECT ?")
	f.Add("$body$ :a $b$ :b $body$ = :c")
	f.Add("$1$ ? $a$ ? $a$ $_$?$_$")
	f.Add("a$$b$$ = ? AND a$1 = :x")
	f.Add("$t$ unterminated ?")
	f.Add("$? $sqlc.arg(a) ?$$ ?$$")
	// Invalid UTF-8.
	f.Add("SELECT '\xff?', \xfe ?, \xff? = :a\xfe")
	f.Add("\xff\xfe\xfd$\xff$ ? $\xff$ :a")
	f.Add("\x80@a \x80:a é:a é?")
	// Huge numbers.
	f.Add("x = $99999999999999999999999999 AND y = ?")
	f.Add("$2147483647 = :a AND ? = @b")
	f.Add("$2147483646 = :a AND :b = :c")
	f.Add("$0 = :a AND $00000000000000000000001 = ?")
	f.Add("?1 = ?0x1F AND sqlc.arg(a)2 AND 1?2")
	// Injection shapes.
	f.Add("SELECT * FROM t WHERE id = ? OR 1=1 --' AND tenant_id = ?")
	f.Add("SELECT * FROM t WHERE name = '?' ; DELETE FROM t WHERE ? /*' */ = :a")
	f.Add("x = :a'; DROP TABLE t; --")
	f.Add("x = E'\\'; DELETE FROM t; --' AND tenant_id = ?")
	f.Add("x = $$' OR 1=1 --$$ AND tenant_id = ?")
	f.Add("x = $a$$b$ ? $a$ AND ? = $b$ ?")

	f.Fuzz(func(t *testing.T, sql string) {
		if len(sql) > 4096 {
			t.Skip("bound the reference scanner's cost")
		}
		out, params := sqlcheck.Normalize(sql)
		n := sqlcheck.NormalizeInternal(sql)
		if n.SQL() != out || !slices.Equal(n.Params(), params) {
			t.Fatalf("Normalize and normalize disagree on %q", sql)
		}

		// The params are exactly the distinct $n of the output.
		ref := refScan(out)
		numbers := make([]int, len(params))
		for i, p := range params {
			numbers[i] = p.Number
			if p.Offset < 0 || p.Offset >= len(sql) || !strings.ContainsRune("$?:@sS", rune(sql[p.Offset])) {
				t.Errorf("Normalize(%q) param %+v: bad offset", sql, p)
			}
		}
		if !slices.IsSorted(numbers) || len(slices.Compact(slices.Clone(numbers))) != len(numbers) {
			t.Errorf("Normalize(%q) param numbers %v are not sorted and distinct", sql, numbers)
		}
		if !slices.Equal(numbers, ref.params) {
			t.Errorf("Normalize(%q) = %q with params %v, want the distinct $n of the output %v", sql, out, numbers, ref.params)
		}

		// Normalising again changes nothing. The one exception: ?? became ? in a statement
		// whose ? are placeholders, which reads as a placeholder the second time.
		escaped := slices.ContainsFunc(n.Edits(), func(e sqlcheck.Edit) bool { return e.N == 2 && sql[e.Off] == '?' })
		if !escaped && (len(params) > 0 || out == sql) {
			out2, params2 := sqlcheck.Normalize(out)
			numbers2 := make([]int, len(params2))
			for i, p := range params2 {
				numbers2[i] = p.Number
			}
			if out2 != out || !slices.Equal(numbers2, numbers) {
				t.Errorf("Normalize(%q) = %q %v, but Normalize(%q) = %q %v", sql, out, numbers, out, out2, numbers2)
			}
		}

		// Operators outside quotes and comments survive.
		in := refScan(sql)
		for op, count := range in.ops {
			if ref.ops[op] < count {
				t.Errorf("Normalize(%q) = %q: %d %q operators, want %d", sql, out, ref.ops[op], op, count)
			}
		}

		// Offsets map back monotonically into the original, and the text outside the
		// replacements is copied unchanged.
		edits := n.Edits()
		if (edits == nil) != (out == sql) {
			t.Errorf("normalize(%q) = %q with edits %v", sql, out, edits)
		}
		prevEnd, prevNewEnd := 0, 0
		for _, e := range edits {
			if e.Off < prevEnd || e.NewOff < prevNewEnd || e.N <= 0 || e.NewN <= 0 ||
				e.Off-prevEnd != e.NewOff-prevNewEnd || e.Off+e.N > len(sql) || e.NewOff+e.NewN > len(out) ||
				!strings.ContainsRune("?:@sS", rune(sql[e.Off])) {
				t.Fatalf("normalize(%q) = %q: bad edit %+v in %v", sql, out, e, edits)
			}
			prevEnd, prevNewEnd = e.Off+e.N, e.NewOff+e.NewN
		}
		if len(sql)-prevEnd != len(out)-prevNewEnd {
			t.Fatalf("normalize(%q) = %q: text after the last edit differs", sql, out)
		}
		prev, k := 0, 0
		for off := 0; off <= len(out); off++ {
			o := n.OrigOffset(off)
			if o < prev || o > len(sql) {
				t.Fatalf("normalize(%q).origOffset(%d) = %d after %d, len %d", sql, off, o, prev, len(sql))
			}
			prev = o
			for k < len(edits) && off >= edits[k].NewOff+edits[k].NewN {
				k++
			}
			switch {
			case k < len(edits) && off >= edits[k].NewOff:
				if o != edits[k].Off {
					t.Fatalf("normalize(%q).origOffset(%d) = %d inside edit %+v", sql, off, o, edits[k])
				}
			case off < len(out) && (o >= len(sql) || out[off] != sql[o]):
				t.Fatalf("normalize(%q) = %q: byte %d does not come from byte %d of the original", sql, out, off, o)
			}
		}
		if o := n.OrigOffset(len(out)); o != len(sql) {
			t.Errorf("normalize(%q).origOffset(%d) = %d, want %d", sql, len(out), o, len(sql))
		}
	})
}

// refResult is what refScan finds outside quotes and comments.
type refResult struct {
	params []int          // distinct numbers of $n, sorted
	ops    map[string]int // counts of @>, <@, ::, ?|
}

// Reference lexer, written independently of placeholder.go: regular expressions for the tokens,
// tried in order at each token start. Non-ASCII runes (and invalid bytes, which decode to
// U+FFFD) are identifier letters, as in PostgreSQL.
var refTokens = []*regexp.Regexp{
	regexp.MustCompile(`\A--[^\n\r]*`),
	regexp.MustCompile(`(?s)\A[eE]'(?:[^'\\]|\\.|'')*(?:'|\\?\z)`),
	regexp.MustCompile(`(?s)\A'(?:[^']|'')*'?`),
	regexp.MustCompile(`(?s)\A"(?:[^"]|"")*"?`),
	regexp.MustCompile(`\A(?:[A-Za-z_]|[^\x00-\x7F])(?:[A-Za-z0-9_$]|[^\x00-\x7F])*`),
	regexp.MustCompile(`\A[0-9][0-9_]*(?:(?:[A-Za-z_]|[^\x00-\x7F])(?:[A-Za-z0-9_$]|[^\x00-\x7F])*)?`),
}

var (
	refParam     = regexp.MustCompile(`\A\$([0-9]+)`)
	refName      = regexp.MustCompile(`\A[:@][A-Za-z_][A-Za-z0-9_]*`)
	refDollarTag = regexp.MustCompile(`\A\$(?:(?:[A-Za-z_]|[^\x00-\x7F])(?:[A-Za-z0-9_]|[^\x00-\x7F])*)?\$`)
)

func refScan(sql string) refResult {
	res := refResult{ops: map[string]int{}}
	seen := map[int]bool{}
	for i := 0; i < len(sql); {
		rest := sql[i:]
		if strings.HasPrefix(rest, "/*") {
			i = refBlockComment(sql, i)
			continue
		}
		if m := refParam.FindStringSubmatch(rest); m != nil {
			if v, err := strconv.Atoi(m[1]); err == nil && v <= math.MaxInt32 {
				seen[v] = true
			}
			i += len(m[0])
			continue
		}
		if tag := refDollarTag.FindString(rest); tag != "" {
			if end := strings.Index(sql[i+len(tag):], tag); end >= 0 {
				i += len(tag) + end + len(tag)
			} else {
				i = len(sql)
			}
			continue
		}
		// A named placeholder ends its token: in :a$$ the $$ opens a dollar quote.
		if m := refName.FindString(rest); m != "" && refNamedAfter(sql, i) {
			i += len(m)
			continue
		}
		matched := false
		for _, re := range refTokens {
			if m := re.FindString(rest); m != "" {
				i += len(m)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		switch {
		case strings.HasPrefix(rest, "::"):
			res.ops["::"]++
			i += 2
			continue
		case strings.HasPrefix(rest, "??"):
			i += 2
			continue
		case strings.HasPrefix(rest, "?|") && !strings.HasPrefix(rest, "?||"):
			res.ops["?|"]++
			i += 2
			continue
		case strings.HasPrefix(rest, "@>"):
			res.ops["@>"]++
		case strings.HasPrefix(rest, "<@"):
			res.ops["<@"]++
		}
		i++
	}
	for v := range seen {
		res.params = append(res.params, v)
	}
	slices.Sort(res.params)
	return res
}

// refNamedAfter reports whether the :name or @name at i may follow the byte before it.
func refNamedAfter(sql string, i int) bool {
	if i == 0 {
		return true
	}
	prev := sql[i-1]
	if sql[i] == ':' {
		return prev < 0x80 && !strings.ContainsRune("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$:])\"", rune(prev))
	}
	return strings.ContainsRune(" \t\n\r\f\v(,=[", rune(prev))
}

// refBlockComment returns the end of the nested block comment starting at i.
func refBlockComment(sql string, i int) int {
	depth := 0
	for {
		open := strings.Index(sql[i:], "/*")
		end := strings.Index(sql[i:], "*/")
		switch {
		case end < 0:
			return len(sql)
		case open >= 0 && open < end:
			depth++
			i += open + 2
		default:
			depth--
			i += end + 2
			if depth == 0 {
				return i
			}
		}
	}
}
