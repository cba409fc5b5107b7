package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/tenantq/tenantq/internal/report"
)

// outputFlags are the output and baseline flags of both modes.
type outputFlags struct {
	format        string
	json          bool
	baseline      string
	writeBaseline string
}

func (o *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&o.format, "format", "text", "output `format`: text (standard error), json or sarif (standard output)")
	fs.BoolVar(&o.json, "json", false, "short for -format json")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings that are not in the baseline `file`, and count its entries that are gone")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "record today's findings in the baseline `file` and exit 0")
}

// check validates the flags after parsing.
func (o *outputFlags) check() error {
	if o.json {
		if o.format != "text" && o.format != "json" {
			return fmt.Errorf("-json and -format %s disagree", o.format)
		}
		o.format = "json"
	}
	switch o.format {
	case "text", "json", "sarif":
	default:
		return fmt.Errorf("unknown -format %q: want text, json or sarif", o.format)
	}
	if o.baseline != "" && o.writeBaseline != "" {
		return errors.New("-baseline and -write-baseline exclude each other")
	}
	return nil
}

// emit reports the findings of a run as the flags ask and returns the exit code. name prefixes
// its own messages; checked holds what the run checked (see report.Finding.Where), so that a
// baseline's entries elsewhere do not count as fixed. Exempted findings (Ignored set) are
// printed, after the others, but do not count.
func (o *outputFlags) emit(stdout, stderr io.Writer, name string, findings []report.Finding, checked map[string]bool) int {
	var reported, ignored []report.Finding
	for _, f := range findings {
		if f.Ignored != "" {
			ignored = append(ignored, f)
		} else {
			reported = append(reported, f)
		}
	}
	switch {
	case o.writeBaseline != "":
		if err := report.WriteBaseline(o.writeBaseline, reported); err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return exitError
		}
		fmt.Fprintf(stderr, "%s: wrote %s to the baseline %s\n", name, plural(len(reported), "finding"), o.writeBaseline)
		return exitClean
	case o.baseline != "":
		b, err := report.ReadBaseline(o.baseline)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", name, err)
			return exitError
		}
		var known, gone int
		reported, known, gone = b.Filter(reported, checked)
		fmt.Fprintf(stderr, "%s: %s in the baseline %s", name, plural(known, "finding"), o.baseline)
		if gone > 0 {
			entries := "baseline entries"
			if gone == 1 {
				entries = "baseline entry"
			}
			fmt.Fprintf(stderr, "; %d %s gone (fixed): write the baseline again with -write-baseline to drop them", gone, entries)
		}
		fmt.Fprintln(stderr)
	}
	all := append(reported[:len(reported):len(reported)], ignored...)
	var err error
	switch o.format {
	case "sarif":
		err = report.WriteSARIF(stdout, all)
	case "json":
		err = report.WriteJSON(stdout, all)
	default:
		err = report.WriteText(stderr, all)
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", name, err)
		return exitError
	}
	if len(reported) > 0 {
		return exitFindings
	}
	return exitClean
}

// plural formats a count and a noun: "1 finding", "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
