// Package golangci registers tenantvet as a golangci-lint v2 module plugin, so that teams who
// run golangci-lint get tenantvet's findings with the rest. Build a custom golangci-lint with
// it (.custom-gcl.yml):
//
//	version: v2.15.0
//	plugins:
//	  - module: github.com/tenantq/tenantq
//	    import: github.com/tenantq/tenantq/golangci
//	    version: latest
//
// and enable it in .golangci.yml, with settings that mirror tenantq.yaml:
//
//	linters:
//	  enable: [tenantvet]
//	  settings:
//	    custom:
//	      tenantvet:
//	        type: module
//	        description: tenant-safe SQL
//	        settings:
//	          global_tables: [plans]
//
// Without settings, each package uses the tenantq.yaml nearest to it, as "tenantvet ./..."
// does; "config" names one file for all; the other keys are those of tenantq.yaml
// ([config.Keys]), read as tenantq.yaml is. Unknown settings are an error. golangci-lint's release binaries are built without cgo, and the
// checker embeds the PostgreSQL parser (C): build the custom binary with CGO_ENABLED=1 and a C
// compiler.
package golangci

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"github.com/golangci/plugin-module-register/register"
	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantq/tenantq/analyzer"
	"github.com/tenantq/tenantq/config"
)

func init() {
	register.Plugin("tenantvet", New)
}

// The plugin's settings in .golangci.yml are the keys of tenantq.yaml ([config.Keys]), read by
// [config.Parse] as a tenantq.yaml would be, or the one key "config" naming a tenantq.yaml to
// read for every package. There is no Go type listing them: tenantq.yaml's keys are declared
// once, in package config.
const configKey = "config"

// settingsName is how configuration errors name the settings.
const settingsName = ".golangci.yml linters.settings.custom.tenantvet.settings"

// New is the plugin's constructor, which golangci-lint calls with the settings. It returns an
// error naming the problem for unknown or invalid settings.
func New(raw any) (register.LinterPlugin, error) {
	settings, err := decode(raw)
	if err != nil {
		return nil, fmt.Errorf("tenantvet: %s: %w", settingsName, err)
	}
	p := &plugin{}
	if path, ok := settings[configKey]; ok {
		file, ok := path.(string)
		switch {
		case !ok || file == "":
			return nil, fmt.Errorf("tenantvet: %s: config: want the path of a tenantq.yaml, not %v", settingsName, path)
		case len(settings) > 1:
			return nil, fmt.Errorf("tenantvet: %s: config names a tenantq.yaml, so the other settings would be ignored: use one or the other", settingsName)
		}
		if p.cfg, err = config.Load(file); err != nil {
			return nil, fmt.Errorf("tenantvet: %w", err)
		}
		return p, nil
	}
	if len(settings) == 0 {
		return p, nil
	}
	// The settings are tenantq.yaml's keys: read them as a tenantq.yaml.
	data, err := yaml.Marshal(settings)
	if err != nil {
		return nil, fmt.Errorf("tenantvet: %s: %w", settingsName, err)
	}
	if p.cfg, err = config.Parse(settingsName, data); err != nil {
		// The line is one of the YAML made from the settings, not of .golangci.yml.
		var ce *config.Error
		if errors.As(err, &ce) {
			ce.Line = 0
		}
		return nil, fmt.Errorf("tenantvet: %w", err)
	}
	return p, nil
}

// decode turns the settings golangci-lint passes (a map decoded from .golangci.yml) into a
// map with YAML's own integer values: decoding through JSON would make every number a
// float64, and a large shared tenant would lose digits.
func decode(raw any) (map[string]any, error) {
	if raw == nil {
		return nil, nil
	}
	data, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("decoding settings: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, fmt.Errorf("decoding settings: %w", err)
	}
	if v == nil {
		return nil, nil
	}
	m, ok := numbers(v).(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want a map of settings, not %s", data)
	}
	return m, nil
}

// numbers replaces each json.Number in v with an int64, a uint64 or a float64.
func numbers(v any) any {
	switch v := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(string(v), 10, 64); err == nil {
			return n
		}
		if n, err := strconv.ParseUint(string(v), 10, 64); err == nil {
			return n
		}
		f, _ := v.Float64()
		return f
	case map[string]any:
		for k, x := range v {
			v[k] = numbers(x)
		}
	case []any:
		for i, x := range v {
			v[i] = numbers(x)
		}
	}
	return v
}

// plugin is the registered LinterPlugin.
type plugin struct {
	cfg *config.Config // nil: the tenantq.yaml nearest to each package
}

// BuildAnalyzers returns the tenantvet analyzer for the settings.
func (p *plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	if p.cfg == nil {
		return []*analysis.Analyzer{analyzer.Analyzer}, nil
	}
	a, err := analyzer.New(p.cfg)
	if err != nil {
		return nil, fmt.Errorf("tenantvet: %w", err)
	}
	return []*analysis.Analyzer{a}, nil
}

// GetLoadMode asks golangci-lint for type information: tenantvet resolves callees and builds
// SSA.
func (p *plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
