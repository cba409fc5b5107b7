package config_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tenantq/tenantq/config"
)

func TestMigrationIn(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 12, 4, 6, 30, 0, 0, time.UTC)
	const up = "-- header\nDO $x$\nBEGIN\n    CREATE ROLE r;\nEXCEPTION WHEN duplicate_object THEN NULL;\nEND\n$x$;\nALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
	const down = "ALTER TABLE t DISABLE ROW LEVEL SECURITY;\n"
	tests := []struct {
		name   string
		files  map[string]string
		layout string
		want   map[string][]string // file name to substrings of its content, in order
	}{
		{
			name:   "golang-migrate",
			files:  map[string]string{"000001_init.up.sql": "CREATE TABLE t (id int);", "000001_init.down.sql": "DROP TABLE t;", "000009_more.up.sql": ""},
			layout: "golang-migrate",
			want:   map[string][]string{"000010_tenantq_rls.up.sql": {up}, "000010_tenantq_rls.down.sql": {down}},
		},
		{
			name:   "goose with timestamps",
			files:  map[string]string{"20240101120000_init.sql": "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n"},
			layout: "goose",
			want: map[string][]string{"20261204063000_tenantq_rls.sql": {
				"-- +goose Up\n-- header\n-- +goose StatementBegin\nDO $x$", "$x$;\n-- +goose StatementEnd\nALTER TABLE t ENABLE", "-- +goose Down\n" + down,
			}},
		},
		{
			name:   "sql-migrate",
			files:  map[string]string{"1_init.sql": "-- +migrate Up\nCREATE TABLE t (id int);\n"},
			layout: "sql-migrate",
			want:   map[string][]string{"2_tenantq_rls.sql": {"-- +migrate Up\n", "-- +migrate StatementBegin\nDO", "-- +migrate StatementEnd", "-- +migrate Down\n"}},
		},
		{
			name:   "dbmate",
			files:  map[string]string{"20200101000000_init.sql": "-- migrate:up\nCREATE TABLE t (id int);\n-- migrate:down\n"},
			layout: "dbmate",
			want:   map[string][]string{"20261204063000_tenantq_rls.sql": {"-- migrate:up\n" + up, "-- migrate:down\n" + down}},
		},
		{
			name:   "tern",
			files:  map[string]string{"001_init.sql": "CREATE TABLE t (id int);\n---- create above / drop below ----\nDROP TABLE t;\n"},
			layout: "tern",
			want:   map[string][]string{"002_tenantq_rls.sql": {up, "---- create above / drop below ----", down}},
		},
		{
			name:   "flyway",
			files:  map[string]string{"V1__init.sql": "", "V2_1__more.sql": ""},
			layout: "flyway",
			want:   map[string][]string{"V3__tenantq_rls.sql": {up}},
		},
		{
			name:   "prisma",
			files:  map[string]string{"migration_lock.toml": "", "20240101000000_init/migration.sql": ""},
			layout: "prisma",
			want:   map[string][]string{"20261204063000_tenantq_rls/migration.sql": {up}},
		},
		{
			name:   "a timestamp in the future is passed",
			files:  map[string]string{"29990101000000_future.up.sql": ""},
			layout: "golang-migrate",
			want:   map[string][]string{"29990101000001_tenantq_rls.up.sql": {up}, "29990101000001_tenantq_rls.down.sql": {down}},
		},
		{
			name:   "empty directory",
			layout: "plain",
			want:   map[string][]string{"20261204063000_tenantq_rls.sql": {up}},
		},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		for name, content := range tt.files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		m, err := config.MigrationIn(dir, "tenantq_rls", up, down, now)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if m.Layout != tt.layout {
			t.Errorf("%s: layout %q, want %q", tt.name, m.Layout, tt.layout)
		}
		if (m.Layout == "plain") != strings.Contains(m.Note, "check that your migration tool runs it") {
			t.Errorf("%s: layout %q with note %q: a plain file, and only one, says to check the tool", tt.name, m.Layout, m.Note)
		}
		if len(m.Files) != len(tt.want) {
			t.Errorf("%s: %d files, want %d: %+v", tt.name, len(m.Files), len(tt.want), m.Files)
		}
		for _, f := range m.Files {
			rel, _ := filepath.Rel(dir, f.Path)
			parts, ok := tt.want[filepath.ToSlash(rel)]
			if !ok {
				t.Errorf("%s: unexpected file %s", tt.name, rel)
				continue
			}
			rest := f.Content
			for _, p := range parts {
				i := strings.Index(rest, p)
				if i < 0 {
					t.Errorf("%s: %s lacks, in order, %q:\n%s", tt.name, rel, p, f.Content)
					break
				}
				rest = rest[i+len(p):]
			}
		}
	}
	if _, err := config.MigrationIn(filepath.Join(t.TempDir(), "missing"), "x", up, down, now); err == nil {
		t.Error("MigrationIn of a missing directory: no error")
	}
	sq := t.TempDir()
	if err := os.WriteFile(filepath.Join(sq, "sqitch.plan"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := config.MigrationIn(sq, "tenantq_rls", up, down, now); err == nil || !strings.Contains(err.Error(), "sqitch add tenantq_rls") {
		t.Errorf("MigrationIn of a sqitch project: %v, want an error saying to sqitch add", err)
	}
}
