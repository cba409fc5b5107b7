package config

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/tenantq/tenantq/sqlcheck"
)

// A MigrationFile is one file of a new migration: where to write it and what.
type MigrationFile struct {
	Path    string
	Content string
}

// A NewMigration is a migration written in the layout of a project's migrations directory.
type NewMigration struct {
	// Layout names the migration tool whose layout the directory has: "golang-migrate",
	// "goose", "sql-migrate", "dbmate", "tern", "flyway", "atlas", "prisma" or "plain".
	Layout string
	// Files are the files to write: one, or an up and a down file.
	Files []MigrationFile
	// Note says what the user must still do, when the tool needs more than the files
	// (atlas's checksum file); "" otherwise.
	Note string
}

// MigrationIn writes a migration named name (lower case words joined by underscores) with
// the given up and down SQL in the layout of the migrations directory dir: it reads the names
// and marker comments of the migrations there (see the layouts this package reads), numbers
// the new one after the last (a timestamp from now when the versions are timestamps), and
// puts the down SQL where the tool looks for it, or leaves it out when the tool has none
// (flyway, atlas, prisma and plain numbered files). Statements holding semicolons in dollar
// quotes are fenced for goose and sql-migrate. It writes nothing; the caller writes Files.
func MigrationIn(dir, name, up, down string, now time.Time) (*NewMigration, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("migrations directory: %w", err)
	}
	var names, sqlFiles []string
	for _, e := range entries {
		names = append(names, e.Name())
		if !e.IsDir() && strings.HasSuffix(strings.ToLower(e.Name()), ".sql") {
			sqlFiles = append(sqlFiles, e.Name())
		}
	}
	layout := "plain"
	switch {
	case slices.Contains(names, "sqitch.plan"):
		return nil, fmt.Errorf("%s is a sqitch project: add the migration with sqitch add %s, then put the up SQL in its deploy script and the down SQL in its revert script (tenantvet rls -print writes them)", dir, name)
	case slices.Contains(names, "migration_lock.toml"):
		layout = "prisma"
	case slices.Contains(names, "atlas.sum"):
		layout = "atlas"
	case slices.ContainsFunc(sqlFiles, func(n string) bool { return strings.HasSuffix(strings.ToLower(n), ".up.sql") }):
		layout = "golang-migrate"
	case slices.ContainsFunc(sqlFiles, func(n string) bool { return n[0] == 'V' && flywayVersion.MatchString(n[1:]) }):
		layout = "flyway"
	default:
		layout = markerLayout(dir, sqlFiles)
	}
	version := nextVersion(names, now, layout)
	m := &NewMigration{Layout: layout}
	file := func(n, content string) {
		m.Files = append(m.Files, MigrationFile{Path: filepath.Join(dir, n), Content: content})
	}
	switch layout {
	case "golang-migrate":
		file(version+"_"+name+".up.sql", up)
		file(version+"_"+name+".down.sql", down)
	case "goose":
		file(version+"_"+name+".sql", "-- +goose Up\n"+fenced(up, "-- +goose StatementBegin", "-- +goose StatementEnd")+"\n-- +goose Down\n"+down)
	case "sql-migrate":
		file(version+"_"+name+".sql", "-- +migrate Up\n"+fenced(up, "-- +migrate StatementBegin", "-- +migrate StatementEnd")+"\n-- +migrate Down\n"+down)
	case "dbmate":
		file(version+"_"+name+".sql", "-- migrate:up\n"+up+"\n-- migrate:down\n"+down)
	case "tern":
		file(version+"_"+name+".sql", up+"\n---- create above / drop below ----\n\n"+down)
	case "flyway":
		file("V"+version+"__"+name+".sql", up)
	case "prisma":
		file(filepath.Join(version+"_"+name, "migration.sql"), up)
	case "atlas":
		file(version+"_"+name+".sql", up)
		m.Note = "run atlas migrate hash: atlas.sum must list the new file"
	default:
		file(version+"_"+name+".sql", up)
		m.Note = "check that your migration tool runs it: no file in " + dir + " says which tool it is (golang-migrate wants .up.sql and .down.sql, goose and dbmate their markers); tenantvet rls -print gives the down SQL"
	}
	return m, nil
}

// markerLayout tells the layouts whose files hold up and down sections apart by their marker
// comments, reading the last file that has one.
func markerLayout(dir string, files []string) string {
	slices.SortFunc(files, compareMigrations)
	for _, f := range slices.Backward(files) {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			continue
		}
		text := strings.ToLower(string(data))
		switch {
		case strings.Contains(text, "-- +goose up"):
			return "goose"
		case strings.Contains(text, "-- +migrate up"):
			return "sql-migrate"
		case strings.Contains(text, "-- migrate:up"):
			return "dbmate"
		case strings.Contains(text, "---- create above / drop below ----"):
			return "tern"
		}
	}
	return "plain"
}

// nextVersion returns the version of a new migration: a UTC timestamp (YYYYMMDDHHMMSS) when
// the directory's versions are timestamps or it has none, else one more than the largest,
// padded with zeros to the width the files use.
func nextVersion(names []string, now time.Time, layout string) string {
	var largest *big.Int
	width := 0
	for _, n := range names {
		if layout == "flyway" {
			n = strings.TrimPrefix(n, "V")
		}
		m := leadingVersion.FindStringSubmatch(n)
		if m == nil || m[2] == "" {
			continue
		}
		v, _ := new(big.Int).SetString(m[2], 10)
		if largest == nil || v.Cmp(largest) > 0 {
			largest, width = v, len(m[2])
		}
	}
	stamp := now.UTC().Format("20060102150405")
	if largest == nil || width >= 12 {
		if largest != nil && stamp <= largest.String() {
			return new(big.Int).Add(largest, big.NewInt(1)).String()
		}
		return stamp
	}
	next := new(big.Int).Add(largest, big.NewInt(1)).String()
	if len(next) < width {
		next = strings.Repeat("0", width-len(next)) + next
	}
	return next
}

// fenced puts each statement of sql that holds a semicolon inside it (a DO block) between
// the tool's begin and end markers, which make goose and sql-migrate send it whole.
func fenced(sql, begin, end string) string {
	var b strings.Builder
	spans := sqlcheck.Split(sql)
	for _, sp := range spans {
		stmt := sql[sp.Offset:sp.End]
		body := stmt[sqlcheck.LeadingComments(stmt):]
		if strings.Count(body, ";") > 1 {
			lead := stmt[:len(stmt)-len(body)]
			b.WriteString(lead + begin + "\n" + body + "\n" + end)
			continue
		}
		b.WriteString(stmt)
	}
	if len(spans) > 0 {
		b.WriteString(sql[spans[len(spans)-1].End:])
	}
	return b.String()
}
