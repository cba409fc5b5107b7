// Package tenantq is a stub of the tenantq builder for the analyzer's tests.
package tenantq

type Tenancy struct{}

type Scope struct{}

func (Tenancy) Scope(tenant any) (Scope, error) { return Scope{}, nil }

type SelectBuilder struct{}

func (s Scope) Select(columns ...string) SelectBuilder            { return SelectBuilder{} }
func (b SelectBuilder) From(table string) SelectBuilder           { return b }
func (b SelectBuilder) Where(pred any, args ...any) SelectBuilder { return b }
func (b SelectBuilder) ToSql() (string, []any, error)             { return "", nil, nil }
func (b SelectBuilder) MustSql() (string, []any)                  { return "", nil }

type UpdateBuilder struct{}

func (s Scope) Update(table string) UpdateBuilder                  { return UpdateBuilder{} }
func (b UpdateBuilder) Set(column string, value any) UpdateBuilder { return b }
func (b UpdateBuilder) ToSql() (string, []any, error)              { return "", nil, nil }
