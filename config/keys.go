package config

import (
	"bytes"
	"encoding/json"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/tenantq/tenantq/sqlcheck"
)

// A key is a top-level key of tenantq.yaml. The list [keys] is the one declaration of the
// file's keys: the parser reads each key with its parse function and names the list in its
// unknown-key error, [JSONSchema] describes each with its doc and schema, and the golangci-lint
// plugin takes exactly these keys as its settings (it hands them to [Parse]).
type key struct {
	name string
	// doc says what the key holds, in one sentence: the JSON Schema's description.
	doc string
	// schema is the JSON Schema of the value, without its description.
	schema obj
	// parse reads a non-null value into c.
	parse func(p *parser, c *Config, key string, v *yaml.Node) error
}

// keys lists the keys in the order the documentation gives them.
var keys = []key{
	{
		name:   "version",
		doc:    "The version of this file's format. Absent means 1.",
		schema: obj{{"const", Version}},
		parse: func(p *parser, _ *Config, key string, v *yaml.Node) error {
			return p.version(key, v)
		},
	},
	{
		name:   "tenant_columns",
		doc:    "Candidate tenant column names, in order of preference.",
		schema: nonEmptyNames.with("default", []string{"tenant_id"}),
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.TenantColumns, _, err = p.names(key, v, "column name", false)
			return err
		},
	},
	{
		name: "schema",
		doc:  "A schema file or migrations directory, or a list of them read in order (as sqlc's schema key), relative to this file.",
		schema: obj{{"oneOf", []obj{
			nonEmptyString,
			nonEmptyNames,
		}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.Schema, err = p.schema(key, v)
			return err
		},
	},
	{
		name:   "global_tables",
		doc:    "Tables that hold no tenant data.",
		schema: obj{{"type", "array"}, {"items", nonEmptyString}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.GlobalTables, p.globalLines, err = p.names(key, v, "table name", true)
			return err
		},
	},
	{
		name:   "tables",
		doc:    "Per-table tenant column overrides: table name to its tenant column.",
		schema: obj{{"type", "object"}, {"propertyNames", nonEmptyString}, {"additionalProperties", nonEmptyString}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.Tables, err = p.tables(key, v)
			return err
		},
	},
	{
		name:   "unknown_tables",
		doc:    "How to treat tables the policy does not know: tenant (fail closed) or global.",
		schema: obj{{"enum", []string{"tenant", "global"}}, {"default", "tenant"}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.UnknownTables, err = p.unknownTables(key, v)
			return err
		},
	},
	{
		name: "shared_tenants",
		doc:  "Constants naming rows every tenant may read (reads only): integers and strings.",
		schema: obj{{"type", "array"}, {"items", obj{{"oneOf", []obj{
			{{"type", "integer"}},
			nonEmptyString,
		}}}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.SharedTenants, err = p.sharedTenants(key, v)
			return err
		},
	},
	{
		name:   "search_path",
		doc:    "The schema search path that resolves unqualified table names.",
		schema: nonEmptyNames.with("default", []string{"public"}),
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.SearchPath, _, err = p.names(key, v, "schema name", false)
			return err
		},
	},
	{
		name: "owners",
		doc:  "The owning foreign key of each owned-through table that has several: table name to the key's column, or list of columns.",
		schema: obj{{"type", "object"}, {"propertyNames", nonEmptyString}, {"additionalProperties", obj{{"oneOf", []obj{
			nonEmptyString,
			nonEmptyNames,
		}}}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.Owners, err = p.owners(key, v)
			return err
		},
	},
	{
		name:   "reached_through",
		doc:    "Tables every tenant sees through a link (membership) table: table name to the link's foreign key column, as link_table.column.",
		schema: obj{{"type", "object"}, {"propertyNames", nonEmptyString}, {"additionalProperties", obj{{"type", "string"}, {"pattern", `^.+\..+$`}}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.ReachedThrough, err = p.reachedThrough(key, v)
			return err
		},
	},
	{
		name:   "trust_foreign_keys",
		doc:    "Vouch that no single-column foreign key between tenant tables points into another tenant, so such keys pin. The schema cannot prove it; composite keys with the tenant column do.",
		schema: obj{{"type", "boolean"}, {"default", false}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.TrustForeignKeys, err = p.boolean(key, v)
			return err
		},
	},
	{
		name:   "sub_tenants",
		doc:    "Sub-tenant keys (nested tenants): a column name to the tenant table whose row it names, as table or table.key (project_id: projects).",
		schema: obj{{"type", "object"}, {"propertyNames", nonEmptyString}, {"additionalProperties", nonEmptyString}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.SubTenants, err = p.subTenants(key, v)
			return err
		},
	},
	{
		name: "row_level_security",
		doc:  "The database enforces the policy with row-level security too (tenantvet rls writes the policies): true, or the parameter that carries the tenant and the role Unscoped statements run as.",
		schema: obj{{"oneOf", []obj{
			{{"type", "boolean"}},
			{
				{"type", "object"},
				{"additionalProperties", false},
				{"properties", obj{
					{"setting", obj{
						{"description", "The custom parameter the policies read the tenant from."},
						{"type", "string"},
						{"pattern", `^[A-Za-z_][A-Za-z0-9_$]*(\.[A-Za-z_][A-Za-z0-9_$]*)+$`},
						{"default", sqlcheck.DefaultTenantSetting},
					}},
					{"unscoped_role", nonEmptyString.with("description", "The role Unscoped statements run as (SET LOCAL ROLE).").with("default", sqlcheck.DefaultUnscopedRole)},
				}},
			},
		}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.RowLevelSecurity, err = p.rowLevelSecurity(key, v)
			return err
		},
	},
	{
		name: "sinks",
		doc:  "The project's own functions that run SQL, for the Go analyzer.",
		schema: obj{{"type", "array"}, {"items", obj{
			{"type", "object"},
			{"additionalProperties", false},
			{"required", []string{"package", "function", "arg"}},
			{"properties", obj{
				{"package", nonEmptyString.with("description", "The import path of the package declaring the function.")},
				{"function", obj{
					{"description", "Name, Type.Method or (*Type).Method."},
					{"type", "string"},
					{"pattern", sinkFunction.String()},
				}},
				{"arg", obj{
					{"description", "The 0-based index of the SQL argument, receiver not counted."},
					{"type", "integer"},
					{"minimum", 0},
				}},
			}},
		}}},
		parse: func(p *parser, c *Config, key string, v *yaml.Node) (err error) {
			c.Sinks, err = p.sinks(key, v)
			return err
		},
	},
}

// Keys returns the names of tenantq.yaml's keys, in the order the documentation gives them.
func Keys() []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = k.name
	}
	return out
}

// SchemaURL is where the JSON Schema of tenantq.yaml is published, for the
// yaml-language-server comment at the top of a file:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/tenantq/tenantq/main/config/tenantq.schema.json
const SchemaURL = "https://raw.githubusercontent.com/tenantq/tenantq/main/config/tenantq.schema.json"

// JSONSchema returns the JSON Schema (draft 2020-12) of tenantq.yaml, made from the same
// declaration of the keys the parser reads, for editors. The module ships it as
// config/tenantq.schema.json. The parser checks more than the schema says (a table listed both
// as global and under tables, for one); the schema accepts nothing the parser rejects for its
// type or shape.
func JSONSchema() []byte {
	props := make(obj, 0, len(keys))
	for _, k := range keys {
		props = append(props, field{k.name, append(obj{{"description", k.doc}}, k.schema...)})
	}
	schema := obj{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"$id", SchemaURL},
		{"title", FileName},
		{"description", "The tenancy policy that tenantq, tenantvet and tenantvet sql read."},
		{"type", []string{"object", "null"}},
		{"additionalProperties", false},
		{"properties", props},
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(schema); err != nil {
		panic("config: the JSON Schema does not encode: " + err.Error()) // a bug in keys, caught by the tests
	}
	return b.Bytes()
}

// JSON Schema parts the keys share.
var (
	nonEmptyString = obj{{"type", "string"}, {"minLength", 1}}
	nonEmptyNames  = obj{{"type", "array"}, {"minItems", 1}, {"items", nonEmptyString}}
)

// obj is a JSON object that keeps its fields in order, so the schema reads as declared.
type obj []field

type field struct {
	name  string
	value any
}

// with returns a copy of o with one more field.
func (o obj) with(name string, value any) obj {
	return append(o[:len(o):len(o)], field{name, value})
}

// MarshalJSON writes the fields in order.
func (o obj) MarshalJSON() ([]byte, error) {
	var b strings.Builder
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(f.name)
		if err != nil {
			return nil, err
		}
		var value bytes.Buffer
		enc := json.NewEncoder(&value)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(f.value); err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(bytes.TrimSuffix(value.Bytes(), []byte("\n")))
	}
	b.WriteByte('}')
	return []byte(b.String()), nil
}
