package analyzer_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/tenantq/tenantq/analyzer"
)

// testdata returns the repository's top-level testdata directory, which holds the fixtures
// and the stub packages under src.
func testdata(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, testdata(t), analyzer.Analyzer, "stdsql", "pgxcase", "sqlxcase", "gormcase", "buncase", "dbtx", "wrappers/...", "directives", "cfgsinks/...")
}
