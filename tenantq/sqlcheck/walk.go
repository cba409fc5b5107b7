package sqlcheck

import (
	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// forEachQuery calls fn for every statement nested in the expression tree rooted at n (the
// subselect of a SubLink, or a statement node met anywhere), without descending into it: the
// caller checks each as a query level of its own. Common expression nodes are walked directly;
// any other node kind is walked through protobuf reflection, so no nested query is missed.
func forEachQuery(n *pg.Node, fn func(q *pg.Node)) {
	if n == nil {
		return
	}
	switch x := n.Node.(type) {
	case nil, *pg.Node_ColumnRef, *pg.Node_ParamRef, *pg.Node_AConst, *pg.Node_AStar,
		*pg.Node_SqlvalueFunction, *pg.Node_SetToDefault, *pg.Node_String_, *pg.Node_Integer,
		*pg.Node_Float, *pg.Node_Boolean, *pg.Node_TypeName:
		return
	case *pg.Node_SelectStmt, *pg.Node_InsertStmt, *pg.Node_UpdateStmt, *pg.Node_DeleteStmt,
		*pg.Node_MergeStmt:
		fn(n)
	case *pg.Node_SubLink:
		forEachQuery(x.SubLink.Testexpr, fn)
		fn(x.SubLink.Subselect)
	case *pg.Node_AExpr:
		forEachQuery(x.AExpr.Lexpr, fn)
		forEachQuery(x.AExpr.Rexpr, fn)
	case *pg.Node_BoolExpr:
		forEachQueryIn(x.BoolExpr.Args, fn)
	case *pg.Node_List:
		forEachQueryIn(x.List.Items, fn)
	case *pg.Node_TypeCast:
		forEachQuery(x.TypeCast.Arg, fn)
	case *pg.Node_ResTarget:
		forEachQuery(x.ResTarget.Val, fn)
		forEachQueryIn(x.ResTarget.Indirection, fn)
	case *pg.Node_FuncCall:
		f := x.FuncCall
		forEachQueryIn(f.Args, fn)
		forEachQueryIn(f.AggOrder, fn)
		forEachQuery(f.AggFilter, fn)
		if f.Over != nil {
			walkReflect(f.Over.ProtoReflect(), fn)
		}
	case *pg.Node_RowExpr:
		forEachQueryIn(x.RowExpr.Args, fn)
	case *pg.Node_CaseExpr:
		forEachQuery(x.CaseExpr.Arg, fn)
		forEachQueryIn(x.CaseExpr.Args, fn)
		forEachQuery(x.CaseExpr.Defresult, fn)
	case *pg.Node_CaseWhen:
		forEachQuery(x.CaseWhen.Expr, fn)
		forEachQuery(x.CaseWhen.Result, fn)
	case *pg.Node_CoalesceExpr:
		forEachQueryIn(x.CoalesceExpr.Args, fn)
	case *pg.Node_NullTest:
		forEachQuery(x.NullTest.Arg, fn)
	case *pg.Node_BooleanTest:
		forEachQuery(x.BooleanTest.Arg, fn)
	case *pg.Node_SortBy:
		forEachQuery(x.SortBy.Node, fn)
	case *pg.Node_MultiAssignRef:
		// SET (a, b) = (SELECT ...) gives every column a MultiAssignRef to the same source.
		if x.MultiAssignRef.Colno == 1 {
			forEachQuery(x.MultiAssignRef.Source, fn)
		}
	case *pg.Node_AArrayExpr:
		forEachQueryIn(x.AArrayExpr.Elements, fn)
	default:
		walkReflect(n.ProtoReflect(), fn)
	}
}

func forEachQueryIn(list []*pg.Node, fn func(q *pg.Node)) {
	for _, n := range list {
		forEachQuery(n, fn)
	}
}

// walkReflect visits every field of m, handing each *pg.Node back to forEachQuery.
func walkReflect(m protoreflect.Message, fn func(q *pg.Node)) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		visit := func(m protoreflect.Message) {
			if n, ok := m.Interface().(*pg.Node); ok {
				forEachQuery(n, fn)
				return
			}
			walkReflect(m, fn)
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				visit(l.Get(i).Message())
			}
		case fd.IsMap():
		default:
			visit(v.Message())
		}
		return true
	})
}
