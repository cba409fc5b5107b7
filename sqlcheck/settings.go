package sqlcheck

import (
	"fmt"
	"slices"
	"strings"

	pg "github.com/pganalyze/pg_query_go/v6"
)

// A readingSetting is a setting that changes how the server reads the text of later
// statements, or which table a name means, so that a statement the checker reads as pinned
// runs unpinned.
type readingSetting struct {
	safe   []string // the values (lower case) that keep the server reading as the checker does
	effect string   // what another value changes, after "changes"
}

// readingSettings are refused wherever they are set (SET, SET LOCAL, set_config, UPDATE
// pg_settings, ALTER ROLE, DATABASE or SYSTEM ... SET) to any value but a safe one; a value
// given at run time, or DEFAULT where the default is not known to be safe, is refused too.
var readingSettings = map[string]readingSetting{
	// Off, a backslash escapes a quote in an ordinary literal: 'x\' AND tenant_id = 1 ...' is
	// then one literal for the server and a pin for the checker.
	"standard_conforming_strings": {[]string{"on", "true", "yes", "1"}, "how the server reads string literals in later statements"},
	// In SJIS, BIG5, GBK and GB18030 a multibyte character can end in a backslash byte, so
	// the server splits literals where the checker, reading UTF-8, does not.
	"client_encoding": {[]string{"utf8", "utf-8", "unicode"}, "how the server splits later statements' text into literals"},
	// On, \' is accepted in escape strings even in client encodings where that is unsafe.
	"backslash_quote": {[]string{"safe_encoding", "off", "false", "no", "0"}, "how the server reads string literals in later statements"},
	// Which schema an unqualified name means; checked against the policy's search path.
	"search_path": {nil, "which table an unqualified name means in later statements"},
	// The role names the "$user" schema of the default search path (and the policies applied).
	"role":                  {nil, `which schema "$user" names in the search path, and so which table a name means in later statements`},
	"session_authorization": {nil, `which schema "$user" names in the search path, and so which table a name means in later statements`},
	// replica turns off triggers, foreign keys among them.
	"session_replication_role": {[]string{"origin"}, "whether the triggers and foreign keys that keep tenants' rows apart run"},
}

// tenantSettingEffect is what setting the parameter that carries the tenant to the
// database's row-level security policies changes.
const tenantSettingEffect = "which tenant's rows the database's row-level security policies show to later statements"

// reading returns what setting name changes, when it is a reading setting or the parameter
// that carries the tenant to row-level security: tenantq.tenant, and the one the policy
// names, and every other tenantq.* parameter (tenantq.role keeps the role an Unscoped
// statement replaced). Only tenantq's runtime sets them, before each statement; a statement
// that sets them picks its own tenant.
func (sc *stmtChecker) reading(name string) (readingSetting, bool) {
	if rs, ok := readingSettings[name]; ok {
		return rs, true
	}
	if name == DefaultTenantSetting || name == sc.pol.tenantSetting || strings.HasPrefix(name, "tenantq.") {
		return readingSetting{effect: tenantSettingEffect}, true
	}
	return readingSetting{}, false
}

// settingHint is the hint for a refused setting.
const settingHint = "keep the value the checker assumes (for search_path, the schemas of the policy's search_path key)"

// tenantSettingHint is the hint for a statement that sets the tenant parameter.
const tenantSettingHint = "leave it to tenantq's runners and guard, which set it from the scope or the context's tenant (Unscoped(reason) for rows of other tenants)"

// hintFor returns the hint for a refused setting of name.
func (sc *stmtChecker) hintFor(name string) string {
	if rs, _ := sc.reading(name); rs.effect == tenantSettingEffect {
		return tenantSettingHint
	}
	return settingHint
}

// readingSetting says why setting name to value changes how later statements are read, or
// returns "" when it does not. constant is false when the value is not known before run time;
// where says where the setting lasts (" on this connection"), or is empty.
func (sc *stmtChecker) readingSetting(name, value string, constant bool, where string) string {
	rs, ok := sc.reading(name)
	if !ok {
		return ""
	}
	if rs.effect == tenantSettingEffect {
		return fmt.Sprintf("changes %s%s: tenantq's runtime sets it for each statement, and a statement must not choose its own tenant", rs.effect, where)
	}
	switch {
	case !constant:
		return fmt.Sprintf("to a value given at run time changes %s%s, which the checker cannot see", rs.effect, where)
	case name == "search_path":
		if sc.searchPathMatches(value) {
			return ""
		}
		return fmt.Sprintf("to %q changes %s%s; the checker resolves names with the policy's search path %q",
			value, rs.effect, where, strings.Join(sc.pol.searchPath, ", "))
	case slices.Contains(rs.safe, strings.ToLower(strings.TrimSpace(value))):
		return ""
	}
	return fmt.Sprintf("to %q changes %s%s, which the checker cannot see", value, rs.effect, where)
}

// searchPathMatches reports whether a search_path value names the policy's search path.
func (sc *stmtChecker) searchPathMatches(value string) bool {
	var got []string
	for _, s := range strings.Split(value, ",") {
		s = strings.TrimSpace(s)
		if q, ok := strings.CutPrefix(s, `"`); ok {
			s = strings.ReplaceAll(strings.TrimSuffix(q, `"`), `""`, `"`)
		} else {
			s = strings.ToLower(s)
		}
		if s != "" {
			got = append(got, s)
		}
	}
	return slices.Equal(got, sc.pol.searchPath)
}

// setValue returns the value a SET statement gives, joined as the server shows it, and
// whether it is known.
func setValue(v *pg.VariableSetStmt) (string, bool) {
	switch v.Kind {
	case pg.VariableSetKind_VAR_SET_VALUE:
		var parts []string
		for _, a := range v.Args {
			c := a.GetAConst()
			switch {
			case c == nil:
				return "", false
			case c.GetSval() != nil:
				parts = append(parts, c.GetSval().GetSval())
			case c.GetIval() != nil:
				parts = append(parts, fmt.Sprint(c.GetIval().GetIval()))
			case c.GetBoolval() != nil:
				parts = append(parts, fmt.Sprint(c.GetBoolval().GetBoolval()))
			case c.GetFval() != nil:
				parts = append(parts, c.GetFval().GetFval())
			default:
				return "", false
			}
		}
		return strings.Join(parts, ", "), true
	case pg.VariableSetKind_VAR_SET_DEFAULT:
		// The defaults of standard_conforming_strings, backslash_quote and
		// session_replication_role are the safe values; other defaults are not known here.
		switch strings.ToLower(v.Name) {
		case "standard_conforming_strings":
			return "on", true
		case "backslash_quote":
			return "safe_encoding", true
		case "session_replication_role":
			return "origin", true
		}
	}
	return "", false
}

// setStmt reports SET of a setting that changes how later statements are read. what names
// the statement ("SET", "ALTER ROLE ... SET") and later says where its effect lasts.
func (sc *stmtChecker) setStmt(v *pg.VariableSetStmt, loc int, what, later string) {
	if v == nil {
		return
	}
	switch v.Kind {
	case pg.VariableSetKind_VAR_RESET, pg.VariableSetKind_VAR_RESET_ALL:
		return // back to the value the session started with
	}
	// The server matches setting names in any case: SET "Search_Path" sets search_path.
	name := strings.ToLower(v.Name)
	if _, ok := sc.reading(name); !ok {
		return
	}
	value, constant := setValue(v)
	if msg := sc.readingSetting(name, value, constant, later); msg != "" {
		sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("%s %s %s", what, v.Name, msg), sc.hintFor(name))
	}
}

// settingsWrite reports a write to the pg_settings view, which sets any setting as SET does.
func (sc *stmtChecker) settingsWrite(r *rel) {
	if r.name == "pg_settings" && (r.schema == "" || r.schema == "pg_catalog") {
		sc.report(RuleUnverifiable, nil, r.loc, "writing pg_settings changes settings as SET does, such as how the server reads later statements",
			"use SET for a setting the checker allows, or leave the settings at the server's configuration")
	}
}

// functionSet reports a function's or procedure's SET clause (CREATE or ALTER FUNCTION or
// PROCEDURE) of the role, the session authorization or the tenant parameter: it holds while
// the function runs, so every call runs the function's statements as that role, or as that
// tenant, past the row-level security policies (the unscoped role sees every tenant's rows).
// Other settings hold inside the function only, whose statements the checker does not read.
func (sc *stmtChecker) functionSet(options []*pg.Node, loc int) {
	for _, o := range options {
		d := o.GetDefElem()
		if d == nil || d.Defname != "set" {
			continue
		}
		v := d.Arg.GetVariableSetStmt()
		if v == nil || v.Kind == pg.VariableSetKind_VAR_RESET || v.Kind == pg.VariableSetKind_VAR_RESET_ALL {
			continue
		}
		name := strings.ToLower(v.Name)
		rs, _ := sc.reading(name)
		switch {
		case rs.effect == tenantSettingEffect:
			sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("a function's SET %s changes %s while it runs: tenantq's runtime sets it for each statement, and a function must not choose its own tenant", v.Name, rs.effect), tenantSettingHint)
		case name == "role" || name == "session_authorization":
			sc.report(RuleUnverifiable, nil, loc, fmt.Sprintf("a function's SET %s runs its statements as another role, which row-level security holds otherwise (the unscoped role sees every tenant's rows)", v.Name),
				"leave the role to tenantq's runtime (Unscoped(reason) for rows of other tenants), or create the function from unscoped admin code with a tenantvet:ignore reason")
		}
	}
}
