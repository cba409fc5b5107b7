package sqlcheck

// CheckUncached checks sql without the verdict cache, for benchmarks and tests.
func (c *Checker) CheckUncached(sql string) *Result { return c.check(sql) }

// NestingDepth exposes the depth guard's estimate.
func NestingDepth(sql string) int {
	d, _ := Nesting(sql)
	return d
}

// ClassifiedFunction reports whether the checker's catalog classifies the server function
// name, and whether it refuses calls of it.
func ClassifiedFunction(name string) (classified, refused bool) {
	k, ok := catalogFuncs[name]
	return ok, ok && k != funcHarmless
}
