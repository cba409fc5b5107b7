// Package flagutil holds the flag types the tenantvet command and analyzer share.
package flagutil

import "strings"

// List is a repeatable, comma-separated flag: "-f a,b -f c" gives [a b c]. Empty items are
// dropped. It implements flag.Value.
type List []string

// String returns the items joined by commas.
func (l *List) String() string { return strings.Join(*l, ",") }

// Set adds the comma-separated items of s.
func (l *List) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}
