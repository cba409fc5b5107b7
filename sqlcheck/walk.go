package sqlcheck

import (
	"fmt"
	"strconv"

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
		if hiddenSQL(f) != "" {
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

// sqlTextFuncs run SQL given as text, or read whole relations named by a string: the checker
// cannot see which rows they touch.
var sqlTextFuncs = map[string]bool{
	"query_to_xml": true, "query_to_xmlschema": true, "query_to_xml_and_xmlschema": true,
	"table_to_xml": true, "table_to_xmlschema": true, "table_to_xml_and_xmlschema": true,
	"cursor_to_xml": true, "cursor_to_xmlschema": true,
	"schema_to_xml": true, "schema_to_xmlschema": true, "schema_to_xml_and_xmlschema": true,
	"database_to_xml": true, "database_to_xmlschema": true, "database_to_xml_and_xmlschema": true,
	"ts_stat": true, "ts_rewrite": true, "xpath_table": true,
	"dblink": true, "dblink_exec": true, "dblink_send_query": true, "dblink_open": true, "dblink_fetch": true,
	"pg_read_file": true, "pg_read_binary_file": true, "lo_get": true, "lo_export": true, "lo_import": true,
	// They expose other sessions' SQL, like the pg_stat_activity view.
	"pg_stat_get_activity": true, "pg_stat_get_backend_activity": true, "pg_stat_statements": true,
}

// sessionSettings change how later statements are read: standard_conforming_strings changes
// how the server lexes string literals, search_path which table a name means.
var sessionSettings = map[string]bool{"standard_conforming_strings": true, "search_path": true}

// hiddenSQL returns why a function call hides what SQL runs, or "".
func hiddenSQL(f *pg.FuncCall) string {
	name := f.Funcname[len(f.Funcname)-1].GetString_().GetSval()
	if len(f.Funcname) == 2 && f.Funcname[0].GetString_().GetSval() != "pg_catalog" && f.Funcname[0].GetString_().GetSval() != "public" {
		return ""
	}
	switch {
	case sqlTextFuncs[name]:
		return fmt.Sprintf("%s() runs SQL given as text or reads a whole relation by name", name)
	case name == "set_config":
		setting := ""
		if len(f.Args) > 0 {
			setting = f.Args[0].GetAConst().GetSval().GetSval()
		}
		if setting == "" || sessionSettings[setting] {
			return "set_config() of " + strconv.Quote(setting) + " changes how later statements are read"
		}
	}
	return ""
}
