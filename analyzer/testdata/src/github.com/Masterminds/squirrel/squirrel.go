// Package squirrel is a stub of github.com/Masterminds/squirrel for the analyzer's tests.
package squirrel

type Eq map[string]any

type SelectBuilder struct{}

func Select(columns ...string) SelectBuilder                      { return SelectBuilder{} }
func (b SelectBuilder) From(table string) SelectBuilder           { return b }
func (b SelectBuilder) Where(pred any, args ...any) SelectBuilder { return b }
func (b SelectBuilder) ToSql() (string, []any, error)             { return "", nil, nil }

type Sqlizer interface {
	ToSql() (string, []any, error)
}
