package report

import (
	"os"
	"path/filepath"
	"testing"
)

func TestRuleName(t *testing.T) {
	t.Parallel()
	for id, want := range map[string]string{"unpinned": "Unpinned", "multiple-tenants": "MultipleTenants", "insert-tenant": "InsertTenant"} {
		if got := ruleName(id); got != want {
			t.Errorf("ruleName(%q) = %q, want %q", id, got, want)
		}
	}
}

func TestUTF16Columns(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	file := filepath.Join(dir, "q.sql")
	// "é" is 2 bytes and 1 UTF-16 unit; "😀" is 4 bytes and 2 units.
	if err := os.WriteFile(file, []byte("SELECT 'é😀' FROM deals;\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cols := utf16Columns{}
	byteCol := len("SELECT 'é😀' FROM ") + 1
	if got, want := cols.convert(file, 1, byteCol), len("SELECT 'x' FROM ")+3; got != want {
		t.Errorf("convert(byte column %d) = %d, want %d", byteCol, got, want)
	}
	if got := cols.convert(filepath.Join(dir, "none.sql"), 1, 9); got != 9 {
		t.Errorf("convert on a missing file = %d, want the byte column 9", got)
	}
}
