package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/tenantq/tenantq/analyzer"
	"github.com/tenantq/tenantq/internal/report"
	"github.com/tenantq/tenantq/sqlcheck"
)

// isVetInvocation reports whether go vet is running the binary as its -vettool: it asks for
// the version (-V=full) and the flags (-flags), then passes one .cfg file per package.
func isVetInvocation(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-V" || a == "--V=full" || a == "-flags" || a == "--flags" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// vetDiagnostic is a diagnostic in go vet's -json output (x/tools' analysisflags format).
type vetDiagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"`
	End      string `json:"end"`
	Message  string `json:"message"`
	Related  []struct {
		Posn    string `json:"posn"`
		Message string `json:"message"`
	} `json:"related"`
}

type vetPosition struct {
	file      string
	line, col int
}

// runGo is "tenantvet [flags] PACKAGE...": it runs the analyzer through go vet, which checks
// each package once with the build cache and hands facts from package to package, and prints
// the findings. It returns 0 when clean, 1 with findings, 2 when the packages could not be
// checked.
func runGo(args []string, stdout, stderr io.Writer) int {
	return runGoWith(args, runOptions{}, stdout, stderr)
}

// runOptions are what the pre-commit hook changes in a run of either mode.
type runOptions struct {
	// overlay is go's -overlay, for Go packages: it maps the path of a file go vet would read
	// to the file it reads instead, "" for none. Findings in a replacement are reported at the
	// file it replaces.
	overlay map[string]string
	// read reads a .sql file; nil for os.ReadFile. When set, the arguments are the files
	// themselves, which need not exist on disk.
	read func(path string) ([]byte, error)
	// into, when set, receives the findings instead of printing them.
	into *collected
}

// collected are the findings of several runs, printed once (the hook's Go and .sql findings).
type collected struct {
	findings []report.Finding
	checked  map[string]bool
	exempted int
}

func (c *collected) add(findings []report.Finding, checked map[string]bool, exempted int) {
	c.findings = append(c.findings, findings...)
	if c.checked == nil {
		c.checked = make(map[string]bool)
	}
	for k, v := range checked {
		c.checked[k] = c.checked[k] || v
	}
	c.exempted += exempted
}

// runGoWith is runGo with the hook's options.
func runGoWith(args []string, opt runOptions, stdout, stderr io.Writer) int {
	overlay := opt.overlay
	fset := flag.NewFlagSet("tenantvet", flag.ContinueOnError)
	fset.SetOutput(stderr)
	var out outputFlags
	out.register(fset)
	dir := fset.String("C", "", "check the packages of the module in `dir`, as go -C does; paths print relative to the working directory")
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { fset.Var(f.Value, f.Name, f.Usage) })
	fset.Usage = func() {
		fmt.Fprint(stderr, "Usage: tenantvet [flags] PACKAGE...\n\nChecks the SQL that Go packages pass to the database against the tenancy contract,\nby running go vet -vettool with this binary. Exit status: 0 clean, 1 findings, 2 error.\n\nFlags:\n")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitClean
		}
		return exitError
	}
	if fset.NArg() == 0 {
		fset.Usage()
		return exitError
	}
	if err := out.check(); err != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", err)
		return exitError
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(stderr, "tenantvet: cannot find its own binary for go vet -vettool: %v\n", err)
		return exitError
	}
	vetArgs := []string{"vet", "-vettool=" + self, "-json", "-fingerprints"}
	digest := ""
	var flagErr error
	fset.Visit(func(f *flag.Flag) {
		if analyzer.Analyzer.Flags.Lookup(f.Name) == nil {
			return // tenantvet's own flag, not the analyzer's
		}
		v := f.Value.String()
		if f.Name == "config" && v != "" {
			// go vet runs the tool in each package's directory.
			abs, err := filepath.Abs(v)
			if err != nil {
				flagErr = err
			}
			v = abs
			digest = configDigest(abs)
		}
		vetArgs = append(vetArgs, "-"+f.Name+"="+v)
	})
	if flagErr != nil {
		fmt.Fprintf(stderr, "tenantvet: %v\n", flagErr)
		return exitError
	}
	back := map[string]string{} // replacement: the file it replaces
	if len(overlay) > 0 {
		f, err := writeOverlay(overlay)
		if err != nil {
			fmt.Fprintf(stderr, "tenantvet: %v\n", err)
			return exitError
		}
		defer os.Remove(f)
		vetArgs = append(vetArgs, "-overlay="+f)
		for path, repl := range overlay {
			if repl != "" {
				back[repl] = path
			}
		}
	}
	vetArgs = append(vetArgs, fset.Args()...)

	var vetOut, errOut bytes.Buffer
	cmd := exec.Command(goCommand(), vetArgs...)
	cmd.Dir = *dir
	cmd.Env = append(os.Environ(), configDigestEnv+"="+digest)
	cmd.Stdout, cmd.Stderr = &vetOut, &errOut
	runErr := cmd.Run()
	findings, packages, failures, parseErr := parseVetJSON(vetOut.Bytes())
	if runErr != nil || parseErr != nil || len(failures) > 0 {
		stderr.Write(errOut.Bytes())
		for _, f := range failures {
			fmt.Fprintf(stderr, "tenantvet: %s\n", f)
		}
		switch {
		case parseErr != nil:
			fmt.Fprintf(stderr, "tenantvet: reading go vet's output: %v\n", parseErr)
		case runErr != nil && errOut.Len() == 0:
			fmt.Fprintf(stderr, "tenantvet: go vet: %v\n", runErr)
		}
		return exitError
	}
	for i := range findings {
		if p, ok := back[findings[i].File]; ok {
			findings[i].File = p
		}
		for j := range findings[i].Related {
			if p, ok := back[findings[i].Related[j].File]; ok {
				findings[i].Related[j].File = p
			}
		}
	}
	report.Sort(findings)
	if opt.into != nil {
		opt.into.add(findings, packages, 0)
		return exitClean
	}
	return out.emit(stdout, stderr, "tenantvet", findings, packages)
}

// writeOverlay writes go's -overlay file for overlay and returns its path.
func writeOverlay(overlay map[string]string) (string, error) {
	data, err := json.Marshal(struct{ Replace map[string]string }{overlay})
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "tenantvet-overlay-*.json")
	if err != nil {
		return "", fmt.Errorf("go vet -overlay: %w", err)
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("go vet -overlay: %w", err)
	}
	return f.Name(), nil
}

// goCommand is the go command to run: $GOROOT/bin/go when GOROOT is set, else go from PATH.
func goCommand() string {
	if root := os.Getenv("GOROOT"); root != "" {
		if p := filepath.Join(root, "bin", "go"); fileExists(p) {
			return p
		}
	}
	return "go"
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// parseVetJSON reads go vet -json's stream of objects, one per package: package ID, then
// analyzer name, then a list of diagnostics or an {"error": ...} object. It returns the
// findings, deduplicated (a package and its test variant share files) and sorted, and the
// analysis errors.
func parseVetJSON(data []byte) (findings []report.Finding, packages map[string]bool, failures []string, err error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	packages = make(map[string]bool)
	seen := make(map[string]bool)
	for {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, nil, err
		}
		for pkg, byAnalyzer := range tree {
			packages[packagePath(pkg)] = true
			for _, raw := range byAnalyzer {
				var failure struct{ Error string }
				if json.Unmarshal(raw, &failure) == nil && failure.Error != "" {
					failures = append(failures, pkg+": "+failure.Error)
					continue
				}
				var diags []vetDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					return nil, nil, nil, err
				}
				for _, d := range diags {
					key := d.Posn + "\x00" + d.Message
					if seen[key] {
						continue
					}
					seen[key] = true
					findings = append(findings, newGoFinding(pkg, d))
				}
			}
		}
	}
	report.Sort(findings)
	slices.Sort(failures)
	return findings, packages, failures, nil
}

// packagePath turns go vet's package ID ("p [p.test]", "p_test [p.test]") into the path
// findings are filed under.
func packagePath(id string) string {
	return strings.TrimSuffix(strings.Fields(id + " ")[0], "_test")
}

// newGoFinding turns a diagnostic of the analyzer into a finding: "rule: message; hint" is
// read back by sqlcheck.SplitFinding, the mark of an exempted finding by
// analyzer.SplitIgnored, and the fingerprint is taken from the related information the
// -fingerprints flag adds.
func newGoFinding(pkg string, d vetDiagnostic) report.Finding {
	p := parsePosn(d.Posn)
	end := parsePosn(d.End)
	_, msg, hint := sqlcheck.SplitFinding(d.Message)
	f := report.Finding{
		File: p.file, Line: p.line, Column: p.col,
		Rule:    d.Category,
		Message: msg,
		Hint:    hint,
		Package: packagePath(pkg),
	}
	if reason, rest, ok := analyzer.SplitIgnored(msg); ok {
		f.Message, f.Ignored = rest, reason
	}
	if f.Rule != "" {
		f.URL = report.RuleURL(f.Rule)
	}
	if end.file == p.file && end.line > 0 {
		f.EndLine, f.EndColumn = end.line, end.col
	}
	for _, r := range d.Related {
		if fp, ok := strings.CutPrefix(r.Message, analyzer.FingerprintPrefix); ok {
			f.Fingerprint = fp
			continue
		}
		rp := parsePosn(r.Posn)
		f.Related = append(f.Related, report.Related{File: rp.file, Line: rp.line, Column: rp.col, Message: r.Message})
	}
	return f
}

// parsePosn splits "file:line:col" (or "file:line").
func parsePosn(s string) vetPosition {
	var p vetPosition
	rest := s
	nums := []*int{&p.col, &p.line}
	if strings.Count(s, ":") < 2 {
		nums = nums[1:]
	}
	for _, n := range nums {
		i := strings.LastIndexByte(rest, ':')
		if i < 0 {
			break
		}
		v, err := strconv.Atoi(rest[i+1:])
		if err != nil {
			break
		}
		*n = v
		rest = rest[:i]
	}
	p.file = rest
	return p
}
