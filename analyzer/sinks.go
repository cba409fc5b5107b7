package analyzer

import (
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// A sinkKind says what a sink does with its SQL argument.
type sinkKind uint8

const (
	// sqlSink runs its argument as a whole SQL text.
	sqlSink sinkKind = iota
	// fragmentSink composes its argument into a statement it builds itself (gorm's Where).
	fragmentSink
	// copySink copies rows into the table its argument names (pgx's CopyFrom).
	copySink
	// builderSink runs a statement that a library builds from its receiver (squirrel's
	// RunWith(db).Query(), gorm's Find, bun's Scan) or from a Sqlizer argument (squirrel's
	// QueryWith): accepted only when that argument is a tenantq builder.
	builderSink
)

// A sink is a call that runs SQL.
type sink struct {
	name string // the callee as messages name it: (*pgxpool.Pool).Query
	lib  string // the library that composes fragments or builds statements: gorm, bun, squirrel
	args []int  // indexes of the SQL arguments in the SSA call's Args (one but for wrappers)
	kind sinkKind
	// names is set for pgx, whose Exec, Query and QueryRow also take the name of a statement
	// prepared earlier: a bare identifier is such a name, not SQL to check.
	names bool
}

// Method names of the database/sql API, which sqlc's DBTX and many wrappers copy.
var stdNames = names("Exec", "Query", "QueryRow", "Prepare", "ExecContext", "QueryContext",
	"QueryRowContext", "PrepareContext")

// sqlxNames are sqlx's additions, as methods and as package functions.
var sqlxNames = names("Queryx", "QueryRowx", "Select", "Get", "MustExec", "NamedExec", "NamedQuery",
	"Preparex", "PrepareNamed", "QueryxContext", "QueryRowxContext", "SelectContext", "GetContext",
	"MustExecContext", "NamedExecContext", "NamedQueryContext", "PreparexContext", "PrepareNamedContext")

// pgconnNames are the methods of pgx's low-level *pgconn.PgConn that take SQL text (COPY
// statements included, which the checker judges).
var pgconnNames = names("Exec", "ExecParams", "Prepare", "CopyFrom", "CopyTo")

// driver describes the sinks of one database package.
type driver struct {
	lib      string          // the package's name in messages
	sql      map[string]bool // methods and functions whose string argument is SQL
	fragment map[string]bool // methods whose string argument is part of a statement
	copy     bool            // CopyFrom is a copySink
	names    bool            // SQL arguments may name prepared statements (pgx)
	// builder lists the methods and functions that run a statement the package builds, and
	// builderTypes, when set, the receiver types whose methods those are.
	builder      map[string]bool
	builderTypes map[string]bool
}

// squirrelRunners run the statement a squirrel builder renders: its methods after RunWith, and
// the package functions that take a Sqlizer.
var squirrelRunners = names("Exec", "Query", "QueryRow", "Scan", "ExecContext", "QueryContext",
	"QueryRowContext", "ScanContext", "ExecWith", "QueryWith", "QueryRowWith", "ExecContextWith",
	"QueryContextWith", "QueryRowContextWith")

// drivers lists the database packages by import path. Their methods are matched by name and
// shape (sqlArg), so every type of the package is covered: *sql.DB, *sql.Tx and *sql.Conn,
// pgx's *Conn and Tx interface, pgxpool's *Pool, *Conn and *Tx, sqlx's types and so on.
var drivers = map[string]driver{
	"database/sql": {sql: stdNames},
	// database/sql/driver: what a function given the driver's connection by (*sql.Conn).Raw
	// can call.
	"database/sql/driver":             {sql: names("Exec", "Query", "Prepare", "ExecContext", "QueryContext", "PrepareContext")},
	"github.com/jackc/pgx/v5":         {sql: union(stdNames, names("Queue")), copy: true, names: true},
	"github.com/jackc/pgx/v5/pgxpool": {sql: stdNames, copy: true, names: true},
	"github.com/jackc/pgx/v5/pgconn":  {sql: pgconnNames},
	"github.com/jackc/pgx/v4":         {sql: union(stdNames, names("Queue", "QueryFunc")), copy: true, names: true},
	"github.com/jackc/pgx/v4/pgxpool": {sql: union(stdNames, names("QueryFunc")), copy: true, names: true},
	"github.com/jackc/pgconn":         {sql: pgconnNames},
	"github.com/jmoiron/sqlx":         {sql: union(stdNames, sqlxNames), builder: names("LoadFile", "LoadFileContext"), lib: "sqlx"},
	"github.com/uptrace/bun": {
		lib: "bun",
		sql: union(stdNames, names("NewRaw")),
		// The fragments that decide which rows and tables a statement reaches; the statement
		// itself is reported where it runs (builder).
		fragment:     names("Where", "WhereOr", "TableExpr", "ModelTableExpr", "Join", "JoinOn", "JoinOnOr"),
		builder:      names("Exec", "Scan", "Count", "ScanAndCount", "Exists", "Rows"),
		builderTypes: names("SelectQuery", "InsertQuery", "UpdateQuery", "DeleteQuery", "MergeQuery", "TruncateTableQuery"),
	},
	"gorm.io/gorm": {
		lib:      "gorm",
		sql:      names("Raw", "Exec"),
		fragment: names("Where", "Or", "Not", "Joins", "InnerJoins", "Table"),
		builder: names("Create", "CreateInBatches", "Save", "First", "Take", "Last", "Find", "FindInBatches",
			"FirstOrInit", "FirstOrCreate", "Update", "Updates", "UpdateColumn", "UpdateColumns", "Delete",
			"Count", "Row", "Rows", "Scan", "Pluck"),
	},
	"github.com/Masterminds/squirrel": {
		lib: "squirrel",
		// StdSqlCtx, the StmtCache and the Runner interfaces take SQL text; the builders'
		// runners run what squirrel renders.
		sql:     stdNames,
		builder: squirrelRunners,
	},
}

func names(ns ...string) map[string]bool {
	m := make(map[string]bool, len(ns))
	for _, n := range ns {
		m[n] = true
	}
	return m
}

func union(a, b map[string]bool) map[string]bool {
	m := make(map[string]bool, len(a)+len(b))
	for n := range a {
		m[n] = true
	}
	for n := range b {
		m[n] = true
	}
	return m
}

// sinkOf reports whether call runs SQL, and how. wrapperArgs gives the SQL parameters of a
// function (receiver not counted) when it is a wrapper: one of this package's, found so far,
// or one from a fact.
func (r *runner) sinkOf(call *ssa.CallCommon) (sink, bool) {
	if call.IsInvoke() {
		return r.invokeSink(call)
	}
	fn := call.StaticCallee()
	if fn == nil {
		return sink{}, false
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, _ := fn.Object().(*types.Func)
	if obj == nil || obj.Pkg() == nil {
		return sink{}, false
	}
	sig := obj.Type().(*types.Signature)
	recv := 0
	if sig.Recv() != nil && !strings.HasPrefix(fn.Synthetic, "bound method wrapper") {
		recv = 1 // Args starts with the receiver, except for a method value's call
	}
	name := funcName(obj)
	if d, ok := drivers[obj.Pkg().Path()]; ok {
		if s, ok := driverSink(d, obj.Name(), recvTypeName(sig), sig, name); ok {
			for i := range s.args {
				s.args[i] += recv
			}
			return s, true
		}
		return sink{}, false
	}
	if i, ok := r.configSink(obj); ok {
		return sink{name: name, args: []int{i + recv}, kind: sqlSink}, true
	}
	if args := r.wrapperArgs(obj); len(args) > 0 {
		s := sink{name: name, kind: sqlSink}
		for _, a := range args {
			s.args = append(s.args, a+recv)
		}
		return s, true
	}
	return sink{}, false
}

// invokeSink classifies a call of an interface method: by the interface named in the call,
// then by the interface that declares the method (an interface embedding pgx.Tx declares
// none of its methods), then by shape.
func (r *runner) invokeSink(call *ssa.CallCommon) (sink, bool) {
	m := call.Method
	sig := m.Type().(*types.Signature)
	name := m.Name()
	var owners []*types.Named
	if n, ok := types.Unalias(call.Value.Type()).(*types.Named); ok && n.Obj().Pkg() != nil {
		owners = append(owners, n)
		name = "(" + types.TypeString(n, pkgName) + ")." + m.Name()
	}
	if recv := sig.Recv(); recv != nil {
		if n, ok := types.Unalias(recv.Type()).(*types.Named); ok && n.Obj().Pkg() != nil && !slices.Contains(owners, n) {
			owners = append(owners, n)
		}
	}
	for _, n := range owners {
		pkg := n.Obj().Pkg().Path()
		if d, ok := drivers[pkg]; ok {
			if s, ok := driverSink(d, m.Name(), n.Obj().Name(), sig, name); ok {
				return s, true
			}
		}
		for _, s := range r.env.sinks {
			if s.Package == pkg && s.Function == n.Obj().Name()+"."+m.Name() {
				return sink{name: name, args: []int{s.Arg}, kind: sqlSink}, true
			}
		}
	}
	switch {
	case m.Name() == "CopyFrom":
		// sqlc's DBTX for pgx declares CopyFrom(ctx, pgx.Identifier, ...).
		if i := identifierArg(sig); i >= 0 {
			return sink{name: name, args: []int{i}, kind: copySink}, true
		}
	case stdNames[m.Name()] || sqlxNames[m.Name()] || m.Name() == "NewRaw":
		if i, ok := dbtxArg(m.Name(), sig); ok {
			return sink{name: name, args: []int{i}, kind: sqlSink}, true
		}
	}
	return sink{}, false
}

// driverSink classifies a method or function of a database package by its name and shape.
// recvType names the method's receiver type ("" for a function).
func driverSink(d driver, method, recvType string, sig *types.Signature, name string) (sink, bool) {
	if d.copy && method == "CopyFrom" {
		if i := identifierArg(sig); i >= 0 {
			return sink{name: name, args: []int{i}, kind: copySink}, true
		}
	}
	if d.sql[method] {
		if i, ok := sqlArg(sig); ok {
			return sink{name: name, args: []int{i}, kind: sqlSink, names: d.names}, true
		}
	}
	if d.fragment[method] && sig.Params().Len() > 0 {
		i, ok := sqlArg(sig)
		if !ok {
			i = 0 // gorm's Where(query any, args ...any)
		}
		return sink{name: name, lib: d.lib, args: []int{i}, kind: fragmentSink}, true
	}
	if d.builder[method] && (d.builderTypes == nil || d.builderTypes[recvType]) {
		s := sink{name: name, lib: d.lib, kind: builderSink}
		if i := sqlizerArg(sig); i >= 0 {
			s.args = []int{i}
		}
		return s, true
	}
	return sink{}, false
}

// sqlizerArg finds a parameter of an interface type named Sqlizer (squirrel's QueryWith).
func sqlizerArg(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		if n, ok := types.Unalias(sig.Params().At(i).Type()).(*types.Named); ok && n.Obj().Name() == "Sqlizer" {
			return i
		}
	}
	return -1
}

// recvTypeName names the receiver type of a method, without pointer, or returns "".
func recvTypeName(sig *types.Signature) string {
	if sig.Recv() == nil {
		return ""
	}
	t := sig.Recv().Type()
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

// sqlArg finds the SQL parameter of a database method: the last string parameter before the
// variadic arguments (Exec(ctx, sql, args...), Prepare(ctx, name, sql), Select(dest, query,
// args...), NamedExec(query, arg)).
func sqlArg(sig *types.Signature) (int, bool) {
	params := sig.Params()
	n := params.Len()
	if sig.Variadic() {
		n--
	}
	for i := n - 1; i >= 0; i-- {
		if isString(params.At(i).Type()) {
			return i, true
		}
	}
	return 0, false
}

// dbtxArg reports whether an interface method is shaped like sqlc's DBTX methods and their
// driver counterparts, and returns the SQL parameter's index:
//
//	Exec(ctx?, query string, args ...any)              and Query, QueryRow, NewRaw, ...
//	Select(ctx?, dest any, query string, args ...any)  and Get
//	NamedExec(ctx?, query string, arg any)             and NamedQuery
//	Prepare(ctx?, query string)                        and Preparex, PrepareNamed
//	Prepare(ctx?, name, query string)                  (pgx)
//
// Exec(cmd string) of a shell or Query(key string) of a cache has none of these shapes.
func dbtxArg(method string, sig *types.Signature) (int, bool) {
	params := sig.Params()
	n := params.Len()
	i := 0
	if i < n && isContext(params.At(i).Type()) {
		i++
	}
	switch {
	case strings.HasPrefix(method, "Prepare"):
		switch {
		case i+1 == n && isString(params.At(i).Type()):
			return i, true
		case i+2 == n && isString(params.At(i).Type()) && isString(params.At(i+1).Type()):
			return i + 1, true
		}
		return 0, false
	case strings.HasPrefix(method, "Select") || strings.HasPrefix(method, "Get"):
		if i >= n || !isInterface(params.At(i).Type()) {
			return 0, false
		}
		i++ // the destination
	case strings.HasPrefix(method, "Named"):
		if i+2 == n && isString(params.At(i).Type()) && isInterface(params.At(i+1).Type()) && !sig.Variadic() {
			return i, true
		}
		return 0, false
	}
	if i+2 == n && sig.Variadic() && isString(params.At(i).Type()) {
		return i, true
	}
	return 0, false
}

// identifierArg finds CopyFrom's table name parameter, a pgx.Identifier.
func identifierArg(sig *types.Signature) int {
	for i := range sig.Params().Len() {
		if n, ok := types.Unalias(sig.Params().At(i).Type()).(*types.Named); ok && n.Obj().Name() == "Identifier" {
			return i
		}
	}
	return -1
}

// configSink matches obj against the sinks of tenantq.yaml and returns the SQL argument.
func (r *runner) configSink(obj *types.Func) (int, bool) {
	if len(r.env.sinks) == 0 {
		return 0, false
	}
	path := obj.Pkg().Path()
	var forms []string
	if recv := obj.Type().(*types.Signature).Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		n, ok := types.Unalias(t).(*types.Named)
		if !ok {
			return 0, false
		}
		tn := n.Obj().Name()
		forms = []string{tn + "." + obj.Name(), "(*" + tn + ")." + obj.Name()}
	} else {
		forms = []string{obj.Name()}
	}
	for _, s := range r.env.sinks {
		if s.Package == path && slices.Contains(forms, s.Function) {
			return s.Arg, true
		}
	}
	return 0, false
}

// funcName names a function as messages do: sqlx.Select, (*pgxpool.Pool).Query, (pgx.Tx).Exec.
func funcName(obj *types.Func) string {
	sig := obj.Type().(*types.Signature)
	if sig.Recv() == nil {
		return obj.Pkg().Name() + "." + obj.Name()
	}
	return "(" + types.TypeString(sig.Recv().Type(), pkgName) + ")." + obj.Name()
}

// pkgName qualifies types by package name.
func pkgName(p *types.Package) string { return p.Name() }

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

func isInterface(t types.Type) bool {
	_, ok := t.Underlying().(*types.Interface)
	return ok
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context" && n.Obj().Name() == "Context"
}
