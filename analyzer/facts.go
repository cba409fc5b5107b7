package analyzer

import (
	"fmt"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
)

// A Sink fact marks a function or method that passes one of its string parameters to an SQL
// sink without looking at it: a wrapper such as
//
//	func (s *Store) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
//		return s.pool.Query(ctx, sql, args...)
//	}
//
// A call of it, in any package, is checked like a call of the sink it wraps.
type Sink struct {
	// Args are the 0-based indexes of the SQL parameters, receiver not counted, in order.
	Args []int
}

// AFact marks Sink as an analysis fact.
func (*Sink) AFact() {}

// String formats the fact as tests match it: "sink(1)".
func (s *Sink) String() string { return formatInts("sink", s.Args) }

// formatInts formats name(1,2).
func formatInts(name string, ints []int) string {
	parts := make([]string, len(ints))
	for i, n := range ints {
		parts[i] = fmt.Sprint(n)
	}
	return name + "(" + strings.Join(parts, ",") + ")"
}

// A Built fact marks a function whose string results, at the listed indexes, are always SQL
// built by tenantq, such as
//
//	func dealsQuery(s tenantq.Scope, stage string) (string, []any, error) {
//		return s.Select("id").From("deals").Where(sq.Eq{"stage": stage}).ToSql()
//	}
//
// Its results are accepted at sinks like the builder's own.
type Built struct {
	// Results are the 0-based indexes of the results, in order.
	Results []int
}

// AFact marks Built as an analysis fact.
func (*Built) AFact() {}

// String formats the fact as tests match it: "built(0)".
func (b *Built) String() string { return formatInts("built", b.Results) }

// builtResults returns the results of obj that are always tenantq's output: found so far in
// this package, or from another package's fact.
func (r *runner) builtResults(obj *types.Func) []int {
	return r.factInts(obj, r.built, new(Built))
}

func (b *Built) ints() []int { return b.Results }

// An intsFact is a fact holding a list of indexes: Sink and Built.
type intsFact interface {
	analysis.Fact
	ints() []int
}

// factInts returns what is known of obj: local[obj] for this package's functions, found so
// far, or the indexes of the fact f another package exported for it.
func (r *runner) factInts(obj *types.Func, local map[*types.Func][]int, f intsFact) []int {
	if obj.Pkg() == r.pass.Pkg {
		return local[obj]
	}
	if r.pass.ImportObjectFact(obj, f) {
		return f.ints()
	}
	return nil
}

// findBuilt finds this package's functions whose string results are always built by tenantq,
// repeating until nothing changes: such a function may return another one's result. Texts
// recovered meanwhile are forgotten, since they may change as functions are found.
func (r *runner) findBuilt() {
	for changed := true; changed; {
		changed = false
		for _, fn := range r.funcs {
			obj, _ := fn.Object().(*types.Func)
			if obj == nil || fn.Parent() != nil || fn.Blocks == nil {
				continue
			}
			results := fn.Signature.Results()
			for i := range results.Len() {
				if !isString(results.At(i).Type()) || slices.Contains(r.built[obj], i) || !r.returnsBuilt(fn, i) {
					continue
				}
				r.built[obj] = append(r.built[obj], i)
				slices.Sort(r.built[obj])
				changed = true
			}
		}
		clear(r.memo)
	}
	for obj, results := range r.built {
		r.pass.ExportObjectFact(obj, &Built{Results: results})
	}
}

// returnsBuilt reports whether every return of fn gives tenantq's output as result i, or the
// empty string (on an error path, say), and one gives tenantq's output.
func (r *runner) returnsBuilt(fn *ssa.Function, i int) bool {
	built := false
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return)
		if !ok {
			continue
		}
		for _, t := range r.texts(ret.Results[i]) {
			switch {
			case t.kind == builtText:
				built = true
			case t.kind == constText && t.sql == "":
			default:
				return false
			}
		}
	}
	return built
}

// wrapperArgs returns the SQL parameters of obj when it is a wrapper: one of this package's,
// found so far, or one from another package's fact.
func (r *runner) wrapperArgs(obj *types.Func) []int {
	return r.factInts(obj, r.wrappers, new(Sink))
}

func (s *Sink) ints() []int { return s.Args }

// findWrappers finds this package's wrappers. A wrapper found makes its callers' parameters
// candidates too, so it repeats until nothing changes; every round adds a parameter, so it
// ends. A sink call under a tenantvet:ignore directive makes no wrapper: the function runs
// the SQL its callers give it on purpose (a test fixture loader, a migration runner), and its
// callers are not checked.
func (r *runner) findWrappers() {
	for changed := true; changed; {
		changed = false
		for _, fn := range r.funcs {
			for _, c := range r.calls[fn] {
				s, ok := r.sinkOf(c.Common())
				if !ok || s.kind != sqlSink || r.forwardsUnderDirective(c.Common(), s) {
					continue
				}
				for _, a := range s.args {
					if a >= len(c.Common().Args) {
						continue
					}
					for _, t := range r.texts(sqlValue(c.Common().Args[a])) {
						if t.kind == paramText && r.addWrapper(t.param) {
							changed = true
						}
					}
				}
			}
		}
	}
	for obj, args := range r.wrappers {
		r.pass.ExportObjectFact(obj, &Sink{Args: args})
	}
}

// addWrapper records that p's function passes p to a sink. It reports whether that is new.
func (r *runner) addWrapper(p *ssa.Parameter) bool {
	fn := p.Parent()
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return false
	}
	i := slices.Index(fn.Params, p)
	if fn.Signature.Recv() != nil {
		i-- // Params starts with the receiver
	}
	if i < 0 || slices.Contains(r.wrappers[obj], i) {
		return false
	}
	args := append(slices.Clone(r.wrappers[obj]), i)
	slices.Sort(args)
	r.wrappers[obj] = args
	return true
}

// forwardsUnderDirective reports whether a sink call that forwards a parameter carries a
// tenantvet:ignore directive, which it then uses.
func (r *runner) forwardsUnderDirective(c *ssa.CallCommon, s sink) bool {
	forwards := false
	for _, a := range s.args {
		if a < len(c.Args) && slices.ContainsFunc(r.texts(sqlValue(c.Args[a])), func(t text) bool { return t.kind == paramText }) {
			forwards = true
		}
	}
	if !forwards {
		return false
	}
	call := r.callExpr(c)
	if call == nil {
		return false
	}
	return len(r.exempting(call.Pos())) > 0
}

// sqlValue returns the value an SQL argument was converted from when it was passed as an
// interface (gorm's Where, a configured sink taking any).
func sqlValue(v ssa.Value) ssa.Value {
	if mi, ok := v.(*ssa.MakeInterface); ok {
		return mi.X
	}
	return v
}

// isWrapperParam reports whether p is a SQL parameter of a wrapper of this package, whose
// callers are checked instead of its body.
func (r *runner) isWrapperParam(p *ssa.Parameter) bool {
	fn := p.Parent()
	obj, _ := fn.Object().(*types.Func)
	if obj == nil {
		return false
	}
	i := slices.Index(fn.Params, p)
	if fn.Signature.Recv() != nil {
		i--
	}
	return slices.Contains(r.wrappers[obj], i)
}
