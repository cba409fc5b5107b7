package flagutil_test

import (
	"flag"
	"slices"
	"testing"

	"github.com/tenantq/tenantq/internal/flagutil"
)

func TestList(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want []string
	}{
		{"none", nil, nil},
		{"one", []string{"-f", "a"}, []string{"a"}},
		{"commas and repeats", []string{"-f", "a, b", "-f", "c,,"}, []string{"a", "b", "c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			var l flagutil.List
			fs := flag.NewFlagSet("t", flag.ContinueOnError)
			fs.Var(&l, "f", "")
			if err := fs.Parse(tc.args); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(l, tc.want) || l.String() != joined(tc.want) {
				t.Errorf("parse %q = %q (%q), want %q", tc.args, []string(l), l.String(), tc.want)
			}
		})
	}
}

func joined(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += ","
		}
		out += v
	}
	return out
}
