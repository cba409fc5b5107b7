package sqltext

import (
	"regexp"
	"strings"
)

// Migration files of goose, sql-migrate, dbmate and tern hold an up and a down section, told
// apart by marker comments. Going up, a tool runs the up sections only.

// A marker is a line that starts an up or a down section of a migration file.
type marker int8

const (
	noMarker marker = iota
	upMarker
	downMarker
	// downBelow starts a down section that lasts to the end of the file (tern).
	downBelow
)

// markerOf reads a migration section marker: goose's "-- +goose Up", sql-migrate's
// "-- +migrate Up", dbmate's "-- migrate:up", tern's "---- create above / drop below ----".
// A comment that reads like the start of a down section of a tool tenantq does not know
// ("-- Down", "-- +tool down") is reported by unknownDown.
func markerOf(line string) marker {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "----") && strings.EqualFold(strings.Trim(line, "- "), "create above / drop below") {
		return downBelow
	}
	rest, ok := strings.CutPrefix(line, "--")
	if !ok {
		return noMarker
	}
	f := strings.Fields(strings.ToLower(rest))
	switch {
	case len(f) >= 2 && (f[0] == "+goose" || f[0] == "+migrate") && f[1] == "up", len(f) >= 1 && f[0] == "migrate:up":
		return upMarker
	case len(f) >= 2 && (f[0] == "+goose" || f[0] == "+migrate") && f[1] == "down", len(f) >= 1 && f[0] == "migrate:down":
		return downMarker
	}
	return noMarker
}

// unknownDownLine matches a comment that reads like the start of a down section: a tool's
// marker word ending in "down", "rollback" or "revert", alone on its line.
var unknownDownLine = regexp.MustCompile(`(?i)^\s*--\s*(?:[+!@#:]?[a-z_-]*[:\s]\s*)?(down|rollback|revert|undo)\s*$`)

// UpSections returns text with everything outside its up sections blanked (line breaks kept,
// so offsets and lines stay those of text): a file with up markers starts outside them; tern's
// "---- create above / drop below ----" ends the up part for the rest of the file. A file
// without markers is all up. badLine is the 1-based line of a comment that reads like the
// start of a down section of a tool this package does not know, 0 when there is none; the
// text is then returned unchanged.
func UpSections(text string) (up string, badLine int) {
	lines := strings.SplitAfter(text, "\n")
	upMarked := false
	for i, l := range lines {
		switch markerOf(l) {
		case upMarker:
			upMarked = true
		case noMarker:
			if unknownDownLine.MatchString(l) {
				return text, i + 1
			}
		}
	}
	inUp, changed := !upMarked, false
	for i, l := range lines {
		switch markerOf(l) {
		case upMarker:
			inUp = true
			continue
		case downMarker:
			inUp = false
			continue
		case downBelow:
			inUp = false
		}
		if !inUp {
			lines[i] = l[len(strings.TrimRight(l, "\r\n")):]
			changed = true
		}
	}
	if !changed {
		return text, 0
	}
	return strings.Join(lines, ""), 0
}

// SectionBreaks returns text with each section marker line replaced by a semicolon and spaces,
// so that a statement of one section never runs into the next (an up section's last statement
// often has no semicolon). Offsets and lines stay those of text.
func SectionBreaks(text string) string {
	var b strings.Builder
	changed := false
	for l := range strings.Lines(text) {
		if markerOf(l) == noMarker {
			b.WriteString(l)
			continue
		}
		body := strings.TrimRight(l, "\r\n")
		b.WriteString(";" + strings.Repeat(" ", len(body)-1) + l[len(body):])
		changed = true
	}
	if !changed {
		return text
	}
	return b.String()
}
