package sqlcheck

import (
	"sync"
	"sync/atomic"
)

// cacheGeneration is how many verdicts one cache generation holds. The cache keeps two: when
// the newer fills, the older is dropped, so memory stays bounded while hot SQL stays cached.
const cacheGeneration = 4096

// cache maps SQL text to its verdict. Reads take no lock.
type cache struct {
	mu       sync.Mutex
	cur, old atomic.Pointer[sync.Map]
	n        atomic.Int64
}

func (c *cache) get(sql string) (*Result, bool) {
	for _, m := range []*sync.Map{c.cur.Load(), c.old.Load()} {
		if m == nil {
			continue
		}
		if v, ok := m.Load(sql); ok {
			return v.(*Result), true
		}
	}
	return nil, false
}

func (c *cache) put(sql string, r *Result) {
	m := c.cur.Load()
	if m == nil || c.n.Load() >= cacheGeneration {
		c.mu.Lock()
		if m = c.cur.Load(); m == nil || c.n.Load() >= cacheGeneration {
			c.old.Store(m)
			m = new(sync.Map)
			c.cur.Store(m)
			c.n.Store(0)
		}
		c.mu.Unlock()
	}
	if _, loaded := m.LoadOrStore(sql, r); !loaded {
		c.n.Add(1)
	}
}
