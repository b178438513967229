package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// The store and the catalog are bound to each other (blob/binding.go): a
// node started on another bucket or folder than its catalog's refuses to
// start, rather than follow the catalog with none of its texts, call
// itself ready with an empty index and put uploads where no other node
// looks for them.

// bindingSample is how many of the catalog's newest originals are looked
// for in a store that does not name the catalog: at least half must be
// there for the store to be taken as the catalog's. A wrong bucket holds
// none of them (another archive's at most the few files both were given);
// the right one of an archive from before bindings, all or nearly all
// (evidence check names the missing ones).
const bindingSample = 50

// storePlace says, for a person, where the store is and what names it:
// the bucket and EVIDENCE_S3_BUCKET, or the folder and --data.
type storePlace struct {
	bucket string // "" for the folder store
	folder string
}

// checkBinding makes sure a.blobs holds the files of a.cat: the store
// names the catalog's identity, or (a store of before bindings, or one
// a restore or a copy shares) holds at least half of the newest
// originals the catalog records. bind writes the catalog's identity into
// the store when it is not there yet (serve, restore, the copies); the
// other commands only check.
func checkBinding(ctx context.Context, a *app, place storePlace, bind bool) error {
	id, err := a.cat.Identity(ctx)
	if err != nil {
		return err
	}
	b, err := blob.ReadBinding(ctx, a.blobs)
	if err == nil && b.Names(id.ID) {
		return nil
	}
	if err != nil && !catalog.IsNotFound(err) {
		return fmt.Errorf("read which catalog the store belongs to: %w", err)
	}
	others := b.IDs()
	shas, err := a.cat.NewestOriginals(ctx, bindingSample)
	if err != nil {
		return err
	}
	if len(shas) == 0 && len(others) > 0 {
		return storeOfAnother(place, others[0])
	}
	found, err := originalsFound(ctx, a.blobs, shas)
	if err != nil {
		return err
	}
	if found*2 < len(shas) {
		return storeNotTheCatalogs(place, len(shas), found)
	}
	if found < len(shas) {
		a.log.Warn("the store lacks some of the catalog's newest originals; run evidence check",
			"looked_for", len(shas), "found", found)
	}
	if !bind {
		return nil
	}
	if err := blob.Bind(ctx, a.blobs, id.ID, time.Now()); err != nil {
		return fmt.Errorf("bind the store to the catalog: %w", err)
	}
	a.log.Info("the store now names this catalog as its own", "catalog", id.ID, "bucket", place.bucket, "folder", place.folder)
	return nil
}

// originalsFound counts the originals of shas the store holds.
func originalsFound(ctx context.Context, store blob.Store, shas []string) (int, error) {
	found := 0
	for _, sha := range shas {
		_, err := store.Stat(ctx, catalog.OriginalKey(sha))
		switch {
		case err == nil:
			found++
		case !catalog.IsNotFound(err):
			return 0, fmt.Errorf("look for the catalog's originals in the store: %w", err)
		}
	}
	return found, nil
}

// storeNotTheCatalogs is the refusal of a store that holds fewer than
// half of the originals looked for.
func storeNotTheCatalogs(place storePlace, looked, found int) error {
	if place.bucket != "" {
		return catalog.Errorf(catalog.EINVALID,
			"存储桶 %s 中只找到目录中最新 %d 个文档里 %d 个的原件，不是本档案库的存储桶；请检查 EVIDENCE_S3_BUCKET（和 EVIDENCE_S3_ENDPOINT）是否写错，改正后重新运行",
			place.bucket, looked, found)
	}
	return catalog.Errorf(catalog.EINVALID,
		"文件存储 %s 中只找到目录中最新 %d 个文档里 %d 个的原件，不是本档案库的文件存储；请检查 --data（或 EVIDENCE_DATA）指定的数据文件夹是否正确，改正后重新运行",
		place.folder, looked, found)
}

// storeOfAnother is the refusal of a store bound to another catalog
// while this one holds no documents: an empty catalog is as likely the
// wrong one as the store.
func storeOfAnother(place storePlace, other string) error {
	if place.bucket != "" {
		return catalog.Errorf(catalog.EINVALID,
			"存储桶 %s 存放的是另一个目录（标识 %s）的文件，而当前目录中还没有文档；请检查 EVIDENCE_S3_BUCKET 和 EVIDENCE_DATABASE_URL 是否指向同一个档案库，改正后重新运行",
			place.bucket, other)
	}
	return catalog.Errorf(catalog.EINVALID,
		"文件存储 %s 存放的是另一个目录（标识 %s）的文件，而当前目录中还没有文档；请检查 --data 和 EVIDENCE_DATABASE_URL 是否指向同一个档案库，改正后重新运行",
		place.folder, other)
}

// noBucket is the refusal of a bucket missing while the catalog holds
// documents: never created then (blob.S3Config.KeepMissing).
func noBucket(bucket string, err error) error {
	if !errors.Is(err, blob.ErrNoBucket) {
		return err
	}
	return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EINVALID,
		"存储桶 %s 不存在，而目录中已有文档，所以没有新建它；请检查 EVIDENCE_S3_BUCKET（和 EVIDENCE_S3_ENDPOINT）是否写错，改正后重新运行", bucket), err)
}
