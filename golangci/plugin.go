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
// does; "config" names one file for all; the other keys are those of tenantq.yaml. Unknown
// settings are an error. golangci-lint's release binaries are built without cgo, and the
// checker embeds the PostgreSQL parser (C): build the custom binary with CGO_ENABLED=1 and a C
// compiler.
package golangci

import (
	"errors"
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"

	"github.com/tenantq/tenantq/analyzer"
	"github.com/tenantq/tenantq/config"
)

func init() {
	register.Plugin("tenantvet", New)
}

// Settings are the plugin's settings in .golangci.yml: a tenantq.yaml file to read, or the keys
// of tenantq.yaml themselves.
type Settings struct {
	// Config names a tenantq.yaml to read for every package. It excludes the other keys.
	Config string `json:"config" yaml:"-"`

	TenantColumns []string          `json:"tenant_columns" yaml:"tenant_columns,omitempty"`
	Schema        string            `json:"schema" yaml:"schema,omitempty"`
	GlobalTables  []string          `json:"global_tables" yaml:"global_tables,omitempty"`
	Tables        map[string]string `json:"tables" yaml:"tables,omitempty"`
	UnknownTables string            `json:"unknown_tables" yaml:"unknown_tables,omitempty"`
	SharedTenants []any             `json:"shared_tenants" yaml:"shared_tenants,omitempty"`
	SearchPath    []string          `json:"search_path" yaml:"search_path,omitempty"`
	Sinks         []Sink            `json:"sinks" yaml:"sinks,omitempty"`
}

// A Sink is an entry of "sinks", as in tenantq.yaml.
type Sink struct {
	Package  string `json:"package" yaml:"package"`
	Function string `json:"function" yaml:"function"`
	Arg      int    `json:"arg" yaml:"arg"`
}

// settingsName is how configuration errors name the settings.
const settingsName = ".golangci.yml linters.settings.custom.tenantvet.settings"

// New is the plugin's constructor, which golangci-lint calls with the settings. It returns an
// error naming the problem for unknown or invalid settings.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("tenantvet: %s: %w", settingsName, err)
	}
	p := &plugin{}
	switch {
	case s.Config != "":
		if s.TenantColumns != nil || s.Schema != "" || s.GlobalTables != nil || s.Tables != nil || s.UnknownTables != "" || s.SharedTenants != nil || s.SearchPath != nil || s.Sinks != nil {
			return nil, fmt.Errorf("tenantvet: %s: config names a tenantq.yaml, so the other settings would be ignored: use one or the other", settingsName)
		}
		if p.cfg, err = config.Load(s.Config); err != nil {
			return nil, fmt.Errorf("tenantvet: %w", err)
		}
	case !s.empty():
		// The settings are tenantq.yaml's keys: validate them as a tenantq.yaml would be.
		data, err := yaml.Marshal(s)
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
	}
	return p, nil
}

func (s Settings) empty() bool {
	return s.TenantColumns == nil && s.Schema == "" && s.GlobalTables == nil && s.Tables == nil &&
		s.UnknownTables == "" && s.SharedTenants == nil && s.SearchPath == nil && s.Sinks == nil
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
