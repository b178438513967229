package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// A backup folder holds catalog.db (a snapshot), blobs/<key> (one plain
// file per object of the folder store, originals/<sha256> and
// text/<sha256>.json) and backup.json (what the last run did). A second
// backup into the same folder replaces the snapshot and copies only the
// blobs it lacks or whose bytes changed.
//
// An original's copy is trusted without being read when it has the
// original's size and was last written before the previous run finished:
// only verified bytes are put there, so a copy written since was written
// by someone else (a hand copy, a tool, a bad restore of the folder) and
// is hashed again. Reading every copy on every run would make an
// incremental backup cost as much as a full one; damage that leaves the
// time alone (a disk's bit rot) is what --verify is for.
const (
	backupCatalog  = "catalog.db"
	backupBlobs    = "blobs"
	backupManifest = "backup.json"
)

// backupReport is backup.json: what one run did.
type backupReport struct {
	At        time.Time `json:"at"`
	Documents int       `json:"documents"`
	Copied    int       `json:"blobs_copied"`
	Unchanged int       `json:"blobs_unchanged"`
	Bytes     int64     `json:"bytes_copied"`
	// Rehashed counts the originals' copies already in the backup that
	// this run read and hashed; Repaired those of them it found damaged
	// and copied again from the store.
	Rehashed int  `json:"originals_rehashed"`
	Repaired int  `json:"originals_repaired"`
	S3       bool `json:"s3,omitempty"`
	// Finished is when the run ended: the next run trusts the originals'
	// copies written before it.
	Finished time.Time `json:"finished_at"`
	// Damaged lists the objects of the store found damaged and left out.
	Damaged []backupDamage `json:"damaged,omitempty"`
}

// runBackup copies a consistent snapshot of a data folder into --out
// while serve may be running: the catalog first (VACUUM INTO, one
// moment), then every blob the folder store holds. Blobs are written
// before the catalog rows that name them and originals never change, so
// every blob the snapshot names is there to copy.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("backup", stderr)
	cmd.reorder = true
	out := cmd.String("out", "", "备份`文件夹`（不存在时新建；其中已有的备份会被更新）")
	verify := cmd.Bool("verify", false, "对备份中已有的每个原件副本重新计算哈希（不只是上次以来写入的），并重新复制损坏的副本")
	lang, err := cmd.parse(args)
	if err != nil {
		return err
	}
	if *out == "" {
		return catalog.Errorf(catalog.EINVALID, "evidence backup 需要 --out 备份文件夹（needs --out DIR）")
	}
	if err := checkBackupFolder(*cmd.data, *out); err != nil {
		return err
	}
	return cmd.withApp(ctx, appOptions{existing: true}, func(a *app) error {
		if a.cat.Shared() {
			return catalog.Errorf(catalog.EINVALID, "目录在 PostgreSQL 中，evidence backup 只备份单机档案库（SQLite 目录和文件夹存储）；请用 pg_dump 备份目录数据库，用对象存储自己的工具备份存储桶（见 README 的 Backup and restore 一节）")
		}
		bar := countBar(stderr, words(lang, "备份", "Backing up"))
		rep, err := backup(ctx, a, *out, *verify, func() { bar.Add(1) })
		bar.Finish()
		if err != nil {
			return failedTo(catalog.Words{Chinese: "备份未完成，上一次完整的备份未被改动：",
				English: "The backup did not finish; the last complete backup was left as it was: "}, err)
		}
		// The comma after the folder's name is written full width: Fullwidth
		// leaves punctuation after a path (ASCII) as it is.
		sayln(stdout, lang, "备份完成：%s\uFF0C%d 个文档；复制 %d 个对象（%s），%d 个未变而跳过",
			*out, rep.Documents, rep.Copied, ingest.FormatBytes(rep.Bytes), rep.Unchanged)
		if *verify || rep.Rehashed > 0 {
			sayln(stdout, lang, "已重新核对备份中 %d 个原件副本的 SHA-256", rep.Rehashed)
		}
		if rep.Repaired > 0 {
			sayln(stdout, lang, "备份中 %d 个原件副本已损坏（大小或 SHA-256 不符），已从存储重新复制", rep.Repaired)
		}
		if rep.S3 {
			sayln(stdout, lang, "注意：对象存储是 S3，本备份只含目录；请用对象存储自己的工具备份存储桶（见 README 的 Backup and restore 一节）")
		}
		if len(rep.Damaged) == 0 {
			return nil
		}
		flagDamagedLive(ctx, a.cat, rep.Damaged, stderr)
		printDamage(stdout, lang, rep.Damaged)
		return exitError{1}
	})
}

// checkBackupFolder refuses a backup folder that is the data folder or
// inside it, or that holds an archive's data (its search index or its
// folder store): the snapshot would be renamed over the catalog a running
// server has open, which corrupts it, or over another archive's.
func checkBackupFolder(data, out string) error {
	dataAbs, outAbs := resolvedPath(data), resolvedPath(out)
	if rel, err := filepath.Rel(dataAbs, outAbs); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		return catalog.Errorf(catalog.EINVALID, "备份文件夹 %s 在数据文件夹 %s 之内：备份会覆盖正在使用的目录数据库；请把备份放在数据文件夹之外，最好是另一块磁盘（--out is inside the data folder）", out, data)
	}
	for _, marker := range []string{"index", filepath.Join("blobs", "objects")} {
		if st, err := os.Stat(filepath.Join(out, marker)); err == nil && st.IsDir() {
			return catalog.Errorf(catalog.EINVALID, "文件夹 %s 是一个档案库的数据文件夹（其中有 %s），不是备份文件夹：备份会覆盖它的目录数据库；请另选一个空文件夹或以前的备份文件夹（--out is an archive's data folder）", out, marker)
		}
	}
	return nil
}

// resolvedPath is path made absolute, with the symbolic links of its
// longest existing part followed, so that two names of one folder compare
// equal.
func resolvedPath(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	rest := ""
	for dir := abs; ; {
		if real, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(real, rest)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return abs
		}
		rest = filepath.Join(filepath.Base(dir), rest)
		dir = parent
	}
}

// backup brings the backup in out up to date with a's catalog and folder
// store, calling step after each object of the store it has looked at.
// verify hashes every original's copy already there.
func backup(ctx context.Context, a *app, out string, verify bool, step func()) (*backupReport, error) {
	if err := os.MkdirAll(filepath.Join(out, backupBlobs), 0o755); err != nil {
		return nil, backupDiskError(out, fmt.Errorf("create backup folder: %w", err))
	}
	rep := &backupReport{At: time.Now().UTC()}
	trustBefore := trustedCopiesBefore(out, verify)
	// The new snapshot replaces the last one only once every blob it
	// names has been copied and it is on disk: a backup stopped midway
	// (Ctrl-C, a full disk) leaves the last good one whole, with some of
	// the new blobs beside it.
	tmp := filepath.Join(out, backupCatalog+".tmp")
	removeSnapshot(tmp)
	// A snapshot cut short (a full backup disk) is removed too: left
	// there, it would hold the space the next run needs.
	defer removeSnapshot(tmp)
	if err := a.cat.Snapshot(ctx, tmp); err != nil {
		// SQLite names a read-only or over-quota disk only as a file it
		// cannot open or write; a file written here by hand says which.
		if perr := probeWrite(out); perr != nil {
			return nil, backupDiskError(out, perr)
		}
		return nil, backupDiskError(out, err)
	}
	if err := syncFile(tmp); err != nil {
		return nil, backupDiskError(out, fmt.Errorf("write catalog snapshot: %w", err))
	}
	var err error
	if rep.Documents, err = countDocuments(ctx, tmp); err != nil {
		return nil, err
	}
	if _, ok := a.blobs.(*blob.Folder); !ok {
		rep.S3 = true
	} else if err := copyBlobs(ctx, a.blobs, a.cat, filepath.Join(out, backupBlobs), trustBefore, rep, step); err != nil {
		return nil, backupDiskError(out, err)
	}
	if err := noteDamage(ctx, a.cat, tmp, rep.Damaged); err != nil {
		return nil, err
	}
	if err := syncFile(tmp); err != nil {
		return nil, backupDiskError(out, fmt.Errorf("write catalog snapshot: %w", err))
	}
	if err := os.Rename(tmp, filepath.Join(out, backupCatalog)); err != nil {
		return nil, fmt.Errorf("put catalog snapshot in place: %w", err)
	}
	if err := syncFile(out); err != nil {
		return nil, fmt.Errorf("write catalog snapshot: %w", err)
	}
	rep.Finished = time.Now().UTC()
	body, _ := json.MarshalIndent(rep, "", "  ")
	if err := os.WriteFile(filepath.Join(out, backupManifest), body, 0o644); err != nil {
		return nil, fmt.Errorf("write %s: %w", backupManifest, err)
	}
	return rep, nil
}

// copyTimeSlack covers file systems that keep a file's time coarsely (FAT:
// two seconds): a copy damaged just after a run finished must not look
// older than the run's end.
var copyTimeSlack = 2 * time.Second

// trustedCopiesBefore is the time, by the backup disk's clock, before
// which an original's copy in out, of the right size, was written by a
// finished backup and is trusted unread: the zero time, trusting none,
// with verify or when no earlier run recorded its end (a first run, a run
// stopped midway, a backup written before runs recorded it).
//
// The bound is the time the last run wrote backup.json, as the disk keeps
// it, not the finished_at it wrote there: a copy's time is the disk's too
// (a NAS or a share keeps its server's clock), so this machine's clock
// being ahead cannot make a damaged copy look old, nor the disk's being
// ahead make every good one look new. A backup.json whose time is past the
// disk's present (a clock set back since) trusts nothing.
func trustedCopiesBefore(out string, verify bool) time.Time {
	if verify {
		return time.Time{}
	}
	prev, err := readBackupManifest(out)
	if err != nil || prev.Finished.IsZero() {
		return time.Time{}
	}
	fi, err := os.Stat(filepath.Join(out, backupManifest))
	if err != nil {
		return time.Time{}
	}
	now, err := diskNow(out)
	if err != nil || fi.ModTime().After(now) {
		return time.Time{}
	}
	return fi.ModTime().Add(-copyTimeSlack)
}

// diskNow is the present by the clock of the disk holding dir: the time
// it gives a file made there.
func diskNow(dir string) (time.Time, error) {
	f, err := os.CreateTemp(dir, ".clock-*")
	if err != nil {
		return time.Time{}, err
	}
	defer os.Remove(f.Name())
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return time.Time{}, err
	}
	return fi.ModTime(), nil
}

// removeSnapshot removes a catalog snapshot being written and SQLite's
// journal beside it.
func removeSnapshot(path string) {
	os.Remove(path)
	os.Remove(path + "-journal")
}

// backupDiskError says of err, met writing the backup into out, that the
// backup's disk is full or read-only, in words that name it: a full
// backup disk is not the catalog's ("目录数据库无法写入") nor an error in
// English.
func backupDiskError(out string, err error) error {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EUNAVAILABLE,
			"备份文件夹 %s 所在的磁盘已满（或超出配额），档案库本身未受影响；请清理该磁盘或换一块更大的磁盘后重新运行 evidence backup", out), err)
	case errors.Is(err, syscall.EROFS):
		return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EUNAVAILABLE,
			"备份文件夹 %s 所在的磁盘是只读的，档案库本身未受影响；请重新以可写方式挂载该磁盘或换一个备份文件夹", out), err)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EFORBIDDEN,
			"没有写入备份文件夹 %s 的权限，档案库本身未受影响；请换一个备份文件夹，或以有权限的用户运行 evidence backup", out), err)
	}
	return err
}

// probeWrite writes and removes a small file in dir: the error of the
// disk under it, nil when it takes a write.
func probeWrite(dir string) error {
	f, err := os.CreateTemp(dir, ".evidence-probe-*")
	if err != nil {
		return err
	}
	name := f.Name()
	_, err = f.Write(make([]byte, 4096))
	if serr := f.Sync(); err == nil {
		err = serr
	}
	f.Close()
	os.Remove(name)
	return err
}

// syncFile flushes a file, or a folder's entries, to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// countDocuments counts the live documents of a catalog snapshot.
func countDocuments(ctx context.Context, path string) (int, error) {
	snap, err := catalog.Open(ctx, path)
	if err != nil {
		return 0, fmt.Errorf("open catalog snapshot: %w", err)
	}
	defer snap.Close()
	n, err := snap.CountByStatus(ctx)
	total := 0
	for _, c := range n {
		total += c
	}
	return total, err
}

// writeFileAtomic writes r to path through a temp file and a rename, so
// that a backup cut short never leaves half a file under a good name.
func writeFileAtomic(path string, r io.Reader) (int64, error) {
	return writeFileChecked(path, r, nil)
}

// writeFileChecked is writeFileAtomic asking keep, once every byte is on
// disk and before the rename, whether the bytes may go under path: an
// error from keep leaves path as it was, and is returned.
func writeFileChecked(path string, r io.Reader, keep func() error) (int64, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".part-*")
	if err != nil {
		return 0, err
	}
	n, err := io.Copy(f, r)
	if serr := f.Sync(); err == nil {
		err = serr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && keep != nil {
		err = keep()
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, err
	}
	return n, nil
}

// runRestore makes a new data folder from a backup: the catalog snapshot,
// the blobs put into a new folder store, and a search index rebuilt from
// catalog and stored text, so that check passes and search answers as
// soon as serve starts.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("restore", stderr)
	from := fs.String("from", "", "由 evidence backup 写的备份`文件夹`")
	if err := parseFlags(fs, reorderFlags(args)); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	if *from == "" {
		return catalog.Errorf(catalog.EINVALID, "evidence restore 需要 --from 备份文件夹和 --data 新的数据文件夹（needs --from DIR and --data NEWDIR）")
	}
	if _, err := os.Stat(filepath.Join(*from, backupCatalog)); err != nil {
		return catalog.Errorf(catalog.EINVALID, "%s 不是 evidence backup 写的备份文件夹（其中没有 %s）", *from, backupCatalog)
	}
	entries, err := os.ReadDir(*data)
	existed := err == nil
	if err == nil && len(entries) > 0 {
		return catalog.Errorf(catalog.ECONFLICT, "%s 不是空文件夹：restore 只新建数据文件夹，从不覆盖已有的；请换一个 --data（%s is not empty）", *data, *data)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	_, s3 := blob.ConfigFromEnv()
	if rep, err := readBackupManifest(*from); err == nil && rep.S3 && !s3 {
		return catalog.Errorf(catalog.EINVALID, "这份备份来自使用 S3 对象存储的档案库，原件与文字不在备份里：请先用对象存储的工具恢复存储桶，设置 EVIDENCE_S3_* 后再运行 restore")
	}
	if err := os.MkdirAll(*data, 0o755); err != nil {
		return err
	}
	if err := restore(ctx, *from, *data, s3, lang, stdout, stderr); err != nil {
		// A half-made folder would only stand in the way of the next try;
		// an empty one the user gave (a mount point, say) stays, emptied.
		if existed {
			made, _ := os.ReadDir(*data)
			for _, e := range made {
				os.RemoveAll(filepath.Join(*data, e.Name()))
			}
		} else {
			os.RemoveAll(*data)
		}
		return failedTo(catalog.Words{Chinese: "恢复未完成，已删除未完成的数据文件夹：",
			English: "The restore did not finish, and the unfinished data folder was removed: "}, err)
	}
	return nil
}

// originalsInBucket checks that the store holds the originals of the
// restored catalog's documents (up to the first 50).
func originalsInBucket(ctx context.Context, a *app) error {
	var docs []*catalog.Document
	err := a.cat.DocumentsWithStatus(ctx, func(d *catalog.Document) {
		if len(docs) < 50 {
			docs = append(docs, d)
		}
	}, catalog.StatusStored, catalog.StatusExtracted, catalog.StatusIndexed, catalog.StatusFailed)
	if err != nil {
		return err
	}
	for _, d := range docs {
		_, err := a.blobs.Stat(ctx, catalog.OriginalKey(d.SHA256))
		if catalog.IsNotFound(err) {
			return catalog.Errorf(catalog.ENOTFOUND, "存储桶中没有文档 %s 的原件：请先用对象存储的工具恢复存储桶，再运行 restore", d.ID)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// readBackupManifest reads backup.json of a backup folder.
func readBackupManifest(dir string) (*backupReport, error) {
	b, err := os.ReadFile(filepath.Join(dir, backupManifest))
	if err != nil {
		return nil, err
	}
	var rep backupReport
	return &rep, json.Unmarshal(b, &rep)
}

func restore(ctx context.Context, from, data string, s3 bool, lang report.Lang, stdout, stderr io.Writer) error {
	src, err := os.Open(filepath.Join(from, backupCatalog))
	if err != nil {
		return err
	}
	_, err = writeFileAtomic(filepath.Join(data, "catalog.db"), src)
	src.Close()
	if err != nil {
		return fmt.Errorf("restore catalog: %w", err)
	}
	if !s3 {
		bar := countBar(stderr, words(lang, "恢复文件", "Restoring files"))
		if err := restoreBlobs(ctx, filepath.Join(from, backupBlobs), filepath.Join(data, "blobs"), func() { bar.Add(1) }); err != nil {
			return err
		}
		bar.Finish()
	}
	return restoreIndex(ctx, data, s3, lang, stdout, stderr)
}

func restoreBlobs(ctx context.Context, from, to string, step func()) error {
	store, err := blob.NewFolder(to)
	if err != nil {
		return err
	}
	return filepath.WalkDir(from, func(path string, de os.DirEntry, err error) error {
		if err != nil || de.IsDir() || strings.HasPrefix(de.Name(), ".part-") {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		ctype := "application/octet-stream"
		if strings.HasSuffix(rel, ".json") {
			ctype = "application/json"
		}
		if err := store.Put(ctx, filepath.ToSlash(rel), f, fi.Size(), ctype); err != nil {
			return fmt.Errorf("restore %s: %w", rel, err)
		}
		step()
		return nil
	})
}

// restoreIndex builds the new data folder's index from its catalog and
// stored text, as reindex does. With S3 the bucket must hold the
// originals first: a rebuild without them would send every document to be
// read again, and fail.
func restoreIndex(ctx context.Context, data string, s3 bool, lang report.Lang, stdout, stderr io.Writer) error {
	a, err := openApp(ctx, data, quietLogger(stderr), appOptions{})
	if err != nil {
		return err
	}
	defer a.close()
	if !a.cat.Shared() {
		// The copy goes on as a catalog of its own, apart from the one
		// backed up: a node whose index followed that one tells them
		// apart (ingest.FollowedCatalog).
		if _, err := a.cat.MarkRestored(ctx); err != nil {
			return err
		}
	}
	if s3 {
		if err := originalsInBucket(ctx, a); err != nil {
			return err
		}
	}
	// The restored catalog is one the store's files are of, under its
	// new identity.
	if err := checkBinding(ctx, a, a.place, true); err != nil {
		return err
	}
	_, _, indexDir, _ := a.paths()
	missing, err := rebuildIndexIn(ctx, a, indexDir, lang, stderr)
	if err != nil {
		return fmt.Errorf("rebuild index: %w", err)
	}
	n, err := a.cat.CountByStatus(ctx)
	if err != nil {
		return err
	}
	say(stdout, lang, "已恢复到 %s\uFF1A%d 个文档可检索", data, n[catalog.StatusIndexed])
	if len(missing) > 0 {
		say(stdout, lang, "\uFF0C%d 个文档将在 evidence serve 启动后重新提取", len(missing))
	}
	// Rebuild indexed every extracted document and put back to stored
	// those whose text is missing: what else is stored was not yet read
	// when the backup was taken.
	if pending := n[catalog.StatusStored] + n[catalog.StatusExtracted] - len(missing); pending > 0 {
		say(stdout, lang, "；另有 %d 个尚未处理完，启动 evidence serve 后继续处理", pending)
	}
	if failed := n[catalog.StatusFailed]; failed > 0 {
		say(stdout, lang, "\uFF1B%d 个处理失败，原因见网页的文档列表（状态“处理失败”）", failed)
	}
	fmt.Fprintln(stdout)
	return nil
}
