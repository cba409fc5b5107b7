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
)

// A sink is a call that runs SQL.
type sink struct {
	name string // the callee as messages name it: (*pgxpool.Pool).Query
	args []int  // indexes of the SQL arguments in the SSA call's Args (one but for wrappers)
	kind sinkKind
}

// Method names of the database/sql API, which sqlc's DBTX and many wrappers copy.
var stdNames = names("Exec", "Query", "QueryRow", "Prepare", "ExecContext", "QueryContext",
	"QueryRowContext", "PrepareContext")

// sqlxNames are sqlx's additions, as methods and as package functions.
var sqlxNames = names("Queryx", "QueryRowx", "Select", "Get", "MustExec", "NamedExec", "NamedQuery",
	"Preparex", "PrepareNamed", "QueryxContext", "QueryRowxContext", "SelectContext", "GetContext",
	"MustExecContext", "NamedExecContext", "NamedQueryContext", "PreparexContext", "PrepareNamedContext")

// driver describes the sinks of one database package.
type driver struct {
	sql      map[string]bool // methods and functions whose string argument is SQL
	fragment map[string]bool // methods whose string argument is part of a statement
	copy     bool            // CopyFrom is a copySink
}

// drivers lists the database packages by import path. Their methods are matched by name and
// shape (sqlArg), so every type of the package is covered: *sql.DB, *sql.Tx and *sql.Conn,
// pgx's *Conn and Tx interface, pgxpool's *Pool, *Conn and *Tx, sqlx's types and so on.
var drivers = map[string]driver{
	"database/sql":                    {sql: stdNames},
	"github.com/jackc/pgx/v5":         {sql: union(stdNames, names("Queue")), copy: true},
	"github.com/jackc/pgx/v5/pgxpool": {sql: stdNames, copy: true},
	"github.com/jackc/pgx/v4":         {sql: union(stdNames, names("Queue")), copy: true},
	"github.com/jackc/pgx/v4/pgxpool": {sql: stdNames, copy: true},
	"github.com/jmoiron/sqlx":         {sql: union(stdNames, sqlxNames)},
	"github.com/uptrace/bun":          {sql: union(stdNames, names("NewRaw"))},
	"gorm.io/gorm": {
		sql:      names("Raw", "Exec"),
		fragment: names("Where", "Or", "Not", "Joins", "Table"),
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
	if sig.Recv() != nil {
		recv = 1
	}
	name := funcName(obj)
	if d, ok := drivers[obj.Pkg().Path()]; ok {
		if s, ok := driverSink(d, obj.Name(), sig, name); ok {
			s.args[0] += recv
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

// invokeSink classifies a call of an interface method.
func (r *runner) invokeSink(call *ssa.CallCommon) (sink, bool) {
	m := call.Method
	sig := m.Type().(*types.Signature)
	name := m.Name()
	if n, ok := types.Unalias(call.Value.Type()).(*types.Named); ok && n.Obj().Pkg() != nil {
		name = "(" + types.TypeString(n, pkgName) + ")." + m.Name()
		pkg := n.Obj().Pkg().Path()
		if d, ok := drivers[pkg]; ok {
			return driverSink(d, m.Name(), sig, name)
		}
		for _, s := range r.env.sinks {
			if s.Package == pkg && s.Function == n.Obj().Name()+"."+m.Name() {
				return sink{name: name, args: []int{s.Arg}, kind: sqlSink}, true
			}
		}
	}
	if stdNames[m.Name()] || sqlxNames[m.Name()] {
		if i, ok := dbtxArg(m.Name(), sig); ok {
			return sink{name: name, args: []int{i}, kind: sqlSink}, true
		}
	}
	return sink{}, false
}

// driverSink classifies a method or function of a database package by its name and shape.
func driverSink(d driver, method string, sig *types.Signature, name string) (sink, bool) {
	switch {
	case d.copy && method == "CopyFrom":
		if i := identifierArg(sig); i >= 0 {
			return sink{name: name, args: []int{i}, kind: copySink}, true
		}
	case d.sql[method]:
		if i, ok := sqlArg(sig); ok {
			return sink{name: name, args: []int{i}, kind: sqlSink}, true
		}
	case d.fragment[method]:
		if sig.Params().Len() > 0 {
			return sink{name: name, args: []int{0}, kind: fragmentSink}, true
		}
	}
	return sink{}, false
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

// dbtxArg reports whether an interface method is shaped like sqlc's DBTX methods: an optional
// context (and, for sqlx's Select and Get, a destination), the SQL string, then either nothing
// or variadic arguments. It returns the SQL parameter's index.
func dbtxArg(method string, sig *types.Signature) (int, bool) {
	params := sig.Params()
	i := 0
	if i < params.Len() && isContext(params.At(i).Type()) {
		i++
	}
	if strings.HasPrefix(method, "Select") || strings.HasPrefix(method, "Get") {
		if i >= params.Len() || !isInterface(params.At(i).Type()) {
			return 0, false
		}
		i++ // the destination
	}
	if i >= params.Len() || !isString(params.At(i).Type()) {
		return 0, false
	}
	switch rest := params.Len() - i - 1; {
	case rest == 0:
		return i, true
	case rest == 1 && sig.Variadic():
		return i, true
	case rest == 1:
		// NamedExec(query, arg any)
		if isInterface(params.At(i + 1).Type()) {
			return i, true
		}
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
