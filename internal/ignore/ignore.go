// Package ignore parses tenantvet:ignore directives, the explicit exemptions of the tenancy
// contract: "//tenantvet:ignore reason" in Go and "-- tenantvet:ignore reason" in SQL.
package ignore

import "strings"

// Marker is the directive's name.
const Marker = "tenantvet:ignore"

// A Directive is one tenantvet:ignore comment.
type Directive struct {
	// Reason is the text after the marker, trimmed. An empty reason makes the directive malformed.
	Reason string
}

// ParseGo parses the text of a Go comment, "//" included. Like //go: and //lint: directives it
// allows no space between "//" and the marker.
func ParseGo(comment string) (Directive, bool) {
	rest, ok := strings.CutPrefix(comment, "//"+Marker)
	if !ok {
		return Directive{}, false
	}
	return parseRest(rest)
}

// ParseSQL parses the text of an SQL line comment, "--" included. Spaces may follow "--".
func ParseSQL(comment string) (Directive, bool) {
	rest, ok := strings.CutPrefix(comment, "--")
	if !ok {
		return Directive{}, false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, " \t"), Marker)
	if !ok {
		return Directive{}, false
	}
	return parseRest(rest)
}

// parseRest parses what follows the marker: nothing, or white space and the reason.
func parseRest(rest string) (Directive, bool) {
	if rest != "" && rest[0] != ' ' && rest[0] != '\t' && rest[0] != '\r' && rest[0] != '\n' {
		return Directive{}, false // another word, such as tenantvet:ignored
	}
	return Directive{Reason: strings.TrimSpace(rest)}, true
}
