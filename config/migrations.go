package config

import (
	"bufio"
	"cmp"
	"fmt"
	"io/fs"
	"math/big"
	"regexp"
	"slices"
	"strings"
)

// Migration layouts. The schema reader applies what a migration tool applies going up, in the
// order the tool applies it, and refuses what it cannot know rather than guessing:
//
//	goose            NNN_name.sql with "-- +goose Up" / "-- +goose Down" sections
//	golang-migrate   NNN_name.up.sql and NNN_name.down.sql (versions compare as numbers)
//	tern             NNN_name.sql, down below "---- create above / drop below ----"
//	sql-migrate      name.sql with "-- +migrate Up" / "-- +migrate Down" sections
//	dbmate           YYYYMMDDHHMMSS_name.sql with "-- migrate:up" / "-- migrate:down"
//	atlas, prisma    YYYYMMDDHHMMSS_name.sql, or a directory per migration (up only)
//	flyway           V1_2__name.sql (U...__ undo files are skipped, R__ repeatable last)
//	sqitch           sqitch.plan orders deploy/*.sql; revert/ and verify/ are skipped
//	sqlc             a list of schema files and directories, in the order given
//
// Files are ordered by the version their names start with, compared as numbers ("2_" before
// "10_"), then by name; a file without a version sorts by name after the versioned ones.

// downDirs are directories whose scripts undo migrations.
var downDirs = map[string]bool{"down": true, "revert": true, "rollback": true, "undo": true, "verify": true}

// isDownFile reports whether a file name is a down, undo or revert script.
func isDownFile(name string) bool {
	lower := strings.ToLower(name)
	switch {
	case !strings.HasSuffix(lower, ".sql"):
		return true // not SQL at all
	case strings.HasSuffix(lower, ".down.sql"), strings.HasSuffix(lower, "_down.sql"),
		strings.HasSuffix(lower, ".undo.sql"), strings.HasSuffix(lower, ".rollback.sql"):
		return true
	case len(name) > 1 && name[0] == 'U' && flywayVersion.MatchString(name[1:]):
		return true // flyway undo migration
	}
	return false
}

// flywayVersion matches what follows flyway's V or U prefix: a version, then "__".
var flywayVersion = regexp.MustCompile(`^[0-9]+([._][0-9]+)*__`)

// leadingVersion matches a file name's version: digits, or flyway's V1_2__ form.
var leadingVersion = regexp.MustCompile(`^(?:V([0-9]+(?:[._][0-9]+)*)__|([0-9]+))`)

// versionOf returns the numeric parts of a name's leading version, nil when it has none.
// Flyway's repeatable migrations (R__name) have none and sort last, as flyway runs them.
func versionOf(name string) []*big.Int {
	m := leadingVersion.FindStringSubmatch(name)
	if m == nil {
		return nil
	}
	digits := m[2]
	if m[1] != "" {
		digits = m[1]
	}
	var parts []*big.Int
	for _, p := range strings.FieldsFunc(digits, func(r rune) bool { return r == '.' || r == '_' }) {
		n, _ := new(big.Int).SetString(p, 10)
		parts = append(parts, n)
	}
	return parts
}

// compareMigrations orders two slash-separated relative paths: at the first segment where
// they differ, by the versions the segments start with, compared as numbers, with versioned
// segments first; else, and for equal versions, by the lexical order of the paths.
func compareMigrations(a, b string) int {
	as, bs := strings.Split(a, "/"), strings.Split(b, "/")
	i := 0
	for i < len(as) && i < len(bs) && as[i] == bs[i] {
		i++
	}
	if i < len(as) && i < len(bs) {
		va, vb := versionOf(as[i]), versionOf(bs[i])
		switch {
		case va != nil && vb == nil:
			return -1
		case va == nil && vb != nil:
			return 1
		}
		for j := 0; j < len(va) && j < len(vb); j++ {
			if c := va[j].Cmp(vb[j]); c != 0 {
				return c
			}
		}
		if c := cmp.Compare(len(va), len(vb)); c != 0 && va != nil {
			return c
		}
	}
	return strings.Compare(a, b)
}

// migrationFiles lists the up-migration .sql files under dir in the order their tool applies
// them: sqitch's plan when dir has a sqitch.plan, else by version and name.
func migrationFiles(fsys files, dir string) ([]string, error) {
	if plan := fsys.join(dir, "sqitch.plan"); fileExists(fsys, plan) {
		return sqitchFiles(fsys, dir, plan)
	}
	var rels []string
	err := fs.WalkDir(fsys, dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if path != dir && (strings.HasPrefix(name, ".") || d.IsDir() && downDirs[strings.ToLower(name)]) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || isDownFile(name) {
			return nil
		}
		if !d.Type().IsRegular() { // a symbolic link: keep it when it leads to a file
			if fi, err := fs.Stat(fsys, path); err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		rel, err := fsys.rel(dir, path)
		if err != nil {
			return err
		}
		rels = append(rels, rel)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(rels, compareMigrations)
	out := make([]string, len(rels))
	for i, rel := range rels {
		out[i] = fsys.join(dir, rel)
	}
	return out, nil
}

func fileExists(fsys files, path string) bool {
	fi, err := fs.Stat(fsys, path)
	return err == nil && fi.Mode().IsRegular()
}

// sqitchFiles lists deploy/<change>.sql for each change of a sqitch plan, in plan order.
func sqitchFiles(fsys files, dir, plan string) ([]string, error) {
	f, err := fsys.Open(plan)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var files []string
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		l := strings.TrimSpace(sc.Text())
		if l == "" || l[0] == '%' || l[0] == '#' || l[0] == '@' {
			continue // pragmas, comments and tags
		}
		change := strings.Fields(l)[0]
		path := fsys.join(dir, "deploy", change+".sql")
		if !fileExists(fsys, path) {
			return nil, &Error{File: plan, Line: line, Err: fmt.Errorf("change %q has no deploy script %s", change, path)}
		}
		files = append(files, path)
	}
	return files, sc.Err()
}
