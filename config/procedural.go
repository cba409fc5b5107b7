package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"

	"github.com/tenantq/tenantq/sqlcheck"
)

// DDL in procedural code: a migration often wraps "ALTER TABLE t ADD COLUMN IF NOT EXISTS"
// in a DO block, or creates tables from a function it then calls. The schema reader reads the
// PL/pgSQL (through pg_query's PL/pgSQL parser) and applies what it can know:
//
//   - statements that only add (CREATE TABLE, ADD COLUMN, constraints, indexes) are applied
//     as if they ran, even inside IF or an exception block: a column that may exist is one
//     the checker must treat as there, which only asks for more tenant predicates;
//   - statements that remove or move (DROP, DROP COLUMN, RENAME, SET SCHEMA, DETACH, NO
//     INHERIT), and dynamic SQL (EXECUTE), are refused with the file and line, since whether
//     and what they ran cannot be known;
//   - keys follow the same rule: adding a primary key, UNIQUE constraint, unique index,
//     foreign key or NOT NULL is applied (the idempotent "IF NOT EXISTS (SELECT FROM
//     pg_constraint ...)" guard leaves the key there either way), while dropping or renaming
//     one the reader knows (DROP CONSTRAINT, DROP INDEX, DROP NOT NULL, RENAME CONSTRAINT,
//     ALTER INDEX RENAME) is refused;
//   - a function whose body holds DDL is refused where a migration calls it.
//
// A "-- tenantvet:ignore <reason>" comment right above the DO block or the call makes the
// reader skip it, for code whose effect on the tables the team has put in tenantq.yaml.

// errDynamicDDL and errRemovingDDL are the reasons procedural DDL is refused.
var (
	errDynamicDDL  = errors.New("runs dynamic SQL (EXECUTE), whose DDL the schema reader cannot see")
	errRemovingDDL = errors.New("removes or moves a table or column inside procedural code, which may or may not have run")
)

// doBlock applies the DDL of a DO block, or returns why it cannot.
func (s *schema) doBlock(st *pg_query.DoStmt) error {
	body, lang := "", "plpgsql"
	for _, a := range st.GetArgs() {
		d := a.GetDefElem()
		switch d.GetDefname() {
		case "as":
			body = d.GetArg().GetString_().GetSval()
		case "language":
			lang = strings.ToLower(d.GetArg().GetString_().GetSval())
		}
	}
	if lang != "plpgsql" {
		return fmt.Errorf("is in language %s: the schema reader reads only PL/pgSQL", lang)
	}
	const tag = "$tenantq_do$"
	if strings.Contains(body, tag) {
		return errors.New("holds " + tag)
	}
	return s.plpgsql("CREATE FUNCTION tenantq_do() RETURNS void LANGUAGE plpgsql AS "+tag+body+tag, true)
}

// createFunction records a function or procedure whose body holds DDL, so that a migration
// that calls it is refused.
func (s *schema) createFunction(st *pg_query.CreateFunctionStmt, text string) {
	lang, body := "sql", ""
	for _, o := range st.GetOptions() {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "language":
			lang = strings.ToLower(d.GetArg().GetString_().GetSval())
		case "as":
			if items := d.GetArg().GetList().GetItems(); len(items) > 0 {
				body = items[0].GetString_().GetSval()
			}
		}
	}
	var err error
	switch {
	case lang == "plpgsql":
		err = s.plpgsql(text, false)
	case lang == "sql" && st.GetSqlBody() != nil:
		err = s.plainDDL(st.GetSqlBody(), false)
	case lang == "sql":
		err = s.sqlText(body, false)
	}
	if err != nil {
		name := st.GetFuncname()
		s.funcs[name[len(name)-1].GetString_().GetSval()] = s.where
	}
}

// plpgsql applies the DDL of a PL/pgSQL function definition (or, with apply unset, reports
// whether it holds any).
func (s *schema) plpgsql(def string, apply bool) error {
	if depth, _ := sqlcheck.Nesting(def); depth > sqlcheck.MaxDepth {
		return errTooDeep
	}
	out, err := pg_query.ParsePlPgSqlToJSON(def)
	if err != nil {
		return fmt.Errorf("PL/pgSQL does not parse: %w", err)
	}
	var tree any
	if err := json.Unmarshal([]byte(out), &tree); err != nil {
		return err
	}
	var queries []string
	dynamic := false
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, c := range x {
				switch k {
				case "PLpgSQL_stmt_dynexecute", "PLpgSQL_stmt_dynfors":
					dynamic = true
				case "PLpgSQL_stmt_execsql", "PLpgSQL_stmt_perform":
					if q, ok := queryOf(c); ok {
						queries = append(queries, q)
					}
				}
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(tree)
	if dynamic {
		return errDynamicDDL
	}
	for _, q := range queries {
		if err := s.sqlText(q, apply); err != nil {
			return err
		}
	}
	return nil
}

// queryOf returns the query text of a PL/pgSQL statement's expression.
func queryOf(stmt any) (string, bool) {
	m, _ := stmt.(map[string]any)
	for _, k := range []string{"sqlstmt", "expr"} {
		if e, ok := m[k].(map[string]any); ok {
			if pe, ok := e["PLpgSQL_expr"].(map[string]any); ok {
				q, ok := pe["query"].(string)
				return q, ok
			}
		}
	}
	return "", false
}

// sqlText applies the DDL of SQL text found in procedural code; apply says whether additive
// DDL is applied (a DO block's) or only detected (a function's, which runs when called).
func (s *schema) sqlText(q string, apply bool) error {
	if depth, _ := sqlcheck.Nesting(q); depth > sqlcheck.MaxDepth {
		return errTooDeep
	}
	res, err := pg_query.Parse(q)
	if err != nil {
		return nil // a PL/pgSQL expression that is no statement: no DDL
	}
	for _, raw := range res.GetStmts() {
		if err := s.plainDDL(raw.GetStmt(), apply); err != nil {
			return err
		}
	}
	return nil
}

// plainDDL applies one statement of procedural code: DDL that only adds is applied when
// apply is set (and reported as DDL otherwise); DDL that removes or moves is refused; a
// call of a function holding DDL is refused.
func (s *schema) plainDDL(n *pg_query.Node, apply bool) error {
	if f := s.callsDDLFunction(n); f != "" {
		return fmt.Errorf("calls %s(), whose body holds DDL (%s)", f, s.funcs[f])
	}
	switch s.ddlKind(n) {
	case ddlNone:
		return nil
	case ddlRemoves:
		return errRemovingDDL
	case ddlKeys:
		return errKeyDDL
	}
	if !apply {
		return errRemovingDDL // any DDL in a function body: refused where it is called
	}
	if err := s.statement(n); err != nil {
		return fmt.Errorf("holds DDL the schema reader cannot apply: %w", err)
	}
	return nil
}

type ddl uint8

const (
	ddlNone ddl = iota
	ddlAdds
	ddlRemoves
	ddlKeys // removes or renames a key, a foreign key or NOT NULL
)

// ddlKind classifies a statement by what it does to tables, columns and keys. Adding a key,
// a foreign key or NOT NULL counts as adding: the idempotent "IF NOT EXISTS (SELECT FROM
// pg_constraint ...) THEN ALTER TABLE ... ADD CONSTRAINT" leaves it there either way.
// Dropping or renaming one that the reader knows is refused, as dropping a column is.
func (s *schema) ddlKind(n *pg_query.Node) ddl {
	switch x := n.GetNode().(type) {
	case *pg_query.Node_CreateStmt, *pg_query.Node_CreateForeignTableStmt, *pg_query.Node_CreateTableAsStmt:
		return ddlAdds
	case *pg_query.Node_IndexStmt:
		if x.IndexStmt.GetUnique() {
			return ddlAdds
		}
	case *pg_query.Node_SelectStmt:
		if x.SelectStmt.GetIntoClause() != nil {
			return ddlAdds
		}
	case *pg_query.Node_AlterTableStmt:
		kind := ddlNone
		for _, c := range x.AlterTableStmt.GetCmds() {
			switch c.GetAlterTableCmd().GetSubtype() {
			case pg_query.AlterTableType_AT_DropColumn, pg_query.AlterTableType_AT_DropInherit,
				pg_query.AlterTableType_AT_DetachPartition, pg_query.AlterTableType_AT_DetachPartitionFinalize:
				return ddlRemoves
			case pg_query.AlterTableType_AT_AddColumn, pg_query.AlterTableType_AT_AddInherit,
				pg_query.AlterTableType_AT_AttachPartition, pg_query.AlterTableType_AT_SetNotNull,
				pg_query.AlterTableType_AT_AddIndexConstraint:
				kind = max(kind, ddlAdds)
			case pg_query.AlterTableType_AT_AddConstraint:
				switch c := c.GetAlterTableCmd().GetDef().GetConstraint(); c.GetContype() {
				case pg_query.ConstrType_CONSTR_PRIMARY, pg_query.ConstrType_CONSTR_UNIQUE, pg_query.ConstrType_CONSTR_FOREIGN:
					kind = max(kind, ddlAdds)
				}
			case pg_query.AlterTableType_AT_DropNotNull:
				kind = ddlKeys
			case pg_query.AlterTableType_AT_DropConstraint:
				if t := s.lookupRange(x.AlterTableStmt.GetRelation()); t != nil && s.hasConstraint(t, c.GetAlterTableCmd().GetName()) {
					kind = ddlKeys
				}
			}
		}
		return kind
	case *pg_query.Node_RenameStmt:
		switch x.RenameStmt.GetRenameType() {
		case pg_query.ObjectType_OBJECT_TABCONSTRAINT:
			if t := s.lookupRange(x.RenameStmt.GetRelation()); t != nil && s.hasConstraint(t, x.RenameStmt.GetSubname()) {
				return ddlKeys
			}
		case pg_query.ObjectType_OBJECT_INDEX:
			if t, _ := s.findKey(x.RenameStmt.GetRelation().GetSchemaname(), x.RenameStmt.GetRelation().GetRelname()); t != nil {
				return ddlKeys
			}
		}
		if isTableType(x.RenameStmt.GetRenameType()) || x.RenameStmt.GetRenameType() == pg_query.ObjectType_OBJECT_COLUMN {
			return ddlRemoves
		}
	case *pg_query.Node_AlterObjectSchemaStmt:
		if isTableType(x.AlterObjectSchemaStmt.GetObjectType()) {
			return ddlRemoves
		}
	case *pg_query.Node_DropStmt:
		if isTableType(x.DropStmt.GetRemoveType()) {
			return ddlRemoves
		}
		if x.DropStmt.GetRemoveType() == pg_query.ObjectType_OBJECT_INDEX {
			for _, n := range indexNames(x.DropStmt) {
				if t, _ := s.findKey(n[0], n[1]); t != nil {
					return ddlKeys
				}
			}
		}
	}
	return ddlNone
}

// callsDDLFunction returns the name of a function holding DDL that n calls, or "".
func (s *schema) callsDDLFunction(n *pg_query.Node) string {
	if len(s.funcs) == 0 {
		return ""
	}
	var found string
	var walk func(m protoreflect.Message)
	walk = func(m protoreflect.Message) {
		if f, ok := m.Interface().(*pg_query.FuncCall); ok {
			name := f.GetFuncname()
			if n := name[len(name)-1].GetString_().GetSval(); s.funcs[n] != "" {
				found = n
				return
			}
		}
		if c, ok := m.Interface().(*pg_query.CallStmt); ok && c.GetFunccall() != nil {
			walk(c.GetFunccall().ProtoReflect())
		}
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			if fd.Kind() != protoreflect.MessageKind || fd.IsMap() {
				return true
			}
			if fd.IsList() {
				for i, l := 0, v.List(); i < l.Len() && found == ""; i++ {
					walk(l.Get(i).Message())
				}
			} else {
				walk(v.Message())
			}
			return found == ""
		})
	}
	walk(n.ProtoReflect())
	return found
}
