package blob

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// A store and a catalog are bound to each other: the store keeps, under
// BindingKey, the identities (catalog.Identity) of the catalogs whose
// files it holds. A node started on the wrong bucket or folder (a
// mistyped EVIDENCE_S3_BUCKET, a wrong --data) finds its catalog's
// identity missing there and refuses to start, instead of following the
// catalog with none of its texts and taking uploads the other nodes
// cannot read (cmd/evidence binding.go decides; this file keeps the
// object).

// BindingKey is the object that names the catalogs a store belongs to.
// Copy leaves it out: a store's binding is its own.
const BindingKey = "archive/catalogs.json"

// Binding is what BindingKey holds.
type Binding struct {
	Catalogs []BoundCatalog `json:"catalogs"`
}

// BoundCatalog is one catalog a store holds the files of.
type BoundCatalog struct {
	ID      string    `json:"id"`
	BoundAt time.Time `json:"bound_at"`
}

// Names reports whether the binding names the catalog of identity id.
func (b Binding) Names(id string) bool {
	return slices.ContainsFunc(b.Catalogs, func(c BoundCatalog) bool { return c.ID == id })
}

// IDs lists the identities the binding names.
func (b Binding) IDs() []string {
	ids := make([]string, len(b.Catalogs))
	for i, c := range b.Catalogs {
		ids[i] = c.ID
	}
	return ids
}

// ReadBinding returns the store's binding; an error of code ENOTFOUND
// when the store has none (new, or written before bindings existed).
func ReadBinding(ctx context.Context, s Store) (Binding, error) {
	rc, err := s.Get(ctx, BindingKey)
	if err != nil {
		return Binding{}, err
	}
	defer rc.Close()
	body, err := io.ReadAll(io.LimitReader(rc, 1<<20))
	if err != nil {
		return Binding{}, fmt.Errorf("read %s: %w", BindingKey, err)
	}
	var b Binding
	if err := json.Unmarshal(body, &b); err != nil {
		return Binding{}, fmt.Errorf("read %s: %w", BindingKey, err)
	}
	return b, nil
}

// Bind adds the catalog of identity id to the store's binding, writing
// it whole; binding a catalog named already changes nothing. Two nodes
// binding two catalogs at one moment may lose one of them, which the
// next start of its node writes again.
func Bind(ctx context.Context, s Store, id string, now time.Time) error {
	b, err := ReadBinding(ctx, s)
	if err != nil && !catalog.IsNotFound(err) {
		return err
	}
	if b.Names(id) {
		return nil
	}
	b.Catalogs = append(b.Catalogs, BoundCatalog{ID: id, BoundAt: now.UTC()})
	body, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return fmt.Errorf("write %s: %w", BindingKey, err)
	}
	if err := s.Put(ctx, BindingKey, bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
		return fmt.Errorf("write %s: %w", BindingKey, err)
	}
	return nil
}
