package ignore_test

import (
	"testing"

	"github.com/tenantq/tenantq/internal/ignore"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		parse   func(string) (ignore.Directive, bool)
		comment string
		ok      bool
		reason  string
	}{
		{"go", ignore.ParseGo, "//tenantvet:ignore admin report across tenants", true, "admin report across tenants"},
		{"go without reason", ignore.ParseGo, "//tenantvet:ignore", true, ""},
		{"go blank reason", ignore.ParseGo, "//tenantvet:ignore   \t", true, ""},
		{"go space after slashes", ignore.ParseGo, "// tenantvet:ignore reason", false, ""},
		{"go other word", ignore.ParseGo, "//tenantvet:ignored reason", false, ""},
		{"go other directive", ignore.ParseGo, "//lint:ignore SA1000 reason", false, ""},
		{"sql", ignore.ParseSQL, "-- tenantvet:ignore nightly cleanup", true, "nightly cleanup"},
		{"sql no space", ignore.ParseSQL, "--tenantvet:ignore nightly cleanup", true, "nightly cleanup"},
		{"sql without reason", ignore.ParseSQL, "-- tenantvet:ignore", true, ""},
		{"sql other comment", ignore.ParseSQL, "-- name: GetContact :one", false, ""},
		{"sql block comment", ignore.ParseSQL, "/* tenantvet:ignore x */", false, ""},
		{"sql marker later", ignore.ParseSQL, "-- see tenantvet:ignore x", false, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			d, ok := tc.parse(tc.comment)
			if ok != tc.ok || d.Reason != tc.reason {
				t.Errorf("parse(%q) = %q, %v, want %q, %v", tc.comment, d.Reason, ok, tc.reason, tc.ok)
			}
		})
	}
}

func FuzzParseSQL(f *testing.F) {
	for _, s := range []string{"-- tenantvet:ignore x", "--tenantvet:ignore", "-- tenantvet:ignored", "--", "", "-- tenantvet:ignore \xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := ignore.ParseSQL(s)
		if !ok {
			return
		}
		// A directive's reason is trimmed and comes from the comment's text.
		if d.Reason != "" && (d.Reason[0] == ' ' || d.Reason[len(d.Reason)-1] == ' ') {
			t.Errorf("ParseSQL(%q) reason %q is not trimmed", s, d.Reason)
		}
		if len(d.Reason) > len(s) {
			t.Errorf("ParseSQL(%q) reason %q longer than the comment", s, d.Reason)
		}
	})
}
