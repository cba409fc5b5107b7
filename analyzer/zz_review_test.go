package analyzer_test

import (
	"os"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantq/tenantq/analyzer"
)

func TestZZReview(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "zzreview/...")
}
func TestZZPos(t *testing.T) {
	rs := analysistest.Run(&testing.T{}, testdata(t), analyzer.Analyzer, "zzreview/pos")
	for _, r := range rs {
		for _, d := range r.Diagnostics {
			p := r.Pass.Fset.Position(d.Pos)
			src, _ := os.ReadFile(p.Filename)
			tf := r.Pass.Fset.File(d.Pos)
			off := tf.Offset(d.Pos)
			end := off + 12
			if end > len(src) { end = len(src) }
			t.Logf("%d:%d %q | %s", p.Line, p.Column, strings.ReplaceAll(string(src[off:end]), "\n", "⏎"), d.Message)
			for _, rel := range d.Related {
				t.Logf("   related %v %s", r.Pass.Fset.Position(rel.Pos), rel.Message)
			}
		}
	}
}
