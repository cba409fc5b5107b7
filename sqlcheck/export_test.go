package sqlcheck

// Normalized exposes the internal result of normalize to the external tests.
type Normalized struct{ n *normalized }

// NormalizeInternal runs the internal normalize.
func NormalizeInternal(sql string) Normalized { return Normalized{normalize(sql)} }

// SQL returns the normalised text.
func (n Normalized) SQL() string { return n.n.sql }

// Params returns the distinct placeholders.
func (n Normalized) Params() []Param { return n.n.params }

// Style returns the style of the first placeholder.
func (n Normalized) Style() ParamStyle { return n.n.style }

// Edit is one replacement: the original bytes [Off, Off+N) became the normalised bytes
// [NewOff, NewOff+NewN).
type Edit struct{ Off, N, NewOff, NewN int }

// Edits returns the replacements made, nil when there are none.
func (n Normalized) Edits() []Edit {
	if n.n.edits == nil {
		return nil
	}
	edits := make([]Edit, len(n.n.edits))
	for i, e := range n.n.edits {
		edits[i] = Edit{e.off, e.n, e.newOff, e.newN}
	}
	return edits
}

// OrigOffset maps an offset in the normalised text back to the original.
func (n Normalized) OrigOffset(off int) int { return n.n.origOffset(off) }

// Param returns the placeholder $number.
func (n Normalized) Param(number int) (Param, bool) { return n.n.param(number) }
