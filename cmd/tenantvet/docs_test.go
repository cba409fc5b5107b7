package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/sqlcheck"
)

var update = flag.Bool("update", false, "rewrite generated files")

// rulesMarkdown renders the rule registry as docs/rules.md.
func rulesMarkdown() string {
	var b strings.Builder
	b.WriteString("# Rules\n\n<!-- Generated from sqlcheck's rule registry by `go test ./cmd/tenantvet -run TestRulesDoc -update`. Do not edit. -->\n\n")
	b.WriteString("Every finding names one of these rules. `tenantvet sql -explain <rule>` prints the same text.\n")
	b.WriteString("The examples assume the documentation policy: tenant column `tenant_id`, `plans` global.\n`bypass` and `ignore` come from tenantvet's Go analyzer and directives, not from the SQL checker.\n\n")
	for _, d := range sqlcheck.Rules() {
		lang := d.Lang
		if lang == "" {
			lang = "sql"
		}
		fmt.Fprintf(&b, "## %s\n\n**%s**\n\n%s\n\nRejected:\n\n```%s\n%s\n```\n\nAccepted:\n\n```%s\n%s\n```\n\n", d.Rule, d.Title, d.Text, lang, d.Bad, lang, d.Good)
	}
	return strings.TrimRight(b.String(), "\n") + "\n"
}

// TestRulesDoc keeps docs/rules.md generated from the registry.
func TestRulesDoc(t *testing.T) {
	const path = "../../docs/rules.md"
	want := rulesMarkdown()
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go test ./cmd/tenantvet -run TestRulesDoc -update", path)
	}
}
