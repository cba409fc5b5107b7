package main

import (
	"crypto/sha256"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tenantq/tenantq/config"
)

// go vet caches each package's analysis under a key made of the package's sources, the vet
// tool's flags and the tool's ID, which it reads once per run from "tool -V=full". The policy
// is not among them: a changed tenantq.yaml or schema would keep the findings of the old one,
// or none, as long as the sources are unchanged. So tenantvet answers -V=full with a build ID
// that hashes its own binary together with every tenantq.yaml of the module and each schema
// file they name: a changed policy is a changed tool, and every package is checked again.
//
// "tenantvet -config file ./..." passes the digest of that file and its schema to the vet
// tool it runs through configDigestEnv, since go vet does not give the tool its flags when it
// asks for the version.

// configDigestEnv carries the digest of a -config file from tenantvet to the vet tool.
const configDigestEnv = "TENANTVET_CONFIG_DIGEST"

// isVersionQuery reports whether go vet asks for the tool's version.
func isVersionQuery(args []string) bool {
	return slices.ContainsFunc(args, func(a string) bool { return a == "-V=full" || a == "--V=full" })
}

// printVersion writes the -V=full line go vet reads: "tenantvet version devel ... buildID=<hash>"
// where the hash covers the binary and the policy files of the module of dir.
func printVersion(w io.Writer, dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	h := sha256.New()
	if err := hashFile(h, self); err != nil {
		return err
	}
	fmt.Fprintf(h, "config digest %q\n", os.Getenv(configDigestEnv))
	if err := hashPolicies(h, dir); err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s version devel comments-go-here buildID=%02x\n", self, h.Sum(nil))
	return err
}

// hashPolicies hashes every tenantq.yaml under the module root of dir, and the schema files
// each names. A file that cannot be read or parsed is hashed by its error, so that fixing it
// changes the digest too.
func hashPolicies(h hash.Hash, dir string) error {
	root, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	for d := root; ; d = filepath.Dir(d) {
		if fileExists(filepath.Join(d, "go.mod")) {
			root = d
			break
		}
		if filepath.Dir(d) == d {
			break // no module: the directory itself
		}
	}
	var configs []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // an unreadable directory holds no policy we could use
		}
		if d.IsDir() && p != root && (strings.HasPrefix(d.Name(), ".") || d.Name() == "vendor" || d.Name() == "node_modules") {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == config.FileName {
			configs = append(configs, p)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, c := range configs {
		fmt.Fprintf(h, "config %q\n", c)
		if err := hashFile(h, c); err != nil {
			fmt.Fprintf(h, "error %q\n", err)
			continue
		}
		cfg, err := config.Load(c)
		if err != nil {
			fmt.Fprintf(h, "error %q\n", err)
			continue
		}
		for _, sc := range cfg.Schema {
			hashSchema(h, sc)
		}
	}
	return nil
}

// configDigest returns the digest of one configuration file and its schema.
func configDigest(path string) string {
	h := sha256.New()
	if err := hashFile(h, path); err != nil {
		fmt.Fprintf(h, "error %q\n", err)
	} else if cfg, err := config.Load(path); err != nil {
		fmt.Fprintf(h, "error %q\n", err)
	} else {
		for _, sc := range cfg.Schema {
			hashSchema(h, sc)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// hashSchema hashes a schema file, or every file under a schema directory, names and contents.
func hashSchema(h hash.Hash, schema string) {
	if schema == "" {
		return
	}
	_ = filepath.WalkDir(schema, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			fmt.Fprintf(h, "error %q\n", err)
			return nil
		}
		if !d.IsDir() {
			fmt.Fprintf(h, "schema %q\n", p)
			if err := hashFile(h, p); err != nil {
				fmt.Fprintf(h, "error %q\n", err)
			}
		}
		return nil
	})
}

func hashFile(h hash.Hash, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(h, f)
	return err
}
