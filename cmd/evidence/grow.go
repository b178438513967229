package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/schollz/progressbar/v3"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// The two commands that move a single-machine archive onto shared
// storage, so it can be served by several nodes: the catalog into
// PostgreSQL, the folder store into an S3 bucket.

// runCatalog dispatches `evidence catalog migrate`.
func runCatalog(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "migrate" {
		fmt.Fprintln(stderr, "usage: evidence catalog migrate --to postgres://… [--data DIR]")
		return flag.ErrHelp
	}
	fs, data := newFlags("catalog migrate", stderr)
	to := fs.String("to", os.Getenv("EVIDENCE_DATABASE_URL"), "the new, empty PostgreSQL database (postgres://…)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if !catalog.IsPostgresURL(*to) {
		return catalog.Errorf(catalog.EINVALID, "--to 应为 postgres:// 开头的数据库地址")
	}
	path := filepath.Join(*data, "catalog.db")
	if _, err := os.Stat(path); err != nil {
		return catalog.Errorf(catalog.ENOTFOUND, "数据文件夹中没有目录 %s\uff08用 --data 指定\uff09", path)
	}
	src, err := catalog.Open(ctx, path)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := catalog.OpenPostgres(ctx, *to)
	if err != nil {
		return err
	}
	defer dst.Close()
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		return err
	}
	var rows int64
	for _, c := range counts {
		fmt.Fprintf(stdout, "  %-22s %d\n", c.Table, c.Rows)
		rows += c.Rows
	}
	fmt.Fprintf(stdout, "目录已复制到 PostgreSQL\uff1a%d 张表\uff0c%d 行\uff0c逐表核对行数一致\u3002"+
		"下一步\uff1a设置 EVIDENCE_DATABASE_URL 后运行 evidence check\n", len(counts), rows)
	return nil
}

// runBlobs dispatches `evidence blobs copy --to s3`.
func runBlobs(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "copy" {
		fmt.Fprintln(stderr, "usage: evidence blobs copy --to s3 [--data DIR]   (the bucket from EVIDENCE_S3_*)")
		return flag.ErrHelp
	}
	fs, data := newFlags("blobs copy", stderr)
	to := fs.String("to", "s3", "where to copy the folder store: s3 (the bucket named by EVIDENCE_S3_*)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg, ok := blob.ConfigFromEnv()
	if *to != "s3" || !ok {
		return catalog.Errorf(catalog.EINVALID, "--to s3 需要 EVIDENCE_S3_ENDPOINT\u3001EVIDENCE_S3_BUCKET 等环境变量\uff08与 serve 相同\uff09")
	}
	dir := filepath.Join(*data, "blobs")
	if _, err := os.Stat(dir); err != nil {
		return catalog.Errorf(catalog.ENOTFOUND, "数据文件夹中没有文件存储 %s\uff08用 --data 指定\uff09", dir)
	}
	from, err := blob.NewFolder(dir)
	if err != nil {
		return err
	}
	bucket, err := blob.NewS3(ctx, cfg)
	if err != nil {
		return err
	}
	bar := progressbar.NewOptions(-1, progressbar.OptionSetWriter(barWriter(stderr)), progressbar.OptionSetDescription("复制"),
		progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
	rep, err := blob.Copy(ctx, from, bucket, func(done, total int) {
		bar.ChangeMax(total)
		bar.Set(done)
	})
	bar.Finish()
	summary := fmt.Sprintf("%d 个对象\uff1a复制 %d 个\uff08%d 字节\uff0c写后读回核对 SHA-256\uff09\uff0c已在存储桶中且哈希相同而跳过 %d 个",
		rep.Objects, rep.Copied, rep.Bytes, rep.Skipped)
	if err != nil {
		fmt.Fprintf(stdout, "复制中断\uff0c重新运行即可继续\uff1a%s\n", summary)
		return err
	}
	fmt.Fprintf(stdout, "已复制到存储桶 %s\uff1a%s\n", cfg.Bucket, summary)
	return nil
}
