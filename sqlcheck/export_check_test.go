package sqlcheck

// CheckUncached checks sql without the verdict cache, for benchmarks and tests.
func (c *Checker) CheckUncached(sql string) *Result { return c.check(sql) }

// NestingDepth exposes the depth guard's estimate.
func NestingDepth(sql string) int {
	d, _ := Nesting(sql)
	return d
}
