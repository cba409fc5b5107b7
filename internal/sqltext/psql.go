// Package sqltext scans PostgreSQL text as the server and psql read it: literals, quoted
// identifiers, dollar quotes, comments, and psql's backslash commands and variables.
package sqltext

import "strings"

// A MetaCommand is a psql backslash command, found where psql finds one: outside literals,
// quoted identifiers, dollar quotes and comments. It ends at the end of its line or at a "\\"
// separator, after which the line is SQL again.
type MetaCommand struct {
	Offset, End int    // bytes of the command, from its backslash
	Name        string // the command without its backslash: "i", "copy", "gexec"
	Args        string // the rest of the command, trimmed
}

// A Variable is a psql variable reference, ":name", which psql replaces with the variable's
// text before the server reads the statement. The quoted forms, ":'name'" and ":\"name\"",
// are escaped as a literal and an identifier by psql, and are not listed: in [Script.SQL]
// their colon is blanked, so that the quoted name stands for the literal or identifier.
type Variable struct {
	Offset, End int
	Name        string
}

// A Script is a psql script split into what the server reads and what psql does itself.
type Script struct {
	// SQL is the text with every meta-command replaced by spaces (line breaks kept, so
	// offsets and lines are those of the script). A command that sends the query buffer
	// (\g, \gx, \gset, \gexec, \gdesc, \watch, \crosstabview) ends the statement before it,
	// as a semicolon does: its backslash becomes ";".
	SQL string
	// Commands are the meta-commands, in order.
	Commands []MetaCommand
	// Variables are the unquoted variable references in the SQL, in order.
	Variables []Variable

	text string // the script
	sql  []byte // the SQL, made on the first change
}

// sendsBuffer lists the meta-commands that send the query buffer to the server.
var sendsBuffer = map[string]bool{"g": true, "gx": true, "gset": true, "gexec": true, "gdesc": true, "watch": true, "crosstabview": true}

// Psql scans text as psql does (standard_conforming_strings on). psql reads a line at a time:
// unlike the server, it never continues a string constant on the next line.
func Psql(text string) Script {
	s := Script{text: text}
	sc := Scanner{src: text, lines: true}
	want := Set(Punct, Other)
	for t := sc.NextIn(want); t.Kind != EOF; t = sc.NextIn(want) {
		switch {
		case t.Kind == Punct && t.End == t.Offset+1 && text[t.Offset] == ':':
			sc.Seek(s.variable(text, t.Offset))
		case t.Kind == Other && text[t.Offset] == '\\':
			cmd := metaCommand(text, t.Offset)
			s.Commands = append(s.Commands, cmd)
			s.blank(cmd.Offset, cmd.End)
			if sendsBuffer[cmd.Name] {
				s.sql[cmd.Offset] = ';'
			}
			i := cmd.End
			if strings.HasPrefix(text[i:], `\\`) {
				s.blank(i, i+2)
				i += 2
			}
			sc.Seek(i)
		}
	}
	s.SQL = text
	if s.sql != nil {
		s.SQL = string(s.sql)
	}
	return s
}

// blank replaces the bytes [from, to) of the SQL with spaces, keeping line breaks.
func (s *Script) blank(from, to int) {
	if s.sql == nil {
		s.sql = []byte(s.text)
	}
	for i := from; i < to; i++ {
		if s.sql[i] != '\n' && s.sql[i] != '\r' {
			s.sql[i] = ' '
		}
	}
}

// variable records a ":name" reference at i, skipping the quoted forms, and returns where
// scanning goes on.
func (s *Script) variable(text string, i int) int {
	j := i + 1
	if j < len(text) && (text[j] == '\'' || text[j] == '"') {
		// psql quotes the value as a literal or an identifier: the server reads one, which
		// the quoted name without its colon stands for.
		s.blank(i, i+1)
		end, _ := quotedEnd(text, j+1, text[j], false)
		return end
	}
	for j < len(text) && (IsIdentStart(text[j]) || j > i+1 && class[text[j]]&cDigit != 0) {
		j++
	}
	if j > i+1 {
		s.Variables = append(s.Variables, Variable{Offset: i, End: j, Name: text[i+1 : j]})
		return j
	}
	return i + 1
}

// metaCommand reads the meta-command whose backslash is at i: its name is the letters (or the
// one character) after the backslash, and it runs to the end of the line or to a "\\".
func metaCommand(text string, i int) MetaCommand {
	j := i + 1
	for j < len(text) && (text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z' || text[j] == '_') {
		j++
	}
	if j == i+1 && j < len(text) && text[j] != '\n' {
		j++ // a one-character command: \! \? \;
	}
	name := text[i+1 : j]
	end := lineEnd(text, i)
	if k := strings.Index(text[j:end], `\\`); k >= 0 {
		end = j + k
	}
	if end > j && text[end-1] == '\r' {
		end--
	}
	return MetaCommand{Offset: i, End: end, Name: name, Args: strings.TrimSpace(text[j:end])}
}

// lineEnd returns the offset of the line break that ends the line holding i, or len(text).
func lineEnd(text string, i int) int {
	if k := strings.IndexByte(text[i:], '\n'); k >= 0 {
		return i + k
	}
	return len(text)
}
