package sqlcheck

import (
	"errors"
	"strconv"
	"strings"
)

var (
	// ErrUnsafe matches, with [errors.Is], every [*ViolationError]: the SQL is not tenant-safe.
	ErrUnsafe = errors.New("statement is not tenant-safe")
	// ErrPolicy is wrapped by the errors [New] returns for an invalid [Policy].
	ErrPolicy = errors.New("invalid tenancy policy")
)

// A ViolationError is returned when SQL breaks the tenancy contract. It lists every violation.
// Use [errors.As] to reach it and [errors.Is] with [ErrUnsafe] to test for it.
type ViolationError struct {
	// SQL is the text that was checked.
	SQL string
	// Violations lists every violation, in the order of their position in SQL.
	Violations []Violation
}

// Error returns the single violation, or a summary line followed by one indented line each.
func (e *ViolationError) Error() string {
	if len(e.Violations) == 1 {
		return e.Violations[0].String()
	}
	var b strings.Builder
	b.WriteString("statement is not tenant-safe: ")
	b.WriteString(strconv.Itoa(len(e.Violations)))
	b.WriteString(" violations")
	for _, v := range e.Violations {
		b.WriteString("\n\t")
		b.WriteString(v.String())
	}
	return b.String()
}

// Is reports whether target is [ErrUnsafe].
func (e *ViolationError) Is(target error) bool { return target == ErrUnsafe }

// An AmbiguousOwnersError is the error [New] returns for a schema whose tables without a
// tenant column have several foreign keys to tenant-owned tables, and no owner named for them
// ([Policy.Owners]). It wraps [ErrPolicy].
type AmbiguousOwnersError struct {
	// Candidates maps each such table to its candidate owning keys.
	Candidates map[string][]ForeignKey
	msg        string
}

func (e *AmbiguousOwnersError) Error() string { return ErrPolicy.Error() + ": " + e.msg }

// Unwrap returns [ErrPolicy].
func (e *AmbiguousOwnersError) Unwrap() error { return ErrPolicy }
