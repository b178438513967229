package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// A data folder moved onto PostgreSQL keeps its catalog.db (going back
// stays possible), and a node's folder keeps the record of the shared
// catalog its index follows (ingest.FollowStateName). Either one opened
// as the local catalog, because EVIDENCE_DATABASE_URL was not set, would
// be served beside the shared catalog: uploads no other node sees, and
// an index reconciled against the wrong catalog. Both refuse to open
// until the variable is set, or until evidence catalog revert takes the
// folder back to its local catalog, on purpose.

// checkLocalCatalog refuses the local catalog of dataDir when catalog
// migrate moved it to PostgreSQL, or when the folder's index follows a
// shared catalog. A shared catalog passes. opened is false before the
// local catalog is opened, when it may not exist yet: a node's folder
// that has none is refused before one is made in it.
func checkLocalCatalog(ctx context.Context, cat *catalog.Store, dataDir string, opened bool) error {
	if opened && cat.Shared() {
		return nil
	}
	if opened {
		m, err := cat.MovedTo(ctx)
		if err == nil {
			return catalog.Errorf(catalog.EINVALID,
				"此目录已迁移到 PostgreSQL（%s，%s 迁移），请设置 EVIDENCE_DATABASE_URL；如需回退到本机目录，请运行 evidence catalog revert --data %s",
				m.Destination, catalog.ShowTime(m.At), dataDir)
		}
		if !catalog.IsNotFound(err) {
			return err
		}
	} else if _, err := os.Stat(filepath.Join(dataDir, "catalog.db")); err == nil {
		return nil // said once it is open, after its own mark
	}
	if _, shared := ingest.FollowsSharedCatalog(filepath.Join(dataDir, ingest.FollowStateName)); shared && !opened {
		// No local catalog to go back to: revert would find none.
		return catalog.Errorf(catalog.EINVALID,
			"数据文件夹 %s 的索引跟随的是 PostgreSQL 中的共享目录，现在却没有设置 EVIDENCE_DATABASE_URL；请设置 EVIDENCE_DATABASE_URL 后重新运行（此文件夹中没有本机目录可以回退；如要新建单机档案库，请另用一个空的数据文件夹）",
			dataDir)
	} else if shared {
		return catalog.Errorf(catalog.EINVALID,
			"数据文件夹 %s 的索引跟随的是 PostgreSQL 中的共享目录，现在却没有设置 EVIDENCE_DATABASE_URL，打开的是本机的目录；请设置 EVIDENCE_DATABASE_URL 后重新运行；如需回退到本机目录，请运行 evidence catalog revert --data %s",
			dataDir, dataDir)
	}
	return nil
}

// runCatalogRevert is `evidence catalog revert`: the data folder goes
// back to its local catalog.db, on purpose. The mark catalog migrate left
// in it is taken away, and so is the folder's record of following a
// shared catalog; the next serve reconciles the index with the local
// catalog. What the shared catalog took since the move is not in it.
func runCatalogRevert(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("catalog revert", stderr)
	if err := parseFlags(fs, args); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	if os.Getenv("EVIDENCE_DATABASE_URL") != "" {
		// Reverting is for running without it: with it set, the node would
		// go on using the shared catalog and only forget where its index
		// stands, following every change again from the first.
		return catalog.Errorf(catalog.EINVALID, "evidence catalog revert 用于不设置 EVIDENCE_DATABASE_URL 时回到本机目录，而现在设置了它；未做任何改动。请先取消该变量（unset EVIDENCE_DATABASE_URL）再运行")
	}
	path := filepath.Join(*data, "catalog.db")
	if _, err := os.Stat(path); err != nil {
		return catalog.Errorf(catalog.ENOTFOUND, "数据文件夹中没有目录 %s（用 --data 指定）", path)
	}
	cat, err := catalog.Open(ctx, path)
	if err != nil {
		return err
	}
	defer cat.Close()
	moved, err := cat.MovedTo(ctx)
	if err != nil && !catalog.IsNotFound(err) {
		return err
	}
	if _, err := cat.UnmarkMoved(ctx); err != nil {
		return err
	}
	state := filepath.Join(*data, ingest.FollowStateName)
	if err := os.Remove(state); err != nil && !os.IsNotExist(err) {
		return fmt.Errorf("forget the shared catalog the index followed: %w", err)
	}
	if moved.Destination != "" {
		sayln(stdout, lang, "已回退到本机目录 %s：不设置 EVIDENCE_DATABASE_URL 时，evidence serve 将使用它。迁移（%s）之后写入 PostgreSQL 的内容不在其中", path, moved.Destination)
	} else {
		sayln(stdout, lang, "已回退到本机目录 %s：不设置 EVIDENCE_DATABASE_URL 时，evidence serve 将使用它", path)
	}
	return nil
}
