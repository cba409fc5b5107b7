package sqlcheck_test

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/tenantq/tenantq/tenantq/sqlcheck"
)

// each statement in /tmp/r3.sql separated by lines "----"
func TestR3(t *testing.T) {
	schema := mustSchema(t)
	cs, _ := sqlcheck.New(sqlcheck.Policy{Schema: schema, SharedTenants: []string{"0"}})
	cb, _ := sqlcheck.New(sqlcheck.Policy{GlobalTables: []string{"plans", "countries"}, SharedTenants: []string{"0"}})
	f := os.Getenv("R3")
	if f == "" {
		f = "/tmp/r3.sql"
	}
	data, err := os.ReadFile(f)
	if err != nil {
		t.Skip()
	}
	var cur []string
	flush := func() {
		q := strings.TrimSpace(strings.Join(cur, "\n"))
		cur = nil
		if q == "" {
			return
		}
		for _, p := range []struct {
			n string
			c *sqlcheck.Checker
		}{{"schema", cs}, {"brief", cb}} {
			st := time.Now()
			r := p.c.CheckUncached(q)
			el := time.Since(st)
			v := "SAFE"
			if !r.Safe() {
				var ss []string
				for _, x := range r.Violations {
					ss = append(ss, string(x.Rule)+" "+x.Table+"/"+x.Alias)
				}
				v = strings.Join(ss, "; ")
			}
			qq := q
			if len(qq) > 300 {
				qq = qq[:300] + "..."
			}
			t.Logf("[%s %v] %s\n    => %s  tv=%v", p.n, el.Round(time.Millisecond), qq, v, r.TenantValues)
		}
	}
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "----" {
			flush()
			continue
		}
		cur = append(cur, sc.Text())
	}
	flush()
}
