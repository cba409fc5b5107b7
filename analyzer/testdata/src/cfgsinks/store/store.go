// Package store has sinks that only the configuration names.
package store

type Store struct{}

// Run runs SQL given as any value; the analyzer cannot know, tenantq.yaml says so.
func (s *Store) Run(label string, query any) {}

type Runner interface {
	Do(statement string) error
}

func Script(text string) {}
