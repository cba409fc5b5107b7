package config_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/tenantq/tenantq/config"
)

var update = flag.Bool("update", false, "rewrite tenantq.schema.json from config.JSONSchema")

// TestJSONSchemaFile keeps config/tenantq.schema.json, for editors, equal to what
// config.JSONSchema makes from the declaration of the keys. After changing a key, run
//
//	go test ./config -run TestJSONSchemaFile -update
func TestJSONSchemaFile(t *testing.T) {
	got := config.JSONSchema()
	if *update {
		if err := os.WriteFile("tenantq.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile("tenantq.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("tenantq.schema.json is stale: run go test ./config -run TestJSONSchemaFile -update\ngot:\n%s", got)
	}
}

// TestJSONSchemaKeys checks the schema's shape: every key the parser knows, no other, in the
// documented order, each with a description; and the sink function pattern compiles.
func TestJSONSchemaKeys(t *testing.T) {
	t.Parallel()
	var schema struct {
		ID                   string                     `json:"$id"`
		AdditionalProperties bool                       `json:"additionalProperties"`
		Properties           map[string]json.RawMessage `json:"properties"`
	}
	data := config.JSONSchema()
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("JSONSchema() is not JSON: %v\n%s", err, data)
	}
	if schema.AdditionalProperties || schema.ID != config.SchemaURL {
		t.Errorf("JSONSchema(): additionalProperties %v, $id %q; want false and %q", schema.AdditionalProperties, schema.ID, config.SchemaURL)
	}
	var order []string // the keys, by where each property starts
	for k := range schema.Properties {
		order = append(order, k)
	}
	slices.SortFunc(order, func(a, b string) int {
		return bytes.Index(data, []byte(`"`+a+`": {`)) - bytes.Index(data, []byte(`"`+b+`": {`))
	})
	if want := config.Keys(); !slices.Equal(order, want) {
		t.Errorf("JSONSchema() properties %q, want %q in that order", order, want)
	}
	for name, raw := range schema.Properties {
		var p struct {
			Description string `json:"description"`
		}
		if err := json.Unmarshal(raw, &p); err != nil || p.Description == "" {
			t.Errorf("property %s has no description: %s", name, raw)
		}
	}
	var sinks struct {
		Items struct {
			Properties struct {
				Function struct{ Pattern string }
			}
		}
	}
	if err := json.Unmarshal(schema.Properties["sinks"], &sinks); err != nil {
		t.Fatal(err)
	}
	re, err := regexp.Compile(sinks.Items.Properties.Function.Pattern)
	if err != nil {
		t.Fatalf("sinks function pattern: %v", err)
	}
	for s, want := range map[string]bool{"Run": true, "(*Store).Run": true, "Store.Run": true, "*Bad": false, "a.b.c": false, "Ünïcode.Ok": true} {
		if re.MatchString(s) != want {
			t.Errorf("sinks function pattern matches %q: %v, want %v", s, !want, want)
		}
	}
}

// TestDocumentedKeys checks that the examples of the file format, in the package
// documentation and the README's Configuration section, are valid files that use every key.
func TestDocumentedKeys(t *testing.T) {
	t.Parallel()
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "## Configuration: tenantq.yaml")
	_, block, _ := strings.Cut(section, "```yaml\n")
	block, _, _ = strings.Cut(block, "```")

	doc, err := os.ReadFile("doc.go")
	if err != nil {
		t.Fatal(err)
	}
	_, format, _ := strings.Cut(string(doc), "// # File format")
	format, _, _ = strings.Cut(format, "// Table names")
	var example strings.Builder
	for line := range strings.Lines(format) {
		if s, ok := strings.CutPrefix(line, "//\t"); ok {
			example.WriteString(s)
		} else if strings.TrimSpace(line) == "//" {
			example.WriteString("\n")
		}
	}

	for name, text := range map[string]string{"README.md": block, "doc.go": example.String()} {
		if !strings.Contains(text, "yaml-language-server: $schema="+config.SchemaURL) {
			t.Errorf("%s: the example does not start with the yaml-language-server comment naming %s", name, config.SchemaURL)
		}
		if _, err := config.Parse(name, []byte(text)); err != nil {
			t.Errorf("%s: the example does not parse: %v\n%s", name, err, text)
		}
		for _, k := range config.Keys() {
			if !regexp.MustCompile(`(?m)^` + k + `:`).MatchString(text) {
				t.Errorf("%s: the example does not show the key %s", name, k)
			}
		}
	}
}
