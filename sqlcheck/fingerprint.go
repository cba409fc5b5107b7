package sqlcheck

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// Fingerprint identifies a statement by its structure, as pg_query's fingerprint does:
// constants, placeholder spellings, white space and comments do not change it, so a statement
// keeps its fingerprint when it moves, is reformatted, or takes a value from another
// constant. Text the parser rejects, or nests deeper than [MaxDepth], or is longer than
// [MaxBytes], is identified by a hash of its words instead. Baselines of findings use it.
func Fingerprint(sql string) string {
	if len(sql) <= MaxBytes {
		if depth, _ := Nesting(sql); depth <= MaxDepth {
			if fp, err := pg.Fingerprint(normalize(sql).sql); err == nil {
				return fp
			}
		}
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(sql), " ")))
	return "h" + hex.EncodeToString(sum[:8])
}
