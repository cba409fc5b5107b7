package sqlcheck

import (
	"strings"
	"sync"
	"sync/atomic"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// quoteIdent writes an identifier as PostgreSQL reads it back unchanged, exactly as its
// quote_identifier (SQL: quote_ident) does: bare when it is lower case ASCII letters, digits and
// underscores, not starting with a digit, and not a keyword other than an unreserved one (the
// parser's scanner tells); quoted otherwise, with quotes doubled. A dollar sign is quoted too,
// though PostgreSQL would read a$b bare. Hints use it, so that tenantId is written "tenantId",
// which PostgreSQL does not fold to tenantid. TestQuoteIdentMatchesServer compares it with
// the server's.
func quoteIdent(name string) string {
	if bareIdent(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteIdent writes an identifier as PostgreSQL reads it back unchanged: bare when it may
// be (lower case letters, digits and underscores, not a reserved keyword), in double quotes
// otherwise, as PostgreSQL's quote_ident does.
func QuoteIdent(name string) string { return quoteIdent(name) }

// bareIdent reports whether name may be written without quotes.
func bareIdent(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c == '_':
		case c >= '0' && c <= '9':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	if bare, ok := bareCache.Load(name); ok {
		return bare.(bool)
	}
	res, err := pg.Scan(name)
	bare := err == nil && len(res.Tokens) == 1 &&
		(res.Tokens[0].KeywordKind == pg.KeywordKind_NO_KEYWORD || res.Tokens[0].KeywordKind == pg.KeywordKind_UNRESERVED_KEYWORD)
	if bareCacheSize.Add(1) <= maxBareCache {
		bareCache.Store(name, bare)
	}
	return bare
}

// bareCache remembers what the parser's scanner said of a name (a cgo call), for the names a
// schema has: at most maxBareCache of them, whatever the input.
var (
	bareCache     sync.Map
	bareCacheSize atomic.Int64
)

const maxBareCache = 4096

// quoteQualified quotes each part of a dotted name: schema.table.
func quoteQualified(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = quoteIdent(p)
	}
	return strings.Join(parts, ".")
}
