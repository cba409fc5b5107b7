package analyzer

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/tenantq/tenantq/config"
	"github.com/tenantq/tenantq/internal/flagutil"
	"github.com/tenantq/tenantq/sqlcheck"
)

// The analyzer's flags. They are set once per process, from the command line.
var (
	configFlag      string
	tenantColumns   flagutil.List
	globalTables    flagutil.List
	showIgnoredFlag bool
	fingerprints    bool
)

func init() {
	Analyzer.Flags.StringVar(&configFlag, "config", "", "read the policy from `file` instead of the tenantq.yaml nearest to each package")
	Analyzer.Flags.Var(&tenantColumns, "tenant-column", "tenant column `name` (repeatable or comma-separated; replaces the config's)")
	Analyzer.Flags.Var(&globalTables, "global", "global `table` holding no tenant data (repeatable or comma-separated; adds to the config's)")
	Analyzer.Flags.BoolVar(&showIgnoredFlag, "show-ignored", false, "also report the findings that tenantvet:ignore directives exempt, marked ignored")
	Analyzer.Flags.BoolVar(&fingerprints, "fingerprints", false, "add the fingerprint of each finding's SQL as related information (tenantvet's baselines set it)")
}

// An env is what a package is checked with: the checker for its policy and the extra sinks.
type env struct {
	checker *sqlcheck.Checker
	sinks   []config.Sink
}

// envs caches an env per configuration file and version, so that the packages of one run
// share a checker and its verdict cache.
var envs sync.Map // string -> *envEntry

type envEntry struct {
	once sync.Once
	env  *env
	err  error
}

// loadEnv returns the env of the pass's package: its tenantq.yaml (the one -config names, or
// the nearest to the package's directory), with the flags applied.
func loadEnv(pass *runner) (*env, error) {
	path := configFlag
	if path == "" {
		switch p, err := config.Find(pass.dir()); {
		case err == nil:
			path = p
		case !errors.Is(err, config.ErrNotFound):
			return nil, err
		}
	}
	key := path
	if path != "" {
		st, err := os.Stat(path)
		if err != nil {
			return nil, fmt.Errorf("read config: %w", err)
		}
		key = fmt.Sprintf("%s\x00%d\x00%d", path, st.Size(), st.ModTime().UnixNano())
	}
	e, _ := envs.LoadOrStore(key, new(envEntry))
	entry := e.(*envEntry)
	entry.once.Do(func() { entry.env, entry.err = newEnv(path) })
	return entry.env, entry.err
}

func newEnv(path string) (*env, error) {
	cfg := config.Default()
	if path != "" {
		c, err := config.Load(path)
		if err != nil {
			return nil, err
		}
		cfg = c
	}
	if len(tenantColumns) > 0 {
		cfg.TenantColumns = tenantColumns
	}
	cfg.GlobalTables = append(cfg.GlobalTables, globalTables...)
	return envOf(cfg)
}

// envOf builds the env of a configuration.
func envOf(cfg *config.Config) (*env, error) {
	path := cfg.Path
	pol, err := cfg.Policy()
	if err != nil {
		return nil, err
	}
	c, err := sqlcheck.New(*pol)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &env{checker: c, sinks: cfg.Sinks}, nil
}

// dir returns the directory of the package's first Go file.
func (r *runner) dir() string {
	return filepath.Dir(r.pass.Fset.File(r.pass.Files[0].Pos()).Name())
}
