package testdb

// Internals reached by the external tests.
var (
	DSN           = dsn
	Describe      = describe
	ErrNoDatabase = errNoDatabase
)
