// Package gorm is a stub of gorm.io/gorm for the analyzer's tests.
package gorm

type DB struct{ Error error }

func (db *DB) Raw(sql string, values ...any) *DB   { return db }
func (db *DB) Exec(sql string, values ...any) *DB  { return db }
func (db *DB) Where(query any, args ...any) *DB    { return db }
func (db *DB) Or(query any, args ...any) *DB       { return db }
func (db *DB) Not(query any, args ...any) *DB      { return db }
func (db *DB) Joins(query string, args ...any) *DB { return db }
func (db *DB) Table(name string, args ...any) *DB  { return db }
func (db *DB) Find(dest any, conds ...any) *DB     { return db }
func (db *DB) Scan(dest any) *DB                   { return db }
func (db *DB) Model(value any) *DB                 { return db }
func (db *DB) Order(value any) *DB                 { return db }

// The finishers: each runs the statement gorm builds.
func (db *DB) Create(value any) *DB                                 { return db }
func (db *DB) Save(value any) *DB                                   { return db }
func (db *DB) First(dest any, conds ...any) *DB                     { return db }
func (db *DB) Updates(values any) *DB                               { return db }
func (db *DB) Delete(value any, conds ...any) *DB                   { return db }
func (db *DB) Count(count *int64) *DB                               { return db }
func (db *DB) Pluck(column string, dest any) *DB                    { return db }
func (db *DB) InnerJoins(query string, args ...any) *DB             { return db }
func (db *DB) Session(config *Session) *DB                          { return db }
func (db *DB) Scopes(funcs ...func(*DB) *DB) *DB                    { return db }
func (db *DB) Transaction(fc func(tx *DB) error, opts ...any) error { return nil }

type Session struct{}
