package guard

import (
	"database/sql"
	"database/sql/driver"
	"reflect"

	"github.com/tenantq/tenantq/sqlcheck"
)

// positional returns the arguments as values by placeholder number: a sql.NamedArg stands for
// its value.
func positional(args []any) []any {
	out := args
	for i, a := range args {
		if na, ok := a.(sql.NamedArg); ok {
			if &out[0] == &args[0] {
				out = append([]any(nil), args...)
			}
			out[i] = na.Value
		}
	}
	return out
}

// resolveTenantArgs calls Value once on each driver.Valuer bound to a tenant placeholder and
// puts the result in its place (in a copy of args), so that the value checked is the value
// sent: a Valuer could answer differently the second time, and the value behind a pointer could
// change. A Valuer that fails is left for the check to refuse.
func resolveTenantArgs(res *sqlcheck.Result, args []any) []any {
	out := args
	for _, tv := range res.TenantValues {
		i := tv.Param - 1
		if i < 0 || i >= len(args) {
			continue
		}
		a := args[i]
		na, named := a.(sql.NamedArg)
		if named {
			a = na.Value
		}
		v, ok := a.(driver.Valuer)
		if !ok {
			continue
		}
		if rv := reflect.ValueOf(a); rv.Kind() == reflect.Pointer && rv.IsNil() {
			continue
		}
		dv, err := v.Value()
		if err != nil {
			continue
		}
		if &out[0] == &args[0] {
			out = append([]any(nil), args...)
		}
		if named {
			na.Value = dv
			out[i] = na
		} else {
			out[i] = dv
		}
	}
	return out
}
