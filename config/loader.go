package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/tenantq/tenantq/sqlcheck"
)

// A Loader finds, reads and caches the configuration of each directory tools check, applies
// the command line's [Overrides] to it, and builds one [sqlcheck.Checker] per configuration
// file, so that every package or file under one tenantq.yaml shares a checker and its cache.
// The tenantvet analyzer, tenantvet sql and the golangci-lint plugin all load through it.
//
// A Loader is safe for concurrent use. The zero Loader applies no overrides. It caches by the
// file's path, size and modification time, so a long-running process (golangci-lint's) sees a
// changed file; the schema files a configuration names are read once.
type Loader struct {
	overrides Overrides
	mu        sync.Mutex
	cache     map[string]*loaded
}

// loaded is a configuration and its checker, built once.
type loaded struct {
	once    sync.Once
	cfg     *Config
	checker *sqlcheck.Checker
	err     error
}

// NewLoader returns a Loader that applies o to every configuration it loads.
func NewLoader(o Overrides) *Loader {
	o.TenantColumns = append([]string(nil), o.TenantColumns...)
	o.GlobalTables = append([]string(nil), o.GlobalTables...)
	o.Schema = append([]string(nil), o.Schema...)
	return &Loader{overrides: o}
}

// Load returns the configuration for the files of dir, with the overrides applied, and a
// checker for its policy. The configuration is the file Overrides.Config names, else the
// tenantq.yaml nearest to dir ([Find]), else [Default]. The Config is shared: do not change it.
//
// Errors come from [Find], [Load] (an [*Error] for an invalid file), [Config.Policy] (the
// schema) and [sqlcheck.New], each naming the file; an error is cached like a result.
func (l *Loader) Load(dir string) (*Config, *sqlcheck.Checker, error) {
	path := l.overrides.Config
	if path == "" {
		switch found, err := Find(dir); {
		case err == nil:
			path = found
		case !errors.Is(err, ErrNotFound):
			return nil, nil, err
		}
	}
	key := ""
	if path != "" {
		abs, err := filepath.Abs(path)
		if err != nil {
			return nil, nil, fmt.Errorf("read config: %w", err)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return nil, nil, fmt.Errorf("read config: %w", err)
		}
		key = abs + "\x00" + strconv.FormatInt(st.Size(), 10) + "\x00" + strconv.FormatInt(st.ModTime().UnixNano(), 10)
	}
	l.mu.Lock()
	if l.cache == nil {
		l.cache = make(map[string]*loaded)
	}
	e, ok := l.cache[key]
	if !ok {
		e = new(loaded)
		l.cache[key] = e
	}
	l.mu.Unlock()
	e.once.Do(func() { e.cfg, e.checker, e.err = l.build(path) })
	return e.cfg, e.checker, e.err
}

// build reads the file at path ("" for the defaults), applies the overrides and makes the
// checker.
func (l *Loader) build(path string) (*Config, *sqlcheck.Checker, error) {
	cfg := Default()
	if path != "" {
		c, err := Load(path)
		if err != nil {
			return nil, nil, err
		}
		cfg = c
	}
	cfg = l.overrides.apply(cfg)
	pol, err := cfg.Policy()
	if err != nil {
		return nil, nil, err
	}
	checker, err := sqlcheck.New(*pol)
	if err != nil {
		if path == "" {
			return nil, nil, err
		}
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	return cfg, checker, nil
}
