package sqlcheck

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// forEachQuery calls fn for every statement nested in the expression tree rooted at n (the
// subselect of a SubLink, or a statement node met anywhere), without descending into it: the
// caller checks each as a query level of its own. Function calls that hide SQL are handed to fn
// too. Common expression nodes are walked directly; any other node kind through protobuf
// reflection, so no nested query is missed. With a nil fn it only reports, cheaply, whether
// there is any.
func forEachQuery(n *pg.Node, fn func(q *pg.Node)) (found bool) {
	if n == nil {
		return false
	}
	hit := func(q *pg.Node) bool {
		if fn != nil {
			fn(q)
		}
		return true
	}
	switch x := n.Node.(type) {
	case nil, *pg.Node_ColumnRef, *pg.Node_ParamRef, *pg.Node_AConst, *pg.Node_AStar,
		*pg.Node_SqlvalueFunction, *pg.Node_SetToDefault, *pg.Node_String_, *pg.Node_Integer,
		*pg.Node_Float, *pg.Node_Boolean, *pg.Node_TypeName:
		return false
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt,
		*pg.Node_MergeStmt:
		return hit(n)
	case *pg.Node_SubLink:
		found = forEachQuery(x.SubLink.Testexpr, fn)
		return hit(x.SubLink.Subselect) || found
	case *pg.Node_AExpr:
		return either(fn, x.AExpr.Lexpr, x.AExpr.Rexpr)
	case *pg.Node_BoolExpr:
		return forEachQueryIn(x.BoolExpr.Args, fn)
	case *pg.Node_List:
		return forEachQueryIn(x.List.Items, fn)
	case *pg.Node_TypeCast:
		return forEachQuery(x.TypeCast.Arg, fn)
	case *pg.Node_ResTarget:
		found = forEachQuery(x.ResTarget.Val, fn)
		return forEachQueryIn(x.ResTarget.Indirection, fn) || found
	case *pg.Node_FuncCall:
		f := x.FuncCall
		if mayHideSQL(f) {
			found = hit(n) // reported as unverifiable by the caller
			if fn == nil {
				return true
			}
		}
		found = forEachQueryIn(f.Args, fn) || found
		found = forEachQueryIn(f.AggOrder, fn) || found
		found = forEachQuery(f.AggFilter, fn) || found
		if f.Over != nil {
			found = walkReflect(f.Over.ProtoReflect(), fn) || found
		}
		return found
	case *pg.Node_RowExpr:
		return forEachQueryIn(x.RowExpr.Args, fn)
	case *pg.Node_CaseExpr:
		found = either(fn, x.CaseExpr.Arg, x.CaseExpr.Defresult)
		return forEachQueryIn(x.CaseExpr.Args, fn) || found
	case *pg.Node_CaseWhen:
		return either(fn, x.CaseWhen.Expr, x.CaseWhen.Result)
	case *pg.Node_CoalesceExpr:
		return forEachQueryIn(x.CoalesceExpr.Args, fn)
	case *pg.Node_NullTest:
		return forEachQuery(x.NullTest.Arg, fn)
	case *pg.Node_BooleanTest:
		return forEachQuery(x.BooleanTest.Arg, fn)
	case *pg.Node_SortBy:
		return forEachQuery(x.SortBy.Node, fn)
	case *pg.Node_MultiAssignRef:
		// SET (a, b) = (SELECT ...) gives every column a MultiAssignRef to the same source.
		if x.MultiAssignRef.Colno == 1 {
			return forEachQuery(x.MultiAssignRef.Source, fn)
		}
		return false
	case *pg.Node_AArrayExpr:
		return forEachQueryIn(x.AArrayExpr.Elements, fn)
	default:
		return walkReflect(n.ProtoReflect(), fn)
	}
}

// either walks two nodes, both of them even when fn is nil and the first has a query.
func either(fn func(q *pg.Node), a, b *pg.Node) bool {
	found := forEachQuery(a, fn)
	if found && fn == nil {
		return true
	}
	return forEachQuery(b, fn) || found
}

func forEachQueryIn(list []*pg.Node, fn func(q *pg.Node)) (found bool) {
	for _, n := range list {
		if forEachQuery(n, fn) {
			found = true
			if fn == nil {
				return true
			}
		}
	}
	return found
}

// walkReflect visits every field of m, handing each *pg.Node back to forEachQuery.
func walkReflect(m protoreflect.Message, fn func(q *pg.Node)) (found bool) {
	visit := func(m protoreflect.Message) bool {
		if n, ok := m.Interface().(*pg.Node); ok {
			return forEachQuery(n, fn)
		}
		return walkReflect(m, fn)
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				found = visit(l.Get(i).Message()) || found
			}
		case fd.IsMap():
		default:
			found = visit(v.Message()) || found
		}
		return !(found && fn == nil)
	})
	return found
}

// walkMessages calls fn for m and every message under it, depth first, descending into a
// message's fields while fn returns true. forEachQuery walks the common node kinds directly
// for speed; the other walks of the tree (placeholders, locations, what a CTE body holds) use
// this one.
func walkMessages(m protoreflect.Message, fn func(protoreflect.Message) bool) {
	if !fn(m) {
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.Kind() != protoreflect.MessageKind, fd.IsMap():
		case fd.IsList():
			for i, l := 0, v.List(); i < l.Len(); i++ {
				walkMessages(l.Get(i).Message(), fn)
			}
		default:
			walkMessages(v.Message(), fn)
		}
		return true
	})
}
