package report

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/tenantq/tenantq/sqlcheck"
)

// WriteSARIF prints the findings as a SARIF 2.1.0 log, the format GitHub code scanning and
// other CI tools read, with every rule's documentation as tool metadata. An exempted finding
// carries an in-source suppression with the directive's reason. It returns an error for a
// finding of a rule the registry does not know.
func WriteSARIF(w io.Writer, findings []Finding) error {
	type text struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown,omitempty"`
	}
	type rule struct {
		ID                   string            `json:"id"`
		Name                 string            `json:"name"`
		ShortDescription     text              `json:"shortDescription"`
		FullDescription      text              `json:"fullDescription"`
		Help                 text              `json:"help"`
		HelpURI              string            `json:"helpUri"`
		DefaultConfiguration map[string]string `json:"defaultConfiguration"`
		Properties           map[string]any    `json:"properties"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	type location struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI       string `json:"uri"`
				URIBaseID string `json:"uriBaseId,omitempty"`
			} `json:"artifactLocation"`
			Region region `json:"region"`
		} `json:"physicalLocation"`
		Message *text `json:"message,omitempty"`
	}
	type suppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification"`
	}
	type result struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             text              `json:"message"`
		Locations           []location        `json:"locations"`
		RelatedLocations    []location        `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		Suppressions        []suppression     `json:"suppressions,omitempty"`
	}
	var rules []rule
	index := map[string]int{}
	for _, d := range sqlcheck.Rules() {
		index[string(d.Rule)] = len(rules)
		lang := d.Lang
		if lang == "" {
			lang = "sql"
		}
		rules = append(rules, rule{
			ID:               string(d.Rule),
			Name:             ruleName(string(d.Rule)),
			ShortDescription: text{Text: d.Title},
			FullDescription:  text{Text: d.Text},
			Help: text{
				Text:     d.Text + "\n\nRejected:\n" + d.Bad + "\n\nAccepted:\n" + d.Good,
				Markdown: fmt.Sprintf("%s\n\nRejected:\n\n```%s\n%s\n```\n\nAccepted:\n\n```%s\n%s\n```", d.Text, lang, d.Bad, lang, d.Good),
			},
			HelpURI:              RuleURL(string(d.Rule)),
			DefaultConfiguration: map[string]string{"level": "error"},
			Properties:           map[string]any{"tags": []string{"security", "multi-tenancy"}, "precision": "high", "security-severity": "8.0"},
		})
	}
	cols := utf16Columns{}
	loc := func(file string, line, col, endLine, endCol int, msg string) location {
		var l location
		uri := filepath.ToSlash(Relative(file))
		if filepath.IsAbs(filepath.FromSlash(uri)) {
			uri = "file://" + uri // outside the working directory
		} else {
			l.PhysicalLocation.ArtifactLocation.URIBaseID = "%SRCROOT%"
		}
		l.PhysicalLocation.ArtifactLocation.URI = uri
		r := region{StartLine: max(line, 1), StartColumn: cols.convert(file, line, col)}
		if endLine > line || endLine == line && endCol > col {
			r.EndLine, r.EndColumn = endLine, cols.convert(file, endLine, endCol)
		}
		l.PhysicalLocation.Region = r
		if msg != "" {
			l.Message = &text{Text: msg}
		}
		return l
	}
	results := []result{}
	seen := map[string]int{} // findings with the same key, told apart by their order
	for _, f := range findings {
		i, ok := index[f.Rule]
		if !ok {
			return fmt.Errorf("finding of unknown rule %q", f.Rule)
		}
		key := f.key()
		r := result{
			RuleID: f.Rule, RuleIndex: i, Level: "error",
			Message:             text{Text: f.Rule + ": " + f.Text()},
			Locations:           []location{loc(f.File, f.Line, f.Column, f.EndLine, f.EndColumn, "")},
			PartialFingerprints: map[string]string{"tenantvet/v1": fmt.Sprintf("%s/%d", key, seen[key])},
		}
		seen[key]++
		if len(f.Related) > 0 {
			rel := f.Related[0]
			r.RelatedLocations = []location{loc(rel.File, rel.Line, rel.Column, 0, 0, rel.Message)}
		}
		if f.Ignored != "" {
			r.Suppressions = []suppression{{Kind: "inSource", Justification: f.Ignored}}
		}
		results = append(results, r)
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name":           "tenantvet",
				"informationUri": "https://github.com/tenantq/tenantq",
				"rules":          rules,
			}},
			"columnKind": "utf16CodeUnits",
			"results":    results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(log)
}

// utf16Columns converts the byte columns of findings into the UTF-16 columns SARIF counts by
// default, reading each file once.
type utf16Columns map[string][]string

func (c utf16Columns) convert(file string, line, col int) int {
	if col <= 1 || line < 1 {
		return col
	}
	lines, ok := c[file]
	if !ok {
		if data, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		c[file] = lines
	}
	if line > len(lines) || col-1 > len(lines[line-1]) {
		return col
	}
	n := 1
	for _, r := range lines[line-1][:col-1] {
		n++
		if r >= 0x10000 {
			n++ // a surrogate pair
		}
	}
	return n
}

// ruleName turns a rule id into a SARIF rule name: "multiple-tenants" is MultipleTenants.
func ruleName(id string) string {
	var b strings.Builder
	for _, part := range strings.Split(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
