package analyzer

import (
	"go/token"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/tenantq/tenantq/internal/ignore"
	"github.com/tenantq/tenantq/tenantq/sqlcheck"
)

// A directive is one //tenantvet:ignore comment.
type directive struct {
	pos    token.Pos
	file   *token.File
	line   int // the line it applies to besides its own: the next one
	reason string
	used   bool
}

// readDirectives collects the package's directives and indexes the valid ones by the lines
// they apply to: their own and the next.
func (r *runner) readDirectives() {
	r.dirs = r.directives()
	r.byLine = make(map[lineKey][]*directive)
	for _, d := range r.dirs {
		if d.reason == "" {
			continue // malformed: exempts nothing, reported by applyDirectives
		}
		r.byLine[lineKey{d.file, d.line}] = append(r.byLine[lineKey{d.file, d.line}], d)
		r.byLine[lineKey{d.file, d.line + 1}] = append(r.byLine[lineKey{d.file, d.line + 1}], d)
	}
}

// exempting returns the directives that apply at any of the positions, and marks them used.
func (r *runner) exempting(positions ...token.Pos) []*directive {
	var ds []*directive
	for _, p := range positions {
		if !p.IsValid() {
			continue
		}
		tf := r.pass.Fset.File(p)
		if tf == nil {
			continue
		}
		for _, d := range r.byLine[lineKey{tf, tf.Line(p)}] {
			if !slices.Contains(ds, d) {
				ds = append(ds, d)
			}
		}
	}
	for _, d := range ds {
		d.used = true
	}
	return ds
}

// applyDirectives reports the findings that no directive exempts, directives without a reason
// and directives that exempt nothing. A directive applies to findings on its own line and the
// next, where a finding's lines are those of its call's start and of its position.
func (r *runner) applyDirectives() {
	for _, f := range r.findings {
		ds := r.exempting(f.anchor, f.Pos)
		if len(ds) == 0 {
			r.pass.Report(f.Diagnostic)
			continue
		}
		if showIgnoredFlag {
			d := f.Diagnostic
			d.Message = "ignored (" + ds[0].reason + "): " + d.Message
			r.pass.Report(d)
		}
	}
	for _, d := range r.dirs {
		switch {
		case d.reason == "":
			r.pass.Report(analysis.Diagnostic{Pos: d.pos, Category: string(sqlcheck.RuleIgnore), URL: rulesURL + string(sqlcheck.RuleIgnore),
				Message: `ignore: tenantvet:ignore directive has no reason; say why the SQL may cross tenants: "//tenantvet:ignore <reason>"`})
		case !d.used:
			r.pass.Report(analysis.Diagnostic{Pos: d.pos, Category: string(sqlcheck.RuleIgnore), URL: rulesURL + string(sqlcheck.RuleIgnore),
				Message: "ignore: tenantvet:ignore directive exempts nothing: no finding on this line or the next; remove it"})
		}
	}
}

type lineKey struct {
	file *token.File
	line int
}

// directives collects the package's //tenantvet:ignore comments in source order.
func (r *runner) directives() []*directive {
	var out []*directive
	for _, f := range r.pass.Files {
		for _, g := range f.Comments {
			for _, c := range g.List {
				if !strings.HasPrefix(c.Text, "//"+ignore.Marker) {
					continue
				}
				d, ok := ignore.ParseGo(c.Text)
				if !ok {
					continue
				}
				tf := r.pass.Fset.File(c.Pos())
				out = append(out, &directive{pos: c.Pos(), file: tf, line: tf.Line(c.Pos()), reason: d.Reason})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pos < out[j].pos })
	return out
}
