// Package config reads tenantq.yaml, a project's tenancy policy, and the schema it names.
//
// Tools find the file with [Find], starting in the working directory and walking up to the
// module or repository root, read it with [Load], and turn it into a [sqlcheck.Policy] with
// [Config.Policy], which also reads the schema:
//
//	cfg := config.Default()
//	path, err := config.Find(".")
//	if errors.Is(err, config.ErrNotFound) {
//		// no file: keep the defaults
//	} else if err != nil {
//		return err
//	} else if cfg, err = config.Load(path); err != nil {
//		return err
//	}
//	policy, err := cfg.Policy()
//
// A [Loader] does all of that for each directory a tool checks, caches one configuration and
// checker per file, and applies the command line's [Overrides], which
// [Overrides.RegisterFlags] registers as the -config, -tenant-column and -global flags. The
// tenantvet analyzer, tenantvet sql and the golangci-lint plugin load through it:
//
//	var o config.Overrides
//	o.RegisterFlags(flag.CommandLine)
//	flag.Parse()
//	loader := config.NewLoader(o)
//	cfg, checker, err := loader.Load(dir)
//
// # File format
//
// tenantq.yaml is a YAML map. Its first line lets editors that read JSON Schema (the YAML
// language server) complete and check the keys, with the schema [JSONSchema] makes. Every key
// is optional and an empty file gives the defaults:
//
//	# yaml-language-server: $schema=https://raw.githubusercontent.com/tenantq/tenantq/main/config/tenantq.schema.json
//
//	# The version of the format. Absent means 1; any other value is an error.
//	version: 1
//
//	# Candidate tenant column names, in order of preference. Default: [tenant_id].
//	tenant_columns: [tenant_id, account_id]
//
//	# The database schema: a .sql file, or a directory of migrations, relative to this file;
//	# or a list of them, read in order.
//	# Tables with a tenant column are tenant-scoped, the others global.
//	schema: db/migrations
//
//	# Tables that hold no tenant data.
//	global_tables: [plans, countries]
//
//	# Tables whose tenant column is not one of tenant_columns.
//	tables:
//	  teams: id
//	  audit.events: org_id
//
//	# How to treat a table mentioned nowhere above: tenant (the default) or global.
//	unknown_tables: tenant
//
//	# Tenant values every tenant may read: integers and strings.
//	shared_tenants: [0, shared]
//
//	# The schema search path for unqualified table names. Default: [public].
//	search_path: [public]
//
//	# The owning foreign key of a table without a tenant column that has several foreign
//	# keys to tenant tables: table name to the key's column or columns.
//	owners:
//	  shipments: order_id
//
//	# Tables every tenant sees through a link (membership) table's foreign key column.
//	reached_through:
//	  users: users_accounts.user_id
//
//	# Vouch that no single-column foreign key between tenant tables points into another
//	# tenant, so such keys pin. Default: false; composite keys with the tenant column pin anyway.
//	trust_foreign_keys: false
//
//	# Sub-tenant keys (nested tenants): a column naming a row of a tenant table, as
//	# "table" (its one-column primary key) or "table.key".
//	sub_tenants:
//	  project_id: projects
//
//	# The database enforces the policy with row-level security too, as "tenantvet rls"
//	# writes it: true, or the parameter that carries the tenant (default tenantq.tenant)
//	# and the role Unscoped statements run as (default tenantq_unscoped).
//	row_level_security:
//	  setting: tenantq.tenant
//	  unscoped_role: tenantq_unscoped
//
//	# Your own functions that run SQL, for the tenantvet analyzer: the import path, the
//	# function (Name, Type.Method or (*Type).Method) and the 0-based SQL argument.
//	sinks:
//	  - package: example.com/app/store
//	    function: (*Store).Run
//	    arg: 1
//
// Table names are written as PostgreSQL stores them (unquoted names in lower case), with an
// optional schema: "audit.events". An unknown key, a value of the wrong type, an empty string,
// a duplicate key or a bad value is an [*Error] naming the file, the line and the key:
//
//	tenantq.yaml:3: unknown key "tenant_column" (known keys: version, tenant_columns, schema, global_tables, tables, unknown_tables, shared_tenants, search_path, owners, reached_through, trust_foreign_keys, sub_tenants, row_level_security, sinks)
//	tenantq.yaml:5: unknown_tables: "maybe" is neither "tenant" nor "global"
//
// # Schema
//
// [ReadSchema] and [ParseSchema] follow the DDL of a schema dump or a directory of migrations
// (plain, golang-migrate, goose or dbmate layouts) with the PostgreSQL parser, and record each
// table's columns. Statements other than table DDL are ignored.
//
// The functions of this package are safe for concurrent use.
package config
