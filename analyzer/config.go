package analyzer

import (
	"fmt"
	"path/filepath"
	"sync"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/sqlcheck"
)

// The analyzer's flags. They are set once per process, from the command line.
var (
	overrides       config.Overrides // -config, -tenant-column, -global
	showIgnoredFlag bool
	fingerprints    bool
)

func init() {
	overrides.RegisterFlags(&Analyzer.Flags)
	Analyzer.Flags.BoolVar(&showIgnoredFlag, "show-ignored", false, "also report the findings that tenantvet:ignore directives exempt, marked ignored")
	Analyzer.Flags.BoolVar(&fingerprints, "fingerprints", false, "add the fingerprint of each finding's SQL as related information (tenantvet's baselines set it)")
}

// loader loads the configuration of each package for [Analyzer]. It is made on first use,
// after the flags are parsed, and caches one checker per configuration file, so that the
// packages of one run share a checker and its verdict cache.
var loader = sync.OnceValue(func() *config.Loader { return config.NewLoader(overrides) })

// An env is what a package is checked with: the checker for its policy and the extra sinks.
type env struct {
	checker *sqlcheck.Checker
	sinks   []config.Sink
}

// loadEnv returns the env of the pass's package: its tenantq.yaml (the one -config names, or
// the nearest to the package's directory), with the flags applied.
func loadEnv(pass *runner) (*env, error) {
	cfg, checker, err := loader().Load(pass.dir())
	if err != nil {
		return nil, err
	}
	return &env{checker: checker, sinks: cfg.Sinks}, nil
}

// envOf builds the env of a configuration given whole, for [New].
func envOf(cfg *config.Config) (*env, error) {
	pol, err := cfg.Policy()
	if err != nil {
		return nil, err
	}
	c, err := sqlcheck.New(*pol)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cfg.Path, err)
	}
	return &env{checker: c, sinks: cfg.Sinks}, nil
}

// dir returns the directory of the package's first Go file.
func (r *runner) dir() string {
	return filepath.Dir(r.pass.Fset.File(r.pass.Files[0].Pos()).Name())
}
