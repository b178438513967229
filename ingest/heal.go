package ingest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// The audit events of an original that check found damaged or missing
// (FlagDamagedOriginals) and of one an upload of the same bytes mended
// (healOriginal). The newest of the two says whether a duplicate upload
// of a large original hashes the stored copy.
const (
	EventOriginalDamaged  = "document.original.damaged"
	EventOriginalRepaired = "document.original.repaired"
	// EventOriginalIntact: an original flagged damaged read whole again
	// (a download's or a pack's check hashed it to its SHA-256: the store
	// had a passing fault, or someone put the file back).
	EventOriginalIntact = "document.original.intact"
	eventsOfOriginal    = "document.original."
)

// healHashLimit is the largest stored original a duplicate upload hashes
// in full when nothing says it is damaged. Reading and hashing 32 MiB
// takes a tenth of a second or less, no more than receiving and hashing
// the upload itself did, and nearly every 佐证材料 (PDF, DOCX, a scan of a
// few pages) is smaller; a larger same-size original is hashed only when
// its document failed (its retry reads every byte anyway) or check
// flagged it. Every duplicate pays a Stat, which finds a missing or
// truncated original.
var healHashLimit int64 = 32 << 20

// healOriginal rewrites the stored original of d from st, the same bytes
// uploaded again (st.SHA256 == d.SHA256, hashed as they were staged),
// when the store's copy is missing or does not hash to its key, and says
// whether it did. The new copy is written as every original is (atomic,
// durable before it counts) and read back and hashed before the repair is
// reported and audited. A store that cannot be asked about the copy
// leaves the duplicate answered as before (logged): only a failed write
// of a copy known bad is an error.
func (s *Service) healOriginal(ctx context.Context, d *catalog.Document, st *Staged, user *catalog.User) (bool, error) {
	key := catalog.OriginalKey(d.SHA256)
	info, err := s.blobs.Stat(ctx, key)
	switch {
	case catalog.IsNotFound(err):
	case err != nil:
		s.log.Warn("duplicate: cannot look at the stored original", "id", d.ID, "key", key, "err", err)
		return false, nil
	case info.Size == st.Size:
		if !s.worthHashing(ctx, d, info.Size) {
			return false, nil
		}
		good, err := storedHashes(ctx, s.blobs, key, d.SHA256)
		if err != nil {
			s.log.Warn("duplicate: cannot hash the stored original", "id", d.ID, "key", key, "err", err)
			return false, nil
		}
		if good {
			return false, nil
		}
	}
	was := "missing"
	if err == nil {
		was = "damaged"
	}
	if err := s.writeOriginal(ctx, st); err != nil {
		return false, err
	}
	if good, err := storedHashes(ctx, s.blobs, key, d.SHA256); err != nil || !good {
		return false, fmt.Errorf("repair original %s of %s: the copy written does not read back (%v): %w", key, d.ID, err,
			catalog.Errorf(catalog.EUNAVAILABLE, "原件修复后读回校验不符，文件存储可能有故障；请稍后重新上传或联系管理员"))
	}
	s.log.Info("original repaired from an upload", "id", d.ID, "sha256", d.SHA256, "was", was, "user", user.Username)
	err = s.cat.RecordEvent(ctx, catalog.Event{User: user.Username, Action: EventOriginalRepaired, Object: d.ID,
		Detail: map[string]any{"filename": st.Filename, "size": st.Size, "was": was}})
	if err != nil {
		// The original is mended; only its record is missing.
		s.log.Error("record original repaired", "id", d.ID, "err", err)
	}
	return true, nil
}

// worthHashing says whether a duplicate upload hashes d's stored original
// of size bytes (healHashLimit).
func (s *Service) worthHashing(ctx context.Context, d *catalog.Document, size int64) bool {
	if size <= healHashLimit || d.Status == catalog.StatusFailed {
		return true
	}
	evs, err := s.cat.FindEvents(ctx, catalog.EventFilter{Object: d.ID, Action: eventsOfOriginal, Limit: 1})
	if err != nil {
		s.log.Warn("duplicate: cannot read the original's events", "id", d.ID, "err", err)
		return false
	}
	return len(evs) == 1 && evs[0].Action == EventOriginalDamaged
}

// storedHashes says whether the object under key hashes to sha; an object
// that cannot be read through does not. Only the store's being out of
// reach (or ctx's end) is an error.
func storedHashes(ctx context.Context, blobs blob.Store, key, sha string) (bool, error) {
	rc, err := blobs.Get(ctx, key)
	if storeDown(ctx, err) {
		return false, err
	}
	if err != nil {
		return false, nil
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		if storeDown(ctx, err) {
			return false, err
		}
		return false, nil
	}
	return hex.EncodeToString(h.Sum(nil)) == sha, nil
}

// FlagDamagedOriginals records, for each document whose original problems
// names (Check's ProblemOriginal), that check found it damaged or missing,
// unless that is already the newest word about its original: a duplicate
// upload of such a document then hashes its stored copy whatever its size
// and mends it (healOriginal).
func FlagDamagedOriginals(ctx context.Context, cat *catalog.Store, problems []Problem, user string) error {
	for _, p := range problems {
		if p.Kind != ProblemOriginal {
			continue
		}
		if err := FlagDamagedOriginal(ctx, cat, p.DocumentID, p.What, user); err != nil {
			return err
		}
	}
	return nil
}

// FlagDamagedOriginal records that the original of document id was found
// damaged or missing (what, for the audit log), unless that is already
// the newest word about it.
func FlagDamagedOriginal(ctx context.Context, cat *catalog.Store, id, what, user string) error {
	flagged, err := OriginalFlagged(ctx, cat, id)
	if err != nil || flagged {
		return err
	}
	return cat.RecordEvent(ctx, catalog.Event{User: user, Action: EventOriginalDamaged, Object: id,
		Detail: map[string]any{"what": what}})
}

// OriginalFlagged says whether the newest word about document id's
// original is that it was found damaged or missing (not yet mended).
func OriginalFlagged(ctx context.Context, cat *catalog.Store, id string) (bool, error) {
	evs, err := cat.FindEvents(ctx, catalog.EventFilter{Object: id, Action: eventsOfOriginal, Limit: 1})
	if err != nil {
		return false, fmt.Errorf("read the events of %s's original: %w", id, err)
	}
	return len(evs) == 1 && evs[0].Action == EventOriginalDamaged, nil
}

// FlaggedOriginals says, of documents ids, which ones' originals the
// newest word is that they were found damaged or missing (OriginalFlagged
// of each, in one query per list of IDs).
func FlaggedOriginals(ctx context.Context, events interface {
	NewestActions(ctx context.Context, objects []string, prefix string) (map[string]string, error)
}, ids []string) (map[string]bool, error) {
	newest, err := events.NewestActions(ctx, ids, eventsOfOriginal)
	if err != nil {
		return nil, fmt.Errorf("read the events of the originals: %w", err)
	}
	flagged := map[string]bool{}
	for id, action := range newest {
		if action == EventOriginalDamaged {
			flagged[id] = true
		}
	}
	return flagged, nil
}

// OriginalIntact says whether d's stored original is there and hashes to
// its SHA-256; only the store's being out of reach is an error.
func OriginalIntact(ctx context.Context, blobs blob.Store, d *catalog.Document) (bool, error) {
	return storedHashes(ctx, blobs, catalog.OriginalKey(d.SHA256), d.SHA256)
}

// OriginalIntactAgain records that the original of document id, flagged
// damaged, read whole again: its page and downloads stop saying it is
// damaged.
func OriginalIntactAgain(ctx context.Context, cat *catalog.Store, id, user string) error {
	return cat.RecordEvent(ctx, catalog.Event{User: user, Action: EventOriginalIntact, Object: id})
}

// OriginalDamagedError is what a person asking for d's original is told
// when it is damaged or missing: how to mend it.
func OriginalDamagedError(d *catalog.Document) error {
	return catalog.Errorf(catalog.ECONFLICT, "%s的原件已损坏或缺失；请用同一文件重新上传（上传页），档案会用它修复原件，文档的编号、信息和关联都不变；没有上传权限的请联系本市协调员或管理员", catalog.TitleWords(d.Title))
}

// RepairedWords says, in both languages, that the file uploaded mended
// d's damaged or missing original.
func RepairedWords(d *catalog.Document) catalog.Words {
	return catalog.Words{
		Chinese: "已用上传的文件修复损坏的原件" + catalog.BookTitle(d.Title),
		English: fmt.Sprintf("Repaired the damaged original of “%s” with the file uploaded", d.Title),
	}
}
