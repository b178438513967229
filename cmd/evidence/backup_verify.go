package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/readerr"
	"github.com/lcmonitor/evidence/report"
)

// backupDamage is an object of the store that backup found damaged and
// left out: an original that does not hash to its key, or a stored text
// that is not what the catalog recorded when it was written. A good copy
// an earlier run put in the backup stays there (GoodCopyKept).
type backupDamage struct {
	Key          string             `json:"key"`
	Kind         ingest.ProblemKind `json:"kind"`
	What         string             `json:"what"`
	WhatEnglish  string             `json:"what_en,omitempty"`
	GoodCopyKept bool               `json:"good_copy_kept"`
	Documents    []damagedDocument  `json:"documents,omitempty"`
}

// damagedDocument names a document whose object backup left out.
type damagedDocument struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Filename string `json:"filename"`
}

// sha is the SHA-256 of the original the damaged object belongs to.
func (d backupDamage) sha() string { return strings.TrimSuffix(path.Base(d.Key), ".json") }

// errDamaged is an object whose bytes backup will not copy: what says why.
type errDamaged struct{ what catalog.Words }

func (e errDamaged) Error() string { return e.what.English }

// copyBlobs copies every object of store into dir/<key>, holding each to
// what it should be as it goes: an original to the SHA-256 its key names
// (hashed as it is copied), a stored text to the hash cat recorded when
// it was written. A damaged object is not copied and never replaces the
// copy already in dir; it goes into rep.Damaged, and the copy goes on.
// Objects already in dir are skipped: an original whose copy has its size
// and was written before trustBefore unread (its key is its hash, and only
// a verified copy is put there), one written since once its copy hashes to
// its key, another object with the same bytes.
func copyBlobs(ctx context.Context, store blob.Store, cat *catalog.Store, dir string, trustBefore time.Time, rep *backupReport, step func()) error {
	return store.List(ctx, "", func(info blob.Info) error {
		defer step()
		dst := filepath.Join(dir, filepath.FromSlash(info.Key))
		var err error
		switch {
		case strings.HasPrefix(info.Key, "originals/"):
			err = backupOriginal(ctx, store, info, dst, trustBefore, rep)
		case strings.HasPrefix(info.Key, "text/"):
			err = backupText(ctx, store, cat, info, dst, rep)
		default:
			err = backupPlain(ctx, store, info, dst, rep)
		}
		if err != nil {
			return fmt.Errorf("back up %s: %w", info.Key, err)
		}
		return nil
	})
}

// backupOriginal copies the original info names into dst unless a good
// copy is there (see copyBlobs), and keeps it only when it hashes to its
// key. A copy there that is not good is copied again and counted repaired.
func backupOriginal(ctx context.Context, store blob.Store, info blob.Info, dst string, trustBefore time.Time, rep *backupReport) error {
	sha := path.Base(info.Key)
	fi, err := os.Stat(dst)
	hadCopy := err == nil
	if hadCopy && fi.Size() == info.Size {
		if changedAt(fi).Before(trustBefore) {
			rep.Unchanged++
			return nil
		}
		rep.Rehashed++
		if originalCopyGood(dst, sha) {
			rep.Unchanged++
			return nil
		}
	}
	rc, err := store.Get(ctx, info.Key)
	if catalog.IsNotFound(err) {
		return nil // deleted since it was listed
	}
	if err != nil {
		return unreadable(ctx, info.Key, err, dst, sha, rep)
	}
	defer rc.Close()
	src := &readerr.Source{R: rc}
	h := sha256.New()
	n, err := writeFileChecked(dst, io.TeeReader(src, h), func() error {
		if got := hex.EncodeToString(h.Sum(nil)); got != sha {
			return errDamaged{catalog.Words{Chinese: fmt.Sprintf("原件哈希不符：目录记录 %s，存储中为 %s", sha, got),
				English: fmt.Sprintf("the original's hash differs: the catalog records %s, the store holds %s", sha, got)}}
		}
		return nil
	})
	var bad errDamaged
	switch {
	case src.Err != nil:
		return unreadable(ctx, info.Key, src.Err, dst, sha, rep)
	case errors.As(err, &bad):
		rep.damaged(info.Key, ingest.ProblemOriginal, bad.what, originalCopyGood(dst, sha))
		return nil
	case err != nil:
		return err
	}
	rep.Copied++
	rep.Bytes += n
	if hadCopy {
		rep.Repaired++
	}
	return nil
}

// unreadable notes an object the store holds but cannot give; the store's
// being out of reach (or the backup's being stopped) ends the backup.
func unreadable(ctx context.Context, key string, err error, dst, sha string, rep *backupReport) error {
	if catalog.ErrorCode(err) == catalog.EUNAVAILABLE || ctx.Err() != nil {
		return err
	}
	if strings.HasPrefix(key, "originals/") {
		rep.damaged(key, ingest.ProblemOriginal, catalog.Words{Chinese: "原件无法读取：" + err.Error(),
			English: "the original cannot be read: " + err.Error()}, originalCopyGood(dst, sha))
		return nil
	}
	rep.damaged(key, ingest.ProblemText, catalog.Words{Chinese: "提取文字无法读取：" + err.Error(),
		English: "the extracted text cannot be read: " + err.Error()}, false)
	return nil
}

// originalCopyGood says whether the backup's copy of an original, at dst,
// hashes to sha.
func originalCopyGood(dst, sha string) bool {
	f, err := os.Open(dst)
	if err != nil {
		return false
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return hex.EncodeToString(h.Sum(nil)) == sha
}

// backupText copies the stored text info names into dst when it is what
// the catalog recorded and dst does not already hold those bytes.
func backupText(ctx context.Context, store blob.Store, cat *catalog.Store, info blob.Info, dst string, rep *backupReport) error {
	body, err := readObject(ctx, store, info.Key)
	if catalog.IsNotFound(err) {
		return nil // deleted since it was listed
	}
	sha := strings.TrimSuffix(path.Base(info.Key), ".json")
	if err != nil {
		return unreadable(ctx, info.Key, err, dst, sha, rep)
	}
	p, err := ingest.TextProblem(ctx, cat, sha, body)
	if err != nil {
		return err
	}
	if p.Chinese != "" {
		rep.damaged(info.Key, ingest.ProblemText, p, textCopyGood(ctx, cat, dst, sha))
		return nil
	}
	return putIfChanged(dst, body, rep)
}

// textCopyGood says whether the backup's copy of a stored text, at dst,
// is what the catalog recorded.
func textCopyGood(ctx context.Context, cat *catalog.Store, dst, sha string) bool {
	body, err := os.ReadFile(dst)
	if err != nil {
		return false
	}
	p, err := ingest.TextProblem(ctx, cat, sha, body)
	return err == nil && p.Chinese == ""
}

// backupPlain copies an object of no other kind into dst unless dst holds
// its bytes.
func backupPlain(ctx context.Context, store blob.Store, info blob.Info, dst string, rep *backupReport) error {
	body, err := readObject(ctx, store, info.Key)
	if catalog.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return putIfChanged(dst, body, rep)
}

// putIfChanged writes body to dst unless dst holds those bytes.
func putIfChanged(dst string, body []byte, rep *backupReport) error {
	if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, body) {
		rep.Unchanged++
		return nil
	}
	n, err := writeFileAtomic(dst, bytes.NewReader(body))
	if err != nil {
		return err
	}
	rep.Copied++
	rep.Bytes += n
	return nil
}

// readObject reads the whole object under key.
func readObject(ctx context.Context, store blob.Store, key string) ([]byte, error) {
	rc, err := store.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// damaged notes an object left out.
func (r *backupReport) damaged(key string, kind ingest.ProblemKind, what catalog.Words, kept bool) {
	r.Damaged = append(r.Damaged, backupDamage{Key: key, Kind: kind, What: what.Chinese, WhatEnglish: what.English, GoodCopyKept: kept})
}

// noteDamage names, from the live catalog, the documents whose objects
// copyBlobs left out, and records in the catalog snapshot at snapPath
// that the original of each of them the backup holds no good copy of is
// damaged, the note check and a download leave: the restored archive's
// document page then says so and how to mend it, and a duplicate upload
// of the same file mends it whatever its size. A text left out needs no
// note: restore finds it missing and has serve read the original again.
func noteDamage(ctx context.Context, live *catalog.Store, snapPath string, damaged []backupDamage) error {
	if len(damaged) == 0 {
		return nil
	}
	bySHA := map[string][]int{}
	for i, d := range damaged {
		bySHA[d.sha()] = append(bySHA[d.sha()], i)
	}
	err := live.DocumentsWithStatus(ctx, func(d *catalog.Document) {
		for _, i := range bySHA[d.SHA256] {
			damaged[i].Documents = append(damaged[i].Documents, damagedDocument{ID: d.ID, Title: d.Title, Filename: d.Filename})
		}
	}, catalog.StatusStored, catalog.StatusExtracted, catalog.StatusIndexed, catalog.StatusFailed)
	if err != nil {
		return fmt.Errorf("name the damaged documents: %w", err)
	}
	what := map[string]string{}
	var ids []string
	for _, d := range damaged {
		if d.Kind != ingest.ProblemOriginal || d.GoodCopyKept {
			continue
		}
		for _, doc := range d.Documents {
			ids = append(ids, doc.ID)
			what[doc.ID] = d.What
		}
	}
	if len(ids) == 0 {
		return nil
	}
	snap, err := catalog.Open(ctx, snapPath)
	if err != nil {
		return fmt.Errorf("open catalog snapshot: %w", err)
	}
	there, err := snap.DocumentsByID(ctx, ids)
	for id := range there {
		if err != nil {
			break
		}
		err = ingest.FlagDamagedOriginal(ctx, snap, id, what[id], defaultCLIUser())
	}
	if cerr := snap.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("note damaged originals in the catalog snapshot: %w", err)
	}
	return nil
}

// flagDamagedLive records in the live catalog, as check does, that the
// originals backup found damaged are damaged: the document page says so
// and a duplicate upload mends them whatever their size. A catalog that
// cannot take the note leaves the backup's answer as it is.
func flagDamagedLive(ctx context.Context, cat *catalog.Store, damaged []backupDamage, stderr io.Writer) {
	for _, d := range damaged {
		if d.Kind != ingest.ProblemOriginal {
			continue
		}
		for _, doc := range d.Documents {
			if err := ingest.FlagDamagedOriginal(ctx, cat, doc.ID, d.What, defaultCLIUser()); err != nil {
				fmt.Fprintln(stderr, "evidence backup: record damaged originals:", err)
				return
			}
		}
	}
}

// printDamage names the documents whose objects backup left out, what is
// wrong with each, whether the backup still holds a good copy, and how to
// mend them.
func printDamage(w io.Writer, lang report.Lang, damaged []backupDamage) {
	sayln(w, lang, "但有 %d 个对象已损坏，没有复制进备份（其余内容都已备份）：", len(damaged))
	kinds := map[ingest.ProblemKind]bool{}
	for _, d := range damaged {
		kinds[d.Kind] = true
		label := problemLabels[d.Kind]
		what := catalog.Words{Chinese: d.What, English: d.WhatEnglish}
		kept := catalog.Words{Chinese: "备份中没有它完好的副本", English: "the backup holds no good copy of it"}
		if d.GoodCopyKept {
			kept = catalog.Words{Chinese: "备份中保留了此前完好的副本", English: "the good copy an earlier backup made is kept"}
		}
		if len(d.Documents) == 0 {
			sayln(w, lang, "  %s  [%s] %s\uFF1B%s", d.Key, label, what, kept)
		}
		for _, doc := range d.Documents {
			sayln(w, lang, "  %s  %s\uFF08%s\uFF09  [%s] %s\uFF1B%s", doc.ID, catalog.TitleWords(doc.Title), doc.Filename, label, what, kept)
		}
	}
	if kinds[ingest.ProblemOriginal] {
		sayln(w, lang, "原件的问题：请本市协调员（或上传它的责任单位）在上传页重新上传同一文件，档案会用它修复原件，文档的编号、信息和关联都不变；找不到原文件时，从以前的备份恢复它。修复后再运行 evidence backup")
	}
	if kinds[ingest.ProblemText] {
		sayln(w, lang, "提取文字的问题：停止 evidence serve 后运行 evidence repair，从原件重新提取；然后再运行 evidence backup")
	}
	sayln(w, lang, "用这份备份恢复时：没有完好原件的文档标为原件损坏，evidence check 会列出它们；没有完好提取文字的文档在 evidence serve 启动后从原件重新提取")
}
