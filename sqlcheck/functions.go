package sqlcheck

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// A funcKind says what a server function does with the tenant data it can reach.
type funcKind uint8

const (
	// funcHarmless reads no row of any table: sizes, sequences, catalog properties.
	funcHarmless funcKind = iota
	// funcRunsSQL runs SQL given as text, on this connection or another.
	funcRunsSQL
	// funcReadsRelation reads the rows of a relation (or of every relation of a schema or
	// database) named by a string or regclass, bypassing the statement's predicates.
	funcReadsRelation
	// funcReadsCursor reads the rows of a cursor declared by another statement.
	funcReadsCursor
	// funcReadsPages reads the raw pages, tuples or row locks of a relation, every tenant's.
	funcReadsPages
	// funcWritesRows changes rows of a relation by physical address, every tenant's.
	funcWritesRows
	// funcStatistics computes statistics over every row of a relation, every tenant's.
	funcStatistics
	// funcFiles reads or writes server files or large objects, which belong to no tenant.
	funcFiles
	// funcSessions shows other sessions' SQL.
	funcSessions
)

// why says what a function of this kind does, after its name.
func (k funcKind) why() string {
	switch k {
	case funcRunsSQL:
		return "runs SQL given as text, which the checker cannot see"
	case funcReadsRelation:
		return "reads every row of a relation named by a string, past the statement's predicates"
	case funcReadsCursor:
		return "reads a cursor that another statement declared, for whichever tenant declared it"
	case funcReadsPages:
		return "reads the raw pages, tuples or row locks of a relation, every tenant's"
	case funcWritesRows:
		return "changes rows by physical address, every tenant's"
	case funcStatistics:
		return "computes statistics over every tenant's rows of a relation"
	case funcFiles:
		return "reads or writes server files or large objects, which belong to no tenant"
	case funcSessions:
		return "shows other sessions' SQL, with other tenants' values"
	}
	return ""
}

// catalogFuncs classifies every function of PostgreSQL and of its contrib extensions that
// takes SQL text, a relation, a cursor, a schema or a file by name: the list comes from the
// catalog (pg_proc, with every contrib extension created), not from memory, and
// TestCatalogFunctionsClassified checks on a real server that no such function is missing.
// Functions are matched by name in any schema, since an extension can be installed in any.
var catalogFuncs = map[string]funcKind{
	// Core: SQL as text.
	"query_to_xml": funcRunsSQL, "query_to_xmlschema": funcRunsSQL, "query_to_xml_and_xmlschema": funcRunsSQL,
	"ts_stat": funcRunsSQL, "ts_rewrite": funcRunsSQL,
	// Core: relations, schemas and databases read by name.
	"table_to_xml": funcReadsRelation, "table_to_xmlschema": funcHarmless, "table_to_xml_and_xmlschema": funcReadsRelation,
	"schema_to_xml": funcReadsRelation, "schema_to_xmlschema": funcHarmless, "schema_to_xml_and_xmlschema": funcReadsRelation,
	"database_to_xml": funcReadsRelation, "database_to_xmlschema": funcHarmless, "database_to_xml_and_xmlschema": funcReadsRelation,
	"cursor_to_xml": funcReadsCursor, "cursor_to_xmlschema": funcHarmless,
	// Core: files, large objects and other sessions.
	"pg_read_file": funcFiles, "pg_read_binary_file": funcFiles, "pg_stat_file": funcFiles, "pg_ls_dir": funcFiles,
	"lo_get": funcFiles, "lo_export": funcFiles, "lo_import": funcFiles, "lo_put": funcFiles, "lo_from_bytea": funcFiles,
	"loread": funcFiles, "lo_open": funcFiles,
	"pg_stat_get_activity": funcSessions, "pg_stat_get_backend_activity": funcSessions,
	"pg_prepared_statement": funcSessions, "pg_cursor": funcSessions,
	// Core: reads no row (sizes, sequences, catalog properties, index maintenance).
	"currval": funcHarmless, "nextval": funcHarmless, "setval": funcHarmless, "pg_sequence_last_value": funcHarmless,
	"pg_relation_size": funcHarmless, "pg_table_size": funcHarmless, "pg_total_relation_size": funcHarmless,
	"pg_indexes_size": funcHarmless, "pg_relation_filenode": funcHarmless, "pg_relation_filepath": funcHarmless,
	"pg_column_is_updatable": funcHarmless, "pg_relation_is_updatable": funcHarmless, "pg_relation_is_publishable": funcHarmless,
	"pg_get_replica_identity_index": funcHarmless, "pg_index_column_has_property": funcHarmless, "pg_index_has_property": funcHarmless,
	"pg_partition_ancestors": funcHarmless, "pg_partition_root": funcHarmless, "pg_partition_tree": funcHarmless,
	"pg_nextoid": funcHarmless, "pg_extension_config_dump": funcHarmless, "pg_extension_update_paths": funcHarmless,
	"pg_get_publication_tables": funcHarmless, "pg_identify_object": funcHarmless, "pg_ls_tmpdir": funcHarmless,
	"pg_stat_get_progress_info": funcHarmless, "pg_stat_get_subscription": funcHarmless,
	"brin_desummarize_range": funcHarmless, "brin_summarize_new_values": funcHarmless, "brin_summarize_range": funcHarmless,
	"gin_clean_pending_list": funcHarmless, "regclassout": funcHarmless, "regclasssend": funcHarmless,
	"set_config": funcHarmless, // its setting is checked on its own: see readingSettings
	// tablefunc: crosstab runs its SQL arguments; connectby reads a relation by name.
	"crosstab": funcRunsSQL, "crosstab2": funcRunsSQL, "crosstab3": funcRunsSQL, "crosstab4": funcRunsSQL,
	"connectby": funcReadsRelation, "normal_rand": funcHarmless,
	// dblink: SQL on another connection, which may be this database.
	"dblink": funcRunsSQL, "dblink_exec": funcRunsSQL, "dblink_send_query": funcRunsSQL, "dblink_open": funcRunsSQL,
	"dblink_fetch": funcRunsSQL, "dblink_get_result": funcRunsSQL, "dblink_close": funcRunsSQL,
	"dblink_build_sql_insert": funcReadsRelation, "dblink_build_sql_update": funcReadsRelation,
	"dblink_build_sql_delete": funcHarmless, "dblink_get_pkey": funcHarmless,
	"dblink_connect": funcHarmless, "dblink_connect_u": funcHarmless, "dblink_disconnect": funcHarmless,
	"dblink_cancel_query": funcHarmless, "dblink_error_message": funcHarmless, "dblink_is_busy": funcHarmless,
	"dblink_get_notify": funcHarmless, "dblink_current_query": funcHarmless, "dblink_get_connections": funcHarmless, "dblink_fdw_validator": funcHarmless,
	// xml2: xpath_table reads a relation by name with a WHERE clause given as text.
	"xpath_table": funcRunsSQL, "xml_encode_special_chars": funcHarmless, "xml_valid": funcHarmless,
	"xpath_bool": funcHarmless, "xpath_list": funcHarmless, "xpath_nodeset": funcHarmless,
	"xpath_number": funcHarmless, "xpath_string": funcHarmless, "xslt_process": funcHarmless,
	// pageinspect: raw pages and tuples.
	"get_raw_page": funcReadsPages, "heap_page_items": funcReadsPages, "heap_page_item_attrs": funcReadsPages,
	"tuple_data_split": funcReadsPages, "bt_page_items": funcReadsPages, "bt_metap": funcReadsPages,
	"bt_page_stats": funcReadsPages, "brin_page_items": funcReadsPages, "gist_page_items": funcReadsPages,
	"hash_bitmap_info": funcReadsPages, "hash_page_items": funcReadsPages, "gin_leafpage_items": funcReadsPages,
	"brin_metapage_info": funcReadsPages, "brin_page_type": funcReadsPages, "brin_revmap_data": funcReadsPages,
	"fsm_page_contents": funcReadsPages, "gin_metapage_info": funcReadsPages, "gin_page_opaque_info": funcReadsPages,
	"gist_page_items_bytea": funcReadsPages, "gist_page_opaque_info": funcReadsPages, "hash_metapage_info": funcReadsPages,
	"hash_page_stats": funcReadsPages, "hash_page_type": funcReadsPages, "heap_tuple_infomask_flags": funcReadsPages,
	"page_checksum": funcReadsPages, "page_header": funcReadsPages,
	// pgrowlocks, pg_visibility, pg_surgery, amcheck: tuples and their addresses.
	"pgrowlocks": funcReadsPages, "pg_check_frozen": funcReadsPages, "pg_check_visible": funcReadsPages,
	"pg_visibility": funcReadsPages, "pg_visibility_map": funcHarmless, "pg_visibility_map_summary": funcHarmless,
	"pg_truncate_visibility_map": funcHarmless,
	"heap_force_freeze":          funcWritesRows, "heap_force_kill": funcWritesRows,
	"verify_heapam": funcReadsPages, "bt_index_check": funcHarmless, "bt_index_parent_check": funcHarmless,
	// pgstattuple: counts over every tenant's rows, like the pg_stats view.
	"pgstattuple": funcStatistics, "pgstattuple_approx": funcStatistics, "pgstatindex": funcStatistics,
	"pgstatginindex": funcStatistics, "pgstathashindex": funcStatistics, "pg_relpages": funcHarmless,
	// pg_freespacemap, pg_prewarm: free space and cache warming, no rows.
	"pg_freespace": funcHarmless, "pg_prewarm": funcHarmless,
	// pg_stat_statements: other sessions' SQL.
	"pg_stat_statements": funcSessions, "pg_stat_statements_reset": funcHarmless, "pg_stat_statements_info": funcHarmless,
	// adminpack: server files.
	"pg_file_write": funcFiles, "pg_file_rename": funcFiles, "pg_file_unlink": funcFiles, "pg_file_sync": funcFiles,
	"pg_logdir_ls": funcFiles,
	// Foreign-data wrappers' helpers and validators.
	"postgres_fdw_disconnect": funcHarmless, "postgres_fdw_disconnect_all": funcHarmless,
	"postgres_fdw_get_connections": funcHarmless, "postgres_fdw_validator": funcHarmless,
	"file_fdw_validator": funcHarmless, "plpgsql_validator": funcHarmless,
}

// mayHideSQL reports whether a function call may hide which rows a statement reaches, or
// change how later statements are read: [stmtChecker.hiddenSQL] says whether it does, and why.
func mayHideSQL(f *pg.FuncCall) bool {
	name := f.Funcname[len(f.Funcname)-1].GetString_().GetSval()
	if name == "set_config" {
		if len(f.Args) == 0 {
			return false
		}
		setting, ok := stringConst(f.Args[0])
		_, reading := readingSettings[strings.ToLower(setting)]
		// A custom parameter (with a dot) may carry the tenant to row-level security, which
		// the policy says: hiddenSQL looks.
		return !ok || reading || strings.Contains(setting, ".")
	}
	if catalogFuncs[name] != funcHarmless {
		return true
	}
	for _, a := range f.Args {
		if s, ok := stringConst(a); ok && readsAsQuery(s) {
			return true
		}
	}
	return false
}

// hiddenSQL says why a function call hides which rows a statement reaches, with a hint, or
// returns "" when it does not. A function is matched by name in any schema. Besides the
// catalog's functions, any call given a string constant that reads as a query is refused:
// a function of the application's own that runs its argument is no safer than crosstab.
func (sc *stmtChecker) hiddenSQL(f *pg.FuncCall) (why, hint string) {
	name := f.Funcname[len(f.Funcname)-1].GetString_().GetSval()
	if name == "set_config" {
		return sc.settingCall(f)
	}
	if k := catalogFuncs[name]; k != funcHarmless {
		hint := "run the query it would run directly, where the checker sees it, or call it from unscoped admin code"
		return fmt.Sprintf("%s() %s", name, k.why()), hint
	}
	for _, a := range f.Args {
		if s, ok := stringConst(a); ok && readsAsQuery(s) {
			return fmt.Sprintf("%s() is given SQL as text (%s), which the checker cannot follow", name, abbreviate(s)),
				"run the query directly, where the checker sees it, or call the function from unscoped admin code"
		}
	}
	return "", ""
}

// settingCall reports set_config of a setting that changes how the server reads later
// statements.
func (sc *stmtChecker) settingCall(f *pg.FuncCall) (why, hint string) {
	if len(f.Args) == 0 {
		return "", ""
	}
	setting, ok := stringConst(f.Args[0])
	if !ok {
		return "set_config() of a setting named at run time may change how the server reads later statements",
			"name the setting with a constant"
	}
	value, constant := "", false
	if len(f.Args) > 1 {
		value, constant = stringConst(f.Args[1])
	}
	if msg := sc.readingSetting(strings.ToLower(setting), value, constant, ""); msg != "" {
		return "set_config() of " + strconv.Quote(setting) + " " + msg, sc.hintFor(strings.ToLower(setting))
	}
	return "", ""
}

// stringConst returns the value of a string constant, cast or not.
func stringConst(n *pg.Node) (string, bool) {
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.Arg
	}
	c := n.GetAConst()
	if c == nil || c.GetSval() == nil {
		return "", false
	}
	return c.GetSval().GetSval(), true
}

// queryWords start a statement that reads or writes rows.
var queryWords = []string{"select", "with", "insert", "update", "delete", "merge", "table", "values", "copy", "execute", "call", "do"}

// formatSpec matches format()'s %s, %I, %L and %1$s, which stand for a value or a name.
var formatSpec = regexp.MustCompile(`%(\d+\$)?-?\d*[sIL]`)

// readsAsQuery reports whether a string constant is a statement that reads or writes a
// relation: it starts with one of queryWords, PostgreSQL parses it (with format()'s
// placeholders standing for a name), and it names a relation.
func readsAsQuery(s string) bool {
	t := strings.TrimLeft(s, " \t\r\n(")
	word := t
	if i := strings.IndexFunc(t, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') }); i >= 0 {
		word = t[:i]
	}
	known := false
	for _, w := range queryWords {
		if strings.EqualFold(word, w) {
			known = true
			break
		}
	}
	if !known {
		return false
	}
	s = formatSpec.ReplaceAllString(s, "x")
	// The text was a literal, so the depth guard of the statement did not count its
	// parentheses: guard it before the C parser sees it, failing closed.
	if d, _ := Nesting(s); d > MaxDepth {
		return true
	}
	tree, err := pg.Parse(s)
	return err == nil && namesRelation(tree.ProtoReflect())
}

// namesRelation reports whether a parse tree names a relation anywhere.
func namesRelation(m protoreflect.Message) (found bool) {
	if _, ok := m.Interface().(*pg.RangeVar); ok {
		return true
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		switch {
		case fd.IsList():
			for i, l := 0, v.List(); i < l.Len() && !found; i++ {
				found = namesRelation(l.Get(i).Message())
			}
		case fd.IsMap():
		default:
			found = namesRelation(v.Message())
		}
		return !found
	})
	return found
}

// abbreviate quotes the start of a long text.
func abbreviate(s string) string {
	const max = 40
	if len(s) > max {
		s = s[:max] + "..."
	}
	return strconv.Quote(s)
}
