package sqlcheck_test

import (
	"context"
	"testing"

	pg "github.com/pganalyze/pg_query_go/v6"

	"github.com/tenantq/tenantq/internal/testdb"
	"github.com/tenantq/tenantq/sqlcheck"
)

// TestQuoteIdentMatchesServer checks the quoting hints use against PostgreSQL's own
// quote_ident, which calls quote_identifier: for every keyword the server knows and for names
// that need quotes for another reason. A keyword the server and the checker's parser (which may
// be of another major version) classify differently is skipped and counted.
func TestQuoteIdentMatchesServer(t *testing.T) {
	pool := testdb.Open(t)
	ctx := context.Background()
	rows, err := pool.Query(ctx, "SELECT word, catcode FROM pg_get_keywords()")
	if err != nil {
		t.Fatal(err)
	}
	type kw struct{ word, cat string }
	var words []kw
	for rows.Next() {
		var k kw
		if err := rows.Scan(&k.word, &k.cat); err != nil {
			t.Fatal(err)
		}
		words = append(words, k)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(words) < 400 {
		t.Fatalf("pg_get_keywords() returned %d keywords, want the full list", len(words))
	}
	names := []string{"tenant_id", "tenantId", "TenantID", "tenantid", "t1", "1t", "_x", "a$b", "$a",
		"with space", `quo"te`, "", "é", "tenant-id", "a.b", "user_", "x_user"}
	skipped := 0
	for _, k := range words {
		if parserCategory(k.word) != k.cat {
			skipped++ // a keyword of another major version
			t.Logf("skipped %s: the server says %s, the parser %q", k.word, k.cat, parserCategory(k.word))
			continue
		}
		names = append(names, k.word, k.word+"_", "A"+k.word)
	}
	if skipped > 40 {
		t.Errorf("%d of %d keywords are classified differently by the server and the parser", skipped, len(words))
	}
	for _, name := range names {
		var want string
		if err := pool.QueryRow(ctx, "SELECT quote_ident($1)", name).Scan(&want); err != nil {
			t.Fatal(err)
		}
		if got := sqlcheck.QuoteIdent(name); got != want {
			t.Errorf("QuoteIdent(%q) = %s, PostgreSQL's quote_ident gives %s", name, got, want)
		}
	}
}

// parserCategory returns a keyword's category as pg_get_keywords() writes it (U, C, T, R), as
// the checker's parser classifies the word.
func parserCategory(word string) string {
	res, err := pg.Scan(word)
	if err != nil || len(res.Tokens) != 1 {
		return ""
	}
	switch res.Tokens[0].KeywordKind {
	case pg.KeywordKind_UNRESERVED_KEYWORD:
		return "U"
	case pg.KeywordKind_COL_NAME_KEYWORD:
		return "C"
	case pg.KeywordKind_TYPE_FUNC_NAME_KEYWORD:
		return "T"
	case pg.KeywordKind_RESERVED_KEYWORD:
		return "R"
	}
	return ""
}
