package analyzer

import (
	_ "embed"
	"flag"
	"go/ast"
	"go/token"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/buildssa"
	"golang.org/x/tools/go/ssa"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

//go:embed doc.go
var doc string

// Analyzer is tenantvet: it checks the SQL that Go code passes to the database against the
// tenancy contract, and reports SQL it cannot verify. See the package documentation.
var Analyzer = &analysis.Analyzer{
	Name:      "tenantvet",
	Doc:       analyzerDoc(doc, "tenantvet"),
	URL:       "https://pkg.go.dev/github.com/tenantq/tenantq/analyzer",
	Requires:  []*analysis.Analyzer{buildssa.Analyzer},
	FactTypes: []analysis.Fact{new(Sink), new(Built)},
	Run:       run,
}

// rulesURL is where the rules are documented; a diagnostic's URL adds the rule as fragment.
const rulesURL = "https://github.com/tenantq/tenantq/blob/main/docs/rules.md#"

// runner holds the state of one pass.
type runner struct {
	pass     *analysis.Pass
	env      *env
	funcs    []*ssa.Function
	calls    map[*ssa.Function][]ssa.CallInstruction
	memo     map[ssa.Value][]text
	stack    []ssa.Value // values being recovered
	cut      bool        // a loop was cut short while recovering the current value
	steps    int         // values visited by the current recovery
	wrappers map[*types.Func][]int
	built    map[*types.Func][]int
	syntax   map[token.Pos]*ast.CallExpr // by Lparen
	findings []finding
	dirs     []*directive
	byLine   map[lineKey][]*directive
	sources  map[*token.File][]byte // file contents, read on demand
	holes    int                    // stand-ins made for values spliced into SQL (nextHole)
	// fingerprints is set for the flag-configured Analyzer, which -fingerprints controls.
	fingerprints bool
}

// A finding is a diagnostic before directives are applied.
type finding struct {
	analysis.Diagnostic
	anchor token.Pos // the call's left parenthesis: a directive on its line or the line above applies
}

func run(pass *analysis.Pass) (any, error) {
	return runWith(pass, func(r *runner) (*env, error) {
		r.fingerprints = true
		return loadEnv(r)
	})
}

// New returns a tenantvet Analyzer that checks every package with the policy and sinks of cfg,
// instead of the tenantq.yaml nearest to each package and the flags: for drivers that configure
// analyzers themselves, such as golangci-lint's module plugins. It returns cfg's error when the
// policy or its schema is invalid.
func New(cfg *config.Config) (*analysis.Analyzer, error) {
	e, err := envOf(cfg)
	if err != nil {
		return nil, err
	}
	a := *Analyzer
	a.Flags = flag.FlagSet{}
	a.Run = func(pass *analysis.Pass) (any, error) {
		return runWith(pass, func(*runner) (*env, error) { return e, nil })
	}
	return &a, nil
}

// runWith analyzes a package with the env that envFor gives.
func runWith(pass *analysis.Pass, envFor func(*runner) (*env, error)) (any, error) {
	if len(pass.Files) == 0 {
		return nil, nil
	}
	s := pass.ResultOf[buildssa.Analyzer].(*buildssa.SSA)
	r := &runner{
		pass:     pass,
		funcs:    sourceFuncs(s),
		calls:    make(map[*ssa.Function][]ssa.CallInstruction),
		memo:     make(map[ssa.Value][]text),
		wrappers: make(map[*types.Func][]int),
		built:    make(map[*types.Func][]int),
	}
	var err error
	if r.env, err = envFor(r); err != nil {
		return nil, err
	}
	var stores []*ssa.Store
	for _, fn := range r.funcs {
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case ssa.CallInstruction:
					r.calls[fn] = append(r.calls[fn], x)
				case *ssa.Store:
					stores = append(stores, x)
				}
			}
		}
	}
	r.readDirectives()
	r.findBuilt()
	r.findWrappers()
	for _, fn := range r.funcs {
		for _, c := range r.calls[fn] {
			if s, ok := r.sinkOf(c.Common()); ok {
				r.checkCall(c, s)
			}
		}
	}
	for _, st := range stores {
		if name, ok := sqlField(st); ok {
			r.checkField(st, name)
		}
	}
	r.applyDirectives()
	return nil, nil
}

// sourceFuncs lists the package's functions: those buildssa lists (declared functions and
// their literals) and the package initializer with its literals, which hold package-level
// variables' initial values, such as a command table's func literals.
func sourceFuncs(s *buildssa.SSA) []*ssa.Function {
	funcs := slices.Clone(s.SrcFuncs)
	var add func(fn *ssa.Function)
	add = func(fn *ssa.Function) {
		funcs = append(funcs, fn)
		for _, anon := range fn.AnonFuncs {
			add(anon)
		}
	}
	if init := s.Pkg.Func("init"); init != nil {
		add(init)
	}
	return funcs
}

// checkCall checks the SQL arguments of one call of a sink.
func (r *runner) checkCall(instr ssa.CallInstruction, s sink) {
	c := instr.Common()
	if s.kind == builderSink {
		r.checkBuilder(c, s)
		return
	}
	for _, a := range s.args {
		if a >= len(c.Args) {
			continue
		}
		arg := sqlValue(c.Args[a]) // SQL passed as any, to gorm's Where or a configured sink
		switch s.kind {
		case sqlSink:
			if isString(arg.Type()) {
				r.checkSQL(c, s, a, arg)
			} else {
				// An interface value (it may hold any SQL), or a []byte or other value given
				// to a configured sink.
				r.report(c, a, sqlcheck.RuleBypass, bypassMessage(s))
			}
		case fragmentSink:
			if !isString(arg.Type()) && !isInterface(arg.Type()) {
				continue // a struct or map condition: gorm quotes its values
			}
			r.report(c, a, sqlcheck.RuleBypass, "SQL fragment passed to "+s.name+" is composed into a statement by "+s.lib+", so its tenant scope cannot be verified; "+rawAdvice(s.lib)+", or add //tenantvet:ignore <reason>")
		case copySink:
			r.checkCopy(instr, s, a, arg)
		}
	}
}

// checkSQL checks one SQL argument: every constant it can hold, and whether any other value
// can reach it.
func (r *runner) checkSQL(c *ssa.CallCommon, s sink, a int, arg ssa.Value) {
	texts := r.texts(arg)
	bypass := false
	var consts []string
	for _, t := range texts {
		switch t.kind {
		case constText:
			if hasHoles(t.sql) && !holesSafe(t.sql) {
				bypass = true // a spliced value that could change what the rules see
				continue
			}
			consts = append(consts, t.sql)
		case paramText:
			// A wrapper's parameter: its callers are checked instead. A parameter that made
			// no wrapper (under a directive, or refused) is not checked anywhere.
			if !r.isWrapperParam(t.param) {
				bypass = true
			}
		case unknownText:
			bypass = true
		}
	}
	if bypass {
		r.report(c, a, sqlcheck.RuleBypass, bypassMessage(s))
	}
	// One finding per problem, at the literal that has it. "In one of the N texts" is said only
	// when some of the texts the argument can hold are fine.
	results := make([]*sqlcheck.Result, len(consts))
	clean := 0
	for i, sql := range consts {
		if s.names && isIdentifier(sql) {
			continue // the name of a prepared statement, whose SQL was checked at Prepare
		}
		results[i] = r.env.checker.Check(sql)
		if results[i].Safe() {
			clean++
		}
	}
	suffix := ""
	if clean > 0 {
		suffix = describeTexts(len(texts))
	}
	for i, sql := range consts {
		res := results[i]
		if res == nil {
			continue
		}
		for _, v := range res.Violations {
			stmt := sql
			if i := v.Statement - 1; i >= 0 && i < len(res.Statements) {
				stmt = sql[res.Statements[i].Offset:res.Statements[i].End]
			}
			r.reportAt(c, a, sql, v.Offset, v.Rule, v.String()+suffix, sqlcheck.Fingerprint(stmt))
		}
		r.checkHoles(c, a, sql, res)
	}
}

// checkHoles checks a text with quoted identifiers spliced into it once more with the tenant
// column in every identifier hole: a column chosen at run time may be the tenant column, and
// SET, an INSERT column list or an upsert target that names it moves rows between tenants.
func (r *runner) checkHoles(c *ssa.CallCommon, a int, sql string, first *sqlcheck.Result) {
	if !strings.Contains(sql, holePrefix) {
		return
	}
	cols := r.env.checker.TenantColumns()
	variant := holeIdent.ReplaceAllString(sql, quoteIdentifier(cols[0]))
	for _, v := range r.env.checker.Check(variant).Violations {
		if v.Rule != sqlcheck.RuleTenantWrite && v.Rule != sqlcheck.RuleInsertTenant && v.Rule != sqlcheck.RuleUpsertConflict {
			continue
		}
		if slices.ContainsFunc(first.Violations, func(w sqlcheck.Violation) bool { return w.Rule == v.Rule }) {
			continue
		}
		r.reportAt(c, a, sql, 0, v.Rule, string(v.Rule)+": an identifier spliced into the SQL at run time may be the tenant column "+strconv.Quote(cols[0])+": "+v.Message+
			"; choose the column from a fixed list of constants, so that tenantvet sees each one", sqlcheck.Fingerprint(sql))
	}
}

// holeIdent matches an identifier hole's stand-in.
var holeIdent = regexp.MustCompile(`"tenantq_hole_[0-9]+"`)

// quoteIdentifier quotes a column name as PostgreSQL writes it in SQL.
func quoteIdentifier(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// checkBuilder reports a call that runs a statement a library builds, unless its Sqlizer
// argument is a tenantq builder, which verifies what it renders.
func (r *runner) checkBuilder(c *ssa.CallCommon, s sink) {
	if s.lib == "gorm" && len(c.Args) > 0 && gormRaw(c.Args[0], 0) {
		return // runs the Raw statement, checked where Raw is called
	}
	a := -1
	if len(s.args) > 0 && s.args[0] < len(c.Args) {
		a = s.args[0]
		if isTenantqBuilder(sqlValue(c.Args[a]).Type()) {
			return
		}
	}
	r.report(c, a, sqlcheck.RuleBypass, s.name+" runs a statement that "+s.lib+" builds, so its tenant scope cannot be verified; "+rawAdvice(s.lib)+", or add //tenantvet:ignore <reason>")
}

// gormChain lists the methods of *gorm.DB that pass the statement of their receiver on
// unchanged (a session, a context, logging).
var gormChain = names("Session", "WithContext", "Debug")

// gormRaw reports whether a *gorm.DB value carries a statement begun with Raw, following
// the methods that pass a statement on.
func gormRaw(v ssa.Value, depth int) bool {
	call, ok := v.(*ssa.Call)
	if !ok || depth > 16 {
		return false
	}
	fn := call.Call.StaticCallee()
	if fn == nil || fn.Object() == nil || fn.Object().Pkg() == nil || fn.Object().Pkg().Path() != "gorm.io/gorm" {
		return false
	}
	switch name := fn.Object().Name(); {
	case name == "Raw":
		return true
	case gormChain[name] && len(call.Call.Args) > 0:
		return gormRaw(call.Call.Args[0], depth+1)
	}
	return false
}

// sqlFields are struct fields that hold SQL a driver runs as it is, bypassing the methods
// that take SQL: pgx's queued batch query, and the protocol messages of pgproto3.
var sqlFields = map[[3]string]bool{
	{"github.com/jackc/pgx/v5", "QueuedQuery", "SQL"}:       true,
	{"github.com/jackc/pgx/v4", "QueuedQuery", "SQL"}:       true,
	{"github.com/jackc/pgx/v5/pgproto3", "Query", "String"}: true,
	{"github.com/jackc/pgx/v5/pgproto3", "Parse", "Query"}:  true,
	{"github.com/jackc/pgproto3/v2", "Query", "String"}:     true,
	{"github.com/jackc/pgproto3/v2", "Parse", "Query"}:      true,
}

// sqlField reports whether a store writes one of sqlFields, and names the field.
func sqlField(st *ssa.Store) (string, bool) {
	fa, ok := st.Addr.(*ssa.FieldAddr)
	if !ok {
		return "", false
	}
	ptr, ok := fa.X.Type().Underlying().(*types.Pointer)
	if !ok {
		return "", false
	}
	n, ok := types.Unalias(ptr.Elem()).(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return "", false
	}
	st2, ok := n.Underlying().(*types.Struct)
	if !ok || fa.Field >= st2.NumFields() {
		return "", false
	}
	field := st2.Field(fa.Field).Name()
	if !sqlFields[[3]string{n.Obj().Pkg().Path(), n.Obj().Name(), field}] {
		return "", false
	}
	return n.Obj().Pkg().Name() + "." + n.Obj().Name() + "." + field, true
}

// checkField checks the SQL stored in a field that a driver runs: its constant texts like a
// sink's argument, anything else as a bypass.
func (r *runner) checkField(st *ssa.Store, name string) {
	pos := st.Pos()
	if !pos.IsValid() {
		pos = st.Val.Pos()
	}
	for _, t := range r.texts(st.Val) {
		if t.kind == constText && hasHoles(t.sql) && !holesSafe(t.sql) {
			t.kind = unknownText
		}
		switch t.kind {
		case constText:
			for _, v := range r.env.checker.Check(t.sql).Violations {
				r.add(pos, token.NoPos, pos, v.Rule, v.String()+" (SQL stored in "+name+")", nil)
			}
		case builtText:
		default:
			r.add(pos, token.NoPos, pos, sqlcheck.RuleBypass, "bypass: SQL stored in "+name+" is not built by tenantq and is not a constant: tenant scope cannot be verified; queue it with (*pgx.Batch).Queue and constant SQL or tenantq, or add //tenantvet:ignore <reason>", nil)
			return
		}
	}
}

// rawAdvice says how to run a statement of lib so that tenantvet checks it.
func rawAdvice(lib string) string {
	switch lib {
	case "gorm":
		return "build the statement with tenantq and run it with (*gorm.DB).Raw"
	case "bun":
		return "build the statement with tenantq and run it with (*bun.DB).NewRaw"
	case "squirrel":
		return "build it with tenantq's Scope, which has squirrel's methods, and run it with its Query or Exec"
	case "sqlx":
		return "run the file's statements one by one with constant SQL"
	}
	return "build it with tenantq"
}

// isTenantqBuilder reports whether t is one of tenantq's statement builders, whose ToSql
// verifies the statement it renders.
func isTenantqBuilder(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == tenantqPath && strings.HasSuffix(n.Obj().Name(), "Builder")
}

// isIdentifier reports whether s is a bare SQL identifier.
func isIdentifier(s string) bool {
	for i, c := range s {
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (i == 0 || c < '0' || c > '9') {
			return false
		}
	}
	return s != ""
}

// bypassMessage is the bypass finding for SQL given to sink s.
func bypassMessage(s sink) string {
	return "SQL passed to " + s.name + " is not built by tenantq and is not a constant: tenant scope cannot be verified; build it with tenantq or add //tenantvet:ignore <reason>"
}

// checkCopy reports CopyFrom into a tenant table, or into a table it cannot name.
func (r *runner) checkCopy(instr ssa.CallInstruction, s sink, a int, arg ssa.Value) {
	c := instr.Common()
	var parts []string
	if elems, ok := sliceElems(arg, instr); ok {
		for _, e := range elems {
			ts := r.texts(e)
			if len(ts) != 1 || ts[0].kind != constText || hasHoles(ts[0].sql) {
				parts = nil
				break
			}
			parts = append(parts, ts[0].sql)
		}
	}
	if v := r.env.checker.CheckCopy(strings.Join(parts, ".")); v != nil {
		r.report(c, a, v.Rule, v.Message+" (through "+s.name+"); "+v.Hint+", or add //tenantvet:ignore <reason>")
	}
}

// report adds a finding on the call's argument a.
func (r *runner) report(c *ssa.CallCommon, a int, rule sqlcheck.Rule, msg string) {
	call := r.callExpr(c)
	pos, end := c.Pos(), token.NoPos
	anchor := c.Pos()
	if call != nil {
		if e := r.argExpr(c, call, a); e != nil {
			pos, end = e.Pos(), e.End()
		} else {
			pos, end = call.Pos(), call.End()
		}
	}
	r.add(pos, end, anchor, rule, string(rule)+": "+msg, nil)
}

// reportAt adds a finding at byte offset off of the constant SQL text sql that the call's
// argument a holds: inside the string literal when the argument is one, else on the argument,
// with the place in the constant's declaration as related information.
//
// With -fingerprints (which tenantvet ./... sets), the last related information carries the
// statement's fingerprint ([sqlcheck.Fingerprint]), as "sql fingerprint <fp>": tenantvet's
// baselines recognise the finding by it wherever the code moves.
func (r *runner) reportAt(c *ssa.CallCommon, a int, sql string, off int, rule sqlcheck.Rule, msg, fp string) {
	var fpInfo []analysis.RelatedInformation
	if fingerprints && r.fingerprints {
		fpInfo = append(fpInfo, analysis.RelatedInformation{Pos: c.Pos(), Message: FingerprintPrefix + fp})
	}
	call := r.callExpr(c)
	if call == nil {
		r.add(c.Pos(), token.NoPos, c.Pos(), rule, msg, fpInfo)
		return
	}
	e := r.argExpr(c, call, a)
	if e == nil {
		r.add(call.Pos(), call.End(), call.Lparen, rule, msg, fpInfo)
		return
	}
	pos, end := e.Pos(), e.End()
	var related []analysis.RelatedInformation
	switch p, inline, ok := r.sqlPos(e, sql, off); {
	case ok && inline:
		pos, end = p, token.NoPos
	case ok:
		related = append(related, analysis.RelatedInformation{Pos: p, Message: "the SQL is declared here"})
	default:
		// SQL held in a local variable: point into the literal that holds it, in the
		// function that makes the call, with the call as the second place.
		if p, ok := r.prefixPos(e, sql, off, 0); ok {
			// Values spliced in: the constant text before the first hole.
			pos, end = p, token.NoPos
		} else if p, ok := r.localLiteral(call, sql, off); ok {
			pos, end = p, token.NoPos
			related = append(related, analysis.RelatedInformation{Pos: call.Lparen, Message: "the SQL runs here"})
		}
	}
	r.add(pos, end, call.Lparen, rule, msg, append(related, fpInfo...))
}

// FingerprintPrefix starts the related information that carries the fingerprint of the SQL a
// finding is about.
const FingerprintPrefix = "sql fingerprint "

func (r *runner) add(pos, end, anchor token.Pos, rule sqlcheck.Rule, msg string, related []analysis.RelatedInformation) {
	for _, f := range r.findings {
		if f.Pos == pos && f.Message == msg && f.anchor == anchor {
			return // one finding per problem, place and call, however many paths lead to it
		}
	}
	r.findings = append(r.findings, finding{
		Diagnostic: analysis.Diagnostic{
			Pos:      pos,
			End:      end,
			Category: string(rule),
			Message:  msg,
			URL:      rulesURL + string(rule),
			Related:  related,
		},
		anchor: anchor,
	})
}

// analyzerDoc extracts the "# Analyzer name" section of the package comment, as the
// analyzers of golang.org/x/tools do.
func analyzerDoc(src, name string) string {
	_, rest, ok := strings.Cut(src, "// # Analyzer "+name+"\n//\n")
	if !ok {
		panic("analyzer: doc.go has no # Analyzer " + name + " section")
	}
	var b strings.Builder
	for line := range strings.Lines(rest) {
		text, ok := strings.CutPrefix(line, "//")
		if !ok || strings.HasPrefix(text, " # ") {
			break
		}
		text = strings.TrimPrefix(text, " ")
		b.WriteString(text)
	}
	return strings.TrimSpace(b.String())
}
