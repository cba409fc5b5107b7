package store

type Store struct{}

func (s *Store) Run(label string, query any) {}

type Runner interface {
	Do(statement string) error
}

func Bytes(b []byte) {}

// Forward passes its string to the configured any-typed sink.
func Forward(s *Store, q string) { // want Forward:`sink\(1\)`
	s.Run("x", q)
}
