package sqlcheck

// QuoteIdent exposes the identifier quoting hints use.
func QuoteIdent(name string) string { return quoteIdent(name) }
