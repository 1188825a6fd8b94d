package crawl

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// Validator is what a server said identifies a version of a resource.
type Validator struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
}

// Validators remember, per URL, the ETag and Last-Modified of the last
// answer, so that the next crawl's link checks can be conditional: an
// unchanged attachment answers 304 with no body. Safe for concurrent use.
type Validators struct {
	mu sync.Mutex
	m  map[string]Validator
}

// NewValidators returns an empty set.
func NewValidators() *Validators { return &Validators{m: make(map[string]Validator)} }

// Get returns the validator recorded for u.
func (v *Validators) Get(u string) (Validator, bool) {
	if v == nil {
		return Validator{}, false
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	x, ok := v.m[u]
	return x, ok
}

// Put records what a response said; a response with neither header forgets u.
func (v *Validators) Put(u string, x Validator) {
	if v == nil {
		return
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if x == (Validator{}) {
		delete(v.m, u)
		return
	}
	v.m[u] = x
}

// Len counts the URLs with a validator.
func (v *Validators) Len() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return len(v.m)
}

// LoadValidators reads a set saved by Save; a missing file is an empty set.
func LoadValidators(path string) (*Validators, error) {
	v := NewValidators()
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &v.m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return v, nil
}

// Save writes the set to path atomically.
func (v *Validators) Save(path string) error {
	v.mu.Lock()
	b, err := json.Marshal(v.m)
	v.mu.Unlock()
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".validators-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
