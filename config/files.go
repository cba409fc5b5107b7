package config

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// files is where the schema reader reads: the operating system's files, named by OS paths
// (absolute or relative to the working directory), or an fs.FS such as an embed.FS, named
// by slash-separated paths from its root. Both are fs.FS, so fs.WalkDir, fs.Stat and
// fs.ReadFile serve both; join and rel build names in each one's form.
type files interface {
	fs.FS
	join(elem ...string) string
	rel(base, target string) (string, error) // slash-separated
}

// osFiles reads the operating system's files by OS path. It is not a rooted fs.FS: Open
// takes any path the os package takes.
type osFiles struct{}

func (osFiles) Open(name string) (fs.File, error)          { return os.Open(name) }
func (osFiles) Stat(name string) (fs.FileInfo, error)      { return os.Stat(name) }
func (osFiles) ReadFile(name string) ([]byte, error)       { return os.ReadFile(name) }
func (osFiles) ReadDir(name string) ([]fs.DirEntry, error) { return os.ReadDir(name) }
func (osFiles) join(elem ...string) string {
	for i, e := range elem {
		elem[i] = filepath.FromSlash(e)
	}
	return filepath.Join(elem...)
}
func (osFiles) rel(base, target string) (string, error) {
	r, err := filepath.Rel(base, target)
	return filepath.ToSlash(r), err
}

// fsFiles reads an fs.FS by slash-separated paths.
type fsFiles struct{ fs.FS }

func (fsFiles) join(elem ...string) string { return path.Join(elem...) }
func (f fsFiles) rel(base, target string) (string, error) {
	if base == "." {
		return target, nil
	}
	r, ok := cutPrefixDir(target, base)
	if !ok {
		return "", &fs.PathError{Op: "rel", Path: target, Err: fs.ErrInvalid}
	}
	return r, nil
}

func cutPrefixDir(p, dir string) (string, bool) {
	if len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/' {
		return p[len(dir)+1:], true
	}
	return "", false
}
