package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// runReindex builds a new index from the catalog and stored text beside the
// old one and swaps it in only when complete, so a failed rebuild leaves
// the old index untouched.
func runReindex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("reindex", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := openApp(ctx, *data, quietLogger(stderr), appOptions{})
	if err != nil {
		return err
	}
	defer a.close()
	_, _, indexDir, _ := a.paths()
	// Opening the live index proves no server holds it; an index of an
	// older format is what reindex is for.
	if old, err := index.Open(indexDir); err != nil && !errors.Is(err, index.ErrSchema) {
		return err
	} else if err == nil {
		if err := old.Close(); err != nil {
			return err
		}
	}
	newDir := indexDir + ".rebuild"
	if err := os.RemoveAll(newDir); err != nil {
		return fmt.Errorf("clear %s: %w", newDir, err)
	}
	idx, err := index.Open(newDir)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("重建索引"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	missing, err := ingest.Rebuild(ctx, a.cat, a.blobs, idx, 256, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.RemoveAll(newDir)
		return fmt.Errorf("rebuild index: %w", err)
	}
	bar.Finish()
	if _, err := swapIndex(indexDir, newDir); err != nil {
		return err
	}
	n, err := a.cat.CountByStatus(ctx)
	if err != nil {
		return fmt.Errorf("count indexed documents: %w", err)
	}
	fmt.Fprintf(stdout, "索引已重建:%d 个文档可检索\n", n[catalog.StatusIndexed])
	if len(missing) > 0 {
		fmt.Fprintf(stdout, "%d 个文档缺少已提取的文字,已重新排队,下次启动 evidence serve 时会重新提取:\n", len(missing))
		for _, id := range missing {
			fmt.Fprintf(stdout, "  %s\n", id)
		}
	}
	return nil
}

// runCheck re-hashes every original, checks stored text, and compares the
// index with the catalog; any problem makes it exit 1.
func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("check", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	a, err := openApp(ctx, *data, quietLogger(stderr), appOptions{withIndex: true})
	if err != nil {
		return err
	}
	defer a.close()
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(stderr), progressbar.OptionSetDescription("校验"),
		progressbar.OptionShowCount(), progressbar.OptionClearOnFinish())
	problems, err := ingest.Check(ctx, a.cat, a.blobs, a.idx, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	if err != nil {
		return err
	}
	bar.Finish()
	if len(problems) == 0 {
		fmt.Fprintln(stdout, "校验通过:所有原件哈希一致,索引与目录一致")
		return nil
	}
	fmt.Fprintf(stdout, "发现 %d 个问题:\n", len(problems))
	for _, p := range problems {
		fmt.Fprintf(stdout, "  %s  %s\n", p.DocumentID, p.What)
	}
	return exitError{1}
}
