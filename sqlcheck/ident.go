package sqlcheck

import (
	"strings"
	"sync"
	"sync/atomic"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// quoteIdent writes an identifier as PostgreSQL reads it back unchanged, as its
// quote_identifier does: bare when it is lower case letters, digits, underscores and dollar
// signs not starting with a digit or dollar, and no keyword a bare name may not be; quoted
// otherwise, with quotes doubled. Hints use it, so that tenantId is written "tenantId", which
// PostgreSQL does not fold to tenantid.
func quoteIdent(name string) string {
	if bareIdent(name) {
		return name
	}
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// bareIdent reports whether name may be written without quotes.
func bareIdent(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c == '_':
		case c >= '0' && c <= '9', c == '$':
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
