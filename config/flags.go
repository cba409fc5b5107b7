package config

import (
	"flag"
	"strings"
)

// Overrides are the changes the command line makes to every configuration a [Loader] returns:
// the -config, -tenant-column and -global flags that [Overrides.RegisterFlags] registers, and
// tenantvet sql's -schema. The zero value changes nothing.
type Overrides struct {
	// Config names the file read for every directory, instead of the nearest tenantq.yaml.
	Config string
	// TenantColumns, when not empty, replace the file's tenant_columns.
	TenantColumns []string
	// GlobalTables are added to the file's global_tables.
	GlobalTables []string
	// Schema, when not empty, replaces the file's schema. Its paths are relative to the
	// working directory.
	Schema []string
}

// RegisterFlags registers the flags every tenantvet mode shares on fs: -config, -tenant-column
// and -global, which set o's fields. -tenant-column and -global are repeatable and take
// comma-separated lists.
func (o *Overrides) RegisterFlags(fs *flag.FlagSet) {
	fs.StringVar(&o.Config, "config", "", "read the policy from `file` instead of the "+FileName+" nearest to each package or file")
	fs.Var((*listFlag)(&o.TenantColumns), "tenant-column", "tenant column `name` (repeatable or comma-separated; replaces the config's)")
	fs.Var((*listFlag)(&o.GlobalTables), "global", "global `table` holding no tenant data (repeatable or comma-separated; adds to the config's)")
}

// apply returns a copy of c with the overrides applied; Config is the caller's business.
func (o *Overrides) apply(c *Config) *Config {
	out := *c
	if len(o.TenantColumns) > 0 {
		out.TenantColumns = append([]string(nil), o.TenantColumns...)
	}
	if len(o.GlobalTables) > 0 {
		out.GlobalTables = append(append([]string(nil), c.GlobalTables...), o.GlobalTables...)
	}
	if len(o.Schema) > 0 {
		out.Schema = append([]string(nil), o.Schema...)
	}
	return &out
}

// listFlag is a repeatable, comma-separated flag: "-f a,b -f c" gives [a b c]. Empty items
// are dropped.
type listFlag []string

// String returns the items joined by commas, which Set reads back: tenantvet passes the flags
// on to go vet that way.
func (l *listFlag) String() string {
	if l == nil {
		return ""
	}
	return strings.Join(*l, ",")
}

// Set adds the comma-separated items of s.
func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}
