package sqltext

import pg "github.com/pganalyze/pg_query_go/v6"

// FigureColname names an unaliased select-list expression as PostgreSQL does (parse_target.c,
// FigureColnameInternal, as of PostgreSQL 17): the name and its strength, 2 for a name the
// expression gives (a column, a function), 1 for a fallback (a cast's type, "case"), 0 for
// none (PostgreSQL then writes ?column?). sure is false where the name cannot be told from the
// raw parse tree alone, or the expression is of a kind this port does not know: a caller must
// then treat the name as possibly any name. The checker and the schema reader both use it.
func FigureColname(n *pg.Node) (name string, strength int, sure bool) {
	switch x := n.GetNode().(type) {
	case *pg.Node_ColumnRef:
		if f := x.ColumnRef.GetFields(); len(f) > 0 && f[len(f)-1].GetString_() != nil {
			return f[len(f)-1].GetString_().GetSval(), 2, true
		}
		return "", 0, true
	case *pg.Node_AIndirection:
		ind := x.AIndirection.GetIndirection()
		for i := len(ind) - 1; i >= 0; i-- {
			if s := ind[i].GetString_(); s != nil {
				return s.GetSval(), 2, true
			}
		}
		return FigureColname(x.AIndirection.GetArg())
	case *pg.Node_FuncCall:
		f := x.FuncCall.GetFuncname()
		return f[len(f)-1].GetString_().GetSval(), 2, true
	case *pg.Node_AExpr:
		if x.AExpr.GetKind() == pg.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2, true
		}
		return "", 0, true
	case *pg.Node_TypeCast:
		name, strength, sure := FigureColname(x.TypeCast.GetArg())
		if strength <= 1 {
			if t := x.TypeCast.GetTypeName().GetNames(); len(t) > 0 {
				return t[len(t)-1].GetString_().GetSval(), 1, sure
			}
		}
		return name, strength, sure
	case *pg.Node_CollateClause:
		return FigureColname(x.CollateClause.GetArg())
	case *pg.Node_GroupingFunc:
		return "grouping", 2, true
	case *pg.Node_MergeSupportFunc:
		return "merge_action", 2, true
	case *pg.Node_SubLink:
		switch x.SubLink.GetSubLinkType() {
		case pg.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2, true
		case pg.SubLinkType_ARRAY_SUBLINK:
			return "array", 2, true
		case pg.SubLinkType_EXPR_SUBLINK:
			// The name of the subquery's single output column, as PostgreSQL names it.
			sel := x.SubLink.GetSubselect().GetSelectStmt()
			for sel.GetLarg() != nil {
				sel = sel.GetLarg()
			}
			if tl := sel.GetTargetList(); len(tl) > 0 {
				rt := tl[0].GetResTarget()
				if rt.GetName() != "" {
					return rt.GetName(), 2, true
				}
				name, strength, sure := FigureColname(rt.GetVal())
				if strength == 0 && sure {
					name = "?column?" // PostgreSQL names the inner column so, and takes that
				}
				return name, 2, sure
			}
			return "", 0, false
		}
		return "", 0, true
	case *pg.Node_CaseExpr:
		name, strength, sure := FigureColname(x.CaseExpr.GetDefresult())
		if strength <= 1 {
			return "case", 1, sure || x.CaseExpr.GetDefresult() == nil
		}
		return name, strength, sure
	case *pg.Node_AArrayExpr:
		return "array", 2, true
	case *pg.Node_RowExpr:
		return "row", 2, true
	case *pg.Node_CoalesceExpr:
		return "coalesce", 2, true
	case *pg.Node_MinMaxExpr:
		if x.MinMaxExpr.GetOp() == pg.MinMaxOp_IS_GREATEST {
			return "greatest", 2, true
		}
		return "least", 2, true
	case *pg.Node_SqlvalueFunction:
		if name := sqlValueNames[x.SqlvalueFunction.GetOp()]; name != "" {
			return name, 2, true
		}
	case *pg.Node_XmlExpr:
		if name := xmlNames[x.XmlExpr.GetOp()]; name != "" {
			return name, 2, true
		}
		return "", 0, true // IS DOCUMENT
	case *pg.Node_XmlSerialize:
		return "xmlserialize", 2, true
	case *pg.Node_AConst, *pg.Node_ParamRef, *pg.Node_BoolExpr, *pg.Node_NullTest, *pg.Node_BooleanTest:
		return "", 0, true
	}
	return "", 0, false
}

var sqlValueNames = map[pg.SQLValueFunctionOp]string{
	pg.SQLValueFunctionOp_SVFOP_CURRENT_DATE: "current_date", pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME: "current_time",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N: "current_time", pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP: "current_timestamp",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N: "current_timestamp", pg.SQLValueFunctionOp_SVFOP_LOCALTIME: "localtime",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIME_N: "localtime", pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP: "localtimestamp",
	pg.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N: "localtimestamp", pg.SQLValueFunctionOp_SVFOP_CURRENT_ROLE: "current_role",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_USER: "current_user", pg.SQLValueFunctionOp_SVFOP_USER: "user",
	pg.SQLValueFunctionOp_SVFOP_SESSION_USER: "session_user", pg.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG: "current_catalog",
	pg.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA: "current_schema",
}

var xmlNames = map[pg.XmlExprOp]string{
	pg.XmlExprOp_IS_XMLCONCAT: "xmlconcat", pg.XmlExprOp_IS_XMLELEMENT: "xmlelement", pg.XmlExprOp_IS_XMLFOREST: "xmlforest",
	pg.XmlExprOp_IS_XMLPARSE: "xmlparse", pg.XmlExprOp_IS_XMLPI: "xmlpi", pg.XmlExprOp_IS_XMLROOT: "xmlroot",
	pg.XmlExprOp_IS_XMLSERIALIZE: "xmlserialize",
}
