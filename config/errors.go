package config

import (
	"errors"
	"strconv"
	"strings"
)

// ErrNotFound is returned, wrapped, by [Find] when no tenantq.yaml lies between the starting
// directory and the module or repository root. Test for it with [errors.Is].
var ErrNotFound = errors.New("no " + FileName + " found")

// An Error reports a problem in a configuration or schema file, with its position.
// Use [errors.As] to reach it; Unwrap gives the underlying cause, such as the YAML or
// PostgreSQL parser's error.
type Error struct {
	// File is the file's name as given to the function that read it.
	File string
	// Line is the 1-based line of the problem, or 0 when it is not known.
	Line int
	// Column is the 1-based byte column of the problem, or 0 when it is not known.
	// Configuration errors report lines only; schema parse errors report columns too.
	Column int
	// Key is the configuration key the problem is about, or "" when it is about no known key
	// (an unknown key, YAML syntax, a schema file).
	Key string
	// Err is the problem itself.
	Err error
}

// Error returns "file:line: key: message", leaving out the parts that are not known,
// or "file:line:column: message" for a schema parse error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		if e.File != "" {
			b.WriteByte(':')
		}
		b.WriteString(strconv.Itoa(e.Line))
		if e.Column > 0 {
			b.WriteByte(':')
			b.WriteString(strconv.Itoa(e.Column))
		}
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	if e.Key != "" {
		b.WriteString(e.Key)
		b.WriteString(": ")
	}
	if e.Err != nil {
		b.WriteString(e.Err.Error())
	} else {
		b.WriteString("invalid configuration")
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// causeError carries a message in our words while keeping the library error it came from
// reachable with errors.Is and errors.As.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }
