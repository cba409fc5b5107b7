package sqltext

import "strings"

// LineCol returns the 1-based line and byte column of the byte offset off in text, clamped to
// the text. Lines end at line feeds.
func LineCol(text string, off int) (line, col int) {
	off = max(0, min(off, len(text)))
	before := text[:off]
	return 1 + strings.Count(before, "\n"), off - strings.LastIndexByte(before, '\n')
}
