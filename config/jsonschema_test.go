package config

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"testing"
)

// TestJSONSchemaKeys keeps config/tenantq.schema.json, for editors, in step with the keys the
// parser knows: the same keys, no more, no fewer.
func TestJSONSchemaKeys(t *testing.T) {
	data, err := os.ReadFile("tenantq.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		AdditionalProperties bool                       `json:"additionalProperties"`
		Properties           map[string]json.RawMessage `json:"properties"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("tenantq.schema.json: %v", err)
	}
	var keys []string
	for k := range schema.Properties {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	want := slices.Sorted(slices.Values(knownKeys))
	if !slices.Equal(keys, want) || schema.AdditionalProperties {
		t.Errorf("tenantq.schema.json has keys %q (additionalProperties %v), want %q and no others", keys, schema.AdditionalProperties, want)
	}
}
