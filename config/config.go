package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tenantq/tenantq/sqlcheck"
)

// FileName is the name of the configuration file [Find] looks for.
const FileName = "tenantq.yaml"

// Config is the content of a tenantq.yaml file, validated, with defaults filled in and the
// schema path resolved. [Default], [Load] and [Parse] return one. The zero Config has no tenant
// columns and no search path, which [Config.Policy] passes on as empty lists, so the policy
// falls back to sqlcheck's defaults: it behaves like [Default]. A Config is safe for concurrent
// reads.
type Config struct {
	// Path is the file the configuration came from, "" for [Default].
	Path string
	// TenantColumns are the candidate tenant column names, in order of preference.
	// Never empty: the default is ["tenant_id"].
	TenantColumns []string
	// Schema lists the schema files and migrations directories, read in order (sqlc's schema
	// list reads the same way); nil when none is configured. A relative path in the file is
	// resolved against the file's directory: each path is absolute, or relative to the current
	// directory as Path is.
	Schema []string
	// GlobalTables lists tables that hold no tenant data.
	GlobalTables []string
	// Tables maps a table to its tenant column, overriding TenantColumns and the schema.
	// It is nil when the file lists none.
	Tables map[string]string
	// UnknownTables says how to treat tables the configuration and schema do not mention.
	UnknownTables sqlcheck.UnknownTables
	// SharedTenants are constants every tenant may read, as SQL literal text: an integer
	// ("0", "-1") or a quoted string ("'shared'", quotes inside doubled).
	SharedTenants []string
	// SearchPath is the schema search path. Never empty: the default is ["public"].
	SearchPath []string
	// Owners names the owning foreign key (its columns) of owned-through tables that have
	// several candidates; see [sqlcheck.Policy.Owners]. Nil when the file names none.
	Owners map[string][]string
	// ReachedThrough declares the tables reached through a link table; see
	// [sqlcheck.Policy.ReachedThrough]. Nil when the file declares none.
	ReachedThrough map[string]sqlcheck.Link
	// TrustForeignKeys vouches for single-column foreign keys between tenant tables; see
	// [sqlcheck.Policy.TrustForeignKeys].
	TrustForeignKeys bool
	// SubTenants are the sub-tenant keys (nested tenants); see [sqlcheck.Policy.SubTenants].
	SubTenants []sqlcheck.SubTenant
	// RowLevelSecurity, when not nil, says the database enforces the policy with row-level
	// security too; see [sqlcheck.Policy.RowLevelSecurity].
	RowLevelSecurity *sqlcheck.RowLevelSecurity
	// fsys is where Schema is read from: nil for the operating system's files, the fs.FS
	// given to LoadFS otherwise.
	fsys fs.FS
	// Sinks are the team's own functions that run SQL, for the tenantvet analyzer. It finds
	// database/sql, pgx, sqlx, gorm, bun and DBTX-style calls, and wrappers of them, by itself.
	Sinks []Sink
}

// A Sink is a function or method that runs the SQL passed in one of its arguments, listed under
// "sinks" in tenantq.yaml:
//
//	sinks:
//	  - package: example.com/app/store
//	    function: (*Store).Run
//	    arg: 1
type Sink struct {
	// Package is the import path of the package declaring the function.
	Package string
	// Function is a package-level function name ("Run"), or a method as "Type.Method" or
	// "(*Type).Method"; both forms match the method whatever its receiver. Methods of
	// interfaces are written "Interface.Method".
	Function string
	// Arg is the 0-based index of the SQL argument, not counting the receiver.
	Arg int
	// Line is the line of the entry in the configuration file, 0 when it was not read from one.
	Line int
}

// Default returns the configuration used when there is no file: tenant column "tenant_id",
// search path "public", unknown tables tenant-scoped, no schema.
func Default() *Config {
	return &Config{
		TenantColumns: []string{sqlcheck.DefaultTenantColumn},
		SearchPath:    []string{"public"},
	}
}

// Find looks for tenantq.yaml in dir, then in its parents. It stops after the first directory
// that holds go.mod or .git (that directory is searched), or at the filesystem root, and then
// returns an error wrapping [ErrNotFound]. The path returned is absolute.
// Other errors come from the file system (a directory that cannot be read, for example).
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find %s: %w", FileName, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		fi, err := os.Stat(p)
		switch {
		case err == nil && !fi.IsDir():
			return p, nil
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return "", fmt.Errorf("find %s: %w", FileName, err)
		}
		if exists(filepath.Join(d, "go.mod")) || exists(filepath.Join(d, ".git")) {
			return "", fmt.Errorf("%w in %s or its parents up to %s", ErrNotFound, abs, d)
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%w in %s or its parents", ErrNotFound, abs)
		}
		d = parent
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// LoadFS reads and validates the configuration file name of fsys, such as an [embed.FS], as
// [Load] does; its schema paths are read from fsys too. This lets a program embed the
// tenantq.yaml and schema that tenantvet reads, so the runtime policy and the linter's come
// from one file:
//
//	//go:embed tenantq.yaml db/migrations
//	var policyFiles embed.FS
//
//	cfg, err := config.LoadFS(policyFiles, "tenantq.yaml")
//	...
//	policy, err := cfg.Policy()
//	...
//	tenancy, err := tenantq.New(*policy)
func LoadFS(fsys fs.FS, name string) (*Config, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	c, err := Parse(name, data)
	if err != nil {
		return nil, err
	}
	for i, s := range c.Schema {
		c.Schema[i] = filepath.ToSlash(s)
	}
	c.fsys = fsys
	return c, nil
}

// Load reads and validates the configuration file at path.
// A file that cannot be read gives the [os.ReadFile] error, wrapped; an invalid file gives an
// [*Error] naming the file, line and key, as [Parse] does.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// Parse validates data as the content of a configuration file. name is used in errors and as
// [Config.Path], and a relative schema path is resolved against filepath.Dir(name).
// An empty file is valid and gives the defaults. Every error is an [*Error] naming the file,
// the line and, for a problem with a known key, the key.
func Parse(name string, data []byte) (*Config, error) {
	p := &parser{file: name}
	c := Default()
	c.Path = name
	root, err := p.document(data)
	if err != nil {
		return nil, err
	}
	if root == nil {
		return c, nil
	}
	if err := p.settings(c, root); err != nil {
		return nil, err
	}
	return c, nil
}

// Policy returns the tenancy policy the configuration describes. When Schema is set it reads
// the schema with [ReadSchema] and returns its errors. The Policy shares nothing with c.
func (c *Config) Policy() (*sqlcheck.Policy, error) {
	p := &sqlcheck.Policy{
		TenantColumns:    slices.Clone(c.TenantColumns),
		Tables:           maps.Clone(c.Tables),
		GlobalTables:     slices.Clone(c.GlobalTables),
		UnknownTables:    c.UnknownTables,
		SharedTenants:    slices.Clone(c.SharedTenants),
		SearchPath:       slices.Clone(c.SearchPath),
		ReachedThrough:   maps.Clone(c.ReachedThrough),
		TrustForeignKeys: c.TrustForeignKeys,
		SubTenants:       slices.Clone(c.SubTenants),
	}
	if c.RowLevelSecurity != nil {
		r := *c.RowLevelSecurity
		p.RowLevelSecurity = &r
	}
	for t, cols := range c.Owners {
		if p.Owners == nil {
			p.Owners = map[string][]string{}
		}
		p.Owners[t] = slices.Clone(cols)
	}
	if len(c.Schema) > 0 && c.fsys != nil {
		tables, err := ReadSchemaFS(c.fsys, c.Schema...)
		if err != nil {
			return nil, err
		}
		p.Schema = tables
	} else if len(c.Schema) > 0 {
		tables, err := ReadSchema(c.Schema...)
		if err != nil {
			return nil, c.schemaError(err)
		}
		p.Schema = tables
	}
	return p, nil
}

// schemaError returns err, from reading the schema, as an [*Error] at the line of the
// configuration file that names the path it is about, when it is about a path of the file that
// does not exist or cannot be read: the path alone does not say which tenantq.yaml to fix. The
// lines are read again from the file, on this error path only, so that a Config stays a plain
// value.
func (c *Config) schemaError(err error) error {
	var pe *fs.PathError
	if c.Path == "" || !errors.As(err, &pe) {
		return err
	}
	data, rerr := os.ReadFile(c.Path)
	if rerr != nil {
		return err
	}
	p := &parser{file: c.Path}
	root, perr := p.document(data)
	if perr != nil || root == nil || p.settings(Default(), root) != nil {
		return err
	}
	for path, line := range p.schemaLines {
		if slices.Contains(c.Schema, path) && (pe.Path == path || strings.HasPrefix(pe.Path, path+string(filepath.Separator))) {
			return &Error{File: c.Path, Line: line, Key: "schema", Err: err}
		}
	}
	return err
}

// Version is the version of the tenantq.yaml format this package reads. A file without a
// version key is version 1.
const Version = 1

// parser walks the YAML node tree of one file, so that every error has a line.
type parser struct {
	file string
	// seen holds the line of each key read so far.
	seen map[string]int
	// globalLines holds the line of each GlobalTables item, for the overlap check.
	globalLines []int
	// schemaLines holds the line of each schema path, for Config.schemaError.
	schemaLines map[string]int
}

func (p *parser) errorf(line int, key, format string, args ...any) error {
	return &Error{File: p.file, Line: line, Key: key, Err: fmt.Errorf(format, args...)}
}

// yamlLine matches the position prefix of go.yaml.in/yaml/v3's syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// document parses data and returns the top-level mapping, or nil for an empty document.
func (p *parser) document(data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, p.syntax(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return nil, p.errorf(next.Line, "", "want one YAML document, found more")
	case !errors.Is(err, io.EOF):
		return nil, p.syntax(err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return nil, nil
		}
		root = root.Content[0]
	}
	root = resolve(root)
	if isNull(root) {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, p.errorf(root.Line, "", "want a map of settings, not %s", describe(root))
	}
	return root, nil
}

// syntax turns a YAML syntax error into an *Error with the line the library reports.
func (p *parser) syntax(err error) error {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	return &Error{File: p.file, Line: line, Err: &causeError{msg: "invalid YAML: " + msg, cause: err}}
}

// settings fills c from the top-level mapping, reading each key as its entry in [keys] says.
func (p *parser) settings(c *Config, root *yaml.Node) error {
	p.seen = make(map[string]int)
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := resolve(root.Content[i]), resolve(root.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			if k.ShortTag() == "!!merge" {
				return p.errorf(k.Line, "", "merge keys (<<) are not supported")
			}
			return p.errorf(k.Line, "", "want a key name, not %s", describe(k))
		}
		name := k.Value
		i := slices.IndexFunc(keys, func(k key) bool { return k.name == name })
		if i < 0 {
			return p.errorf(k.Line, "", "unknown key %q (known keys: %s)", name, strings.Join(Keys(), ", "))
		}
		if first, dup := p.seen[name]; dup {
			return p.errorf(k.Line, name, "duplicate key (first on line %d)", first)
		}
		p.seen[name] = k.Line
		if isNull(v) {
			continue // an empty value leaves the default
		}
		if err := keys[i].parse(p, c, name, v); err != nil {
			return err
		}
	}
	for i, name := range c.GlobalTables {
		if _, ok := c.Tables[name]; ok {
			return p.errorf(p.globalLines[i], "global_tables", "%q is also listed under tables (line %d)", name, p.seen["tables"])
		}
	}
	return nil
}

// version checks the version key.
func (p *parser) version(key string, v *yaml.Node) error {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || v.Value != strconv.Itoa(Version) {
		return p.errorf(v.Line, key, "version %s is not supported: this tenantvet reads version %d", v.Value, Version)
	}
	return nil
}

// schema reads one path, or a list of paths as sqlc's schema key takes, each resolved against
// the file's directory.
func (p *parser) schema(key string, v *yaml.Node) ([]string, error) {
	var paths []string
	var lines []int
	var err error
	if v.Kind == yaml.SequenceNode {
		paths, lines, err = p.names(key, v, "path", false)
	} else {
		var one string
		one, err = p.name(key, v, "a path or a list of paths")
		paths, lines = []string{one}, []int{v.Line}
	}
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(paths))
	p.schemaLines = make(map[string]int, len(paths))
	for i, s := range paths {
		s = filepath.FromSlash(s)
		if !filepath.IsAbs(s) {
			s = filepath.Join(filepath.Dir(p.file), s)
		}
		out = append(out, s)
		if i < len(lines) {
			p.schemaLines[s] = lines[i]
		}
	}
	return out, nil
}

// name reads a non-empty string; what names it in errors ("a path").
func (p *parser) name(key string, v *yaml.Node, what string) (string, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
		return "", p.errorf(v.Line, key, "want %s, not %s", what, describe(v))
	}
	if v.Value == "" {
		return "", p.errorf(v.Line, key, "want %s, not an empty string", what)
	}
	return v.Value, nil
}

// names reads a list of non-empty strings and the line of each. An empty list is an error
// unless emptyOK.
func (p *parser) names(key string, v *yaml.Node, what string, emptyOK bool) ([]string, []int, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, nil, p.errorf(v.Line, key, "want a list of %ss, not %s", what, describe(v))
	}
	if len(v.Content) == 0 {
		if emptyOK {
			return nil, nil, nil
		}
		return nil, nil, p.errorf(v.Line, key, "want at least one %s, not an empty list", what)
	}
	out := make([]string, 0, len(v.Content))
	lines := make([]int, 0, len(v.Content))
	for i, item := range v.Content {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode || item.ShortTag() != "!!str" {
			return nil, nil, p.errorf(item.Line, key, "item %d: want a %s, not %s", i+1, what, describe(item))
		}
		if item.Value == "" {
			return nil, nil, p.errorf(item.Line, key, "item %d: want a %s, not an empty string", i+1, what)
		}
		out = append(out, item.Value)
		lines = append(lines, item.Line)
	}
	return out, lines, nil
}

// tables reads the map of table name to tenant column.
func (p *parser) tables(key string, v *yaml.Node) (map[string]string, error) {
	if v.Kind != yaml.MappingNode {
		return nil, p.errorf(v.Line, key, "want a map of table name to column name, not %s", describe(v))
	}
	if len(v.Content) == 0 {
		return nil, nil
	}
	out := make(map[string]string, len(v.Content)/2)
	lines := make(map[string]int, len(v.Content)/2)
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, col := resolve(v.Content[i]), resolve(v.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			return nil, p.errorf(k.Line, key, "want a table name, not %s", describe(k))
		}
		if k.Value == "" {
			return nil, p.errorf(k.Line, key, "want a table name, not an empty string")
		}
		if first, dup := lines[k.Value]; dup {
			return nil, p.errorf(k.Line, key, "duplicate table %q (first on line %d)", k.Value, first)
		}
		lines[k.Value] = k.Line
		if col.Kind != yaml.ScalarNode || col.ShortTag() != "!!str" {
			return nil, p.errorf(col.Line, key, "%q: want a column name, not %s", k.Value, describe(col))
		}
		if col.Value == "" {
			return nil, p.errorf(col.Line, key, "%q: want a column name, not an empty string", k.Value)
		}
		out[k.Value] = col.Value
	}
	return out, nil
}

func (p *parser) unknownTables(key string, v *yaml.Node) (sqlcheck.UnknownTables, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
		return 0, p.errorf(v.Line, key, "want \"tenant\" or \"global\", not %s", describe(v))
	}
	switch v.Value {
	case "tenant":
		return sqlcheck.UnknownTenant, nil
	case "global":
		return sqlcheck.UnknownGlobal, nil
	}
	return 0, p.errorf(v.Line, key, "%q is neither \"tenant\" nor \"global\"", v.Value)
}

// sharedTenants reads a list of integers and strings as SQL literal text.
func (p *parser) sharedTenants(key string, v *yaml.Node) ([]string, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v.Line, key, "want a list of integers and strings, not %s", describe(v))
	}
	var out []string
	for i, item := range v.Content {
		item = resolve(item)
		bad := func() error {
			return p.errorf(item.Line, key, "item %d: want an integer or a string, not %s", i+1, describe(item))
		}
		if item.Kind != yaml.ScalarNode {
			return nil, bad()
		}
		switch item.ShortTag() {
		case "!!str":
			if item.Value == "" {
				return nil, p.errorf(item.Line, key, "item %d: want an integer or a string, not an empty string", i+1)
			}
			out = append(out, "'"+strings.ReplaceAll(item.Value, "'", "''")+"'")
		case "!!int":
			var n int64
			if err := item.Decode(&n); err == nil {
				out = append(out, strconv.FormatInt(n, 10))
				break
			}
			var u uint64
			if err := item.Decode(&u); err != nil {
				return nil, p.errorf(item.Line, key, "item %d: integer %s is out of range", i+1, item.Value)
			}
			out = append(out, strconv.FormatUint(u, 10))
		default:
			return nil, bad()
		}
	}
	return out, nil
}

// sinkFunction matches Sink.Function: Name, Type.Method or (*Type).Method.
// The JSON Schema repeats it as its pattern, so it keeps to the syntax both Go and
// ECMAScript read.
var sinkFunction = regexp.MustCompile(`^(?:[\p{L}_][\p{L}\p{N}_]*|\(\*[\p{L}_][\p{L}\p{N}_]*\)\.[\p{L}_][\p{L}\p{N}_]*|[\p{L}_][\p{L}\p{N}_]*\.[\p{L}_][\p{L}\p{N}_]*)$`)

// sinks reads the list of sink functions.
func (p *parser) sinks(key string, v *yaml.Node) ([]Sink, error) {
	if v.Kind != yaml.SequenceNode {
		return nil, p.errorf(v.Line, key, "want a list of sinks (package, function, arg), not %s", describe(v))
	}
	var out []Sink
	for i, item := range v.Content {
		item = resolve(item)
		if item.Kind != yaml.MappingNode {
			return nil, p.errorf(item.Line, key, "item %d: want a map with package, function and arg, not %s", i+1, describe(item))
		}
		s := Sink{Arg: -1, Line: item.Line}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, val := resolve(item.Content[j]), resolve(item.Content[j+1])
			if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
				return nil, p.errorf(k.Line, key, "item %d: want a key name, not %s", i+1, describe(k))
			}
			var err error
			switch k.Value {
			case "package":
				s.Package, err = p.name(key, val, "an import path")
			case "function":
				if s.Function, err = p.name(key, val, "a function name"); err == nil && !sinkFunction.MatchString(s.Function) {
					err = p.errorf(val.Line, key, "item %d: function %q is not Name, Type.Method or (*Type).Method", i+1, s.Function)
				}
			case "arg":
				if val.Kind != yaml.ScalarNode || val.ShortTag() != "!!int" || val.Decode(&s.Arg) != nil || s.Arg < 0 {
					err = p.errorf(val.Line, key, "item %d: arg: want the 0-based index of the SQL argument, not %s", i+1, val.Value)
				}
			default:
				err = p.errorf(k.Line, key, "item %d: unknown key %q (known keys: package, function, arg)", i+1, k.Value)
			}
			if err != nil {
				return nil, err
			}
		}
		switch {
		case s.Package == "":
			return nil, p.errorf(item.Line, key, "item %d: package is missing", i+1)
		case s.Function == "":
			return nil, p.errorf(item.Line, key, "item %d: function is missing", i+1)
		case s.Arg < 0:
			return nil, p.errorf(item.Line, key, "item %d: arg is missing", i+1)
		}
		out = append(out, s)
	}
	return out, nil
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; i < 8 && n.Kind == yaml.AliasNode && n.Alias != nil; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n.Kind == 0 || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// describe names a node's type for an error message: "a list", "an integer".
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a map"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.DocumentNode:
		return "a document"
	}
	switch tag := n.ShortTag(); tag {
	case "!!str":
		return "a string"
	case "!!int":
		return "an integer"
	case "!!float":
		return "a number"
	case "!!bool":
		return "a boolean"
	case "!!null":
		return "null"
	case "!!timestamp":
		return "a timestamp"
	case "!!binary":
		return "binary data"
	default:
		return "a value tagged " + tag
	}
}
