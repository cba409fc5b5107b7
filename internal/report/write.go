package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// WriteText prints each finding as "file:line:col: rule: message; hint", with its related
// places on the lines after it, indented by a tab. An exempted finding prints as
// "file:line:col: ignored: rule: message; hint (tenantvet:ignore reason)".
func WriteText(w io.Writer, findings []Finding) error {
	for _, f := range findings {
		f = f.relative()
		var err error
		if f.Ignored != "" {
			_, err = fmt.Fprintf(w, "%s:%d:%d: ignored: %s: %s (tenantvet:ignore %s)\n", f.File, f.Line, f.Column, f.Rule, f.Text(), f.Ignored)
		} else {
			_, err = fmt.Fprintf(w, "%s:%d:%d: %s: %s\n", f.File, f.Line, f.Column, f.Rule, f.Text())
		}
		if err != nil {
			return err
		}
		for _, r := range f.Related {
			if _, err := fmt.Fprintf(w, "\t%s:%d:%d: %s\n", r.File, r.Line, r.Column, r.Message); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteJSON prints the findings as one JSON array of [Finding] objects ([] when there are
// none), indented by a tab.
func WriteJSON(w io.Writer, findings []Finding) error {
	out := make([]Finding, len(findings))
	for i, f := range findings {
		f = f.relative()
		if f.Related == nil {
			f.Related = []Related{}
		}
		out[i] = f
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "\t")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
