package packs

import (
	"context"
	"errors"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// verdicts are what a pack found hashing originals, to be kept in the
// catalog (Pack.keep): those whole (SHA-256 → the stored object's
// version), those damaged or missing, and the documents whose original
// the catalog flagged damaged and the pack found whole.
type verdicts struct {
	whole   map[string]string
	damaged []string
	cleared []*catalog.Document
}

func newVerdicts() *verdicts { return &verdicts{whole: map[string]string{}} }

// knownWhole is what the catalog records of the pack's originals hashed
// whole (SHA-256 → version), read once for the pack in one query.
func (p *Pack) knownWhole(ctx context.Context) (map[string]string, error) {
	if p.known != nil {
		return p.known, nil
	}
	shas := make([]string, len(p.Docs))
	for i, pd := range p.Docs {
		shas[i] = pd.Document.SHA256
	}
	known, err := p.docs.WholeOriginals(ctx, shas)
	if err != nil {
		return nil, fmt.Errorf("pack originals: %w", err)
	}
	p.known = known
	return known, nil
}

// keep records v in the catalog: the originals found whole at a version
// other than the one recorded (one transaction for the pack), and those
// found damaged dropped; each document of v.cleared gets an audit entry
// saying the pack found its original whole, which clears its flag. What
// could not be recorded is kept for Unrecorded: the pack stands (the
// verdicts only spare a later pack hashing again).
func (p *Pack) keep(ctx context.Context, v *verdicts) {
	for sha, version := range v.whole {
		if version == "" || p.known[sha] == version {
			delete(v.whole, sha)
		}
	}
	if err := p.docs.RecordOriginalVerdicts(ctx, v.whole, v.damaged); err != nil {
		p.unrecorded = errors.Join(p.unrecorded, err)
	} else if p.known != nil {
		for sha, version := range v.whole {
			p.known[sha] = version
		}
		for _, sha := range v.damaged {
			delete(p.known, sha)
		}
	}
	for _, d := range v.cleared {
		err := p.docs.RecordEvent(ctx, catalog.Event{User: p.user, Action: ingest.EventOriginalIntact, Object: d.ID,
			Detail: map[string]any{"what": "pack"}})
		if err != nil {
			p.unrecorded = errors.Join(p.unrecorded, fmt.Errorf("clear the damaged flag of %s's original: %w", d.ID, err))
			continue
		}
		p.cleared = append(p.cleared, d)
	}
}

// Cleared are the documents whose original the catalog flagged damaged
// or missing and this pack found whole (checked, or sent), their flag
// cleared in the audit log.
func (p *Pack) Cleared() []*catalog.Document { return p.cleared }

// Unrecorded is what the pack could not record in the catalog of the
// originals it hashed (nil when it recorded all): a later pack hashes
// them again, and an original found whole keeps its damaged flag until
// then. The pack itself is not affected; the caller logs it.
func (p *Pack) Unrecorded() error { return p.unrecorded }
