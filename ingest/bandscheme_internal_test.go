package ingest

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

const schemeNotice = `关于举办2019年全民终身学习活动周的通知
各区县（市）教育局，市级各有关单位：
根据教育部办公厅通知精神，经研究，决定于2019年10月20日至26日在全市举办全民终身学习活动周。
一、开幕式。10月20日上午在市文化广场举行开幕式，表彰百姓学习之星和终身学习品牌项目。
二、社区学习共同体展示。各区县组织不少于三个社区学习共同体开展成果展示和经验交流。
三、老年教育系列活动。依托各级老年大学开展智能手机应用、健康养生等体验课程。
请于11月5日前将活动总结报送市终身教育指导中心。`

// toSchemeOne stores the bands of document id as a catalog before band
// scheme 2 did: its text's scheme 1 bands, as bands 0–15.
func toSchemeOne(t *testing.T, r *rig, id, text string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`DELETE FROM near_duplicate_band WHERE document_id = ?`, id); err != nil {
		t.Fatal(err)
	}
	for i, h := range legacyBands(neardup.Shingles(text)) {
		if _, err := db.Exec(`INSERT INTO near_duplicate_band (document_id, band, hash) VALUES (?, ?, ?)`, id, i, h); err != nil {
			t.Fatal(err)
		}
	}
}

func nearOf(t *testing.T, r *rig, id, other string) bool {
	t.Helper()
	near, err := r.cat.NearDuplicates(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range near {
		if n.ID == other {
			return true
		}
	}
	return false
}

// TestOldBandsAreFoundThenComputedAgain: a document stored with bands of
// band scheme 1 is found by a near duplicate read before its bands are
// computed again (by the new text's scheme 1 bands), then given bands of
// the current scheme from its stored text, after which a new near
// duplicate finds it by those and new texts are no longer looked up by
// scheme 1 bands.
func TestOldBandsAreFoundThenComputedAgain(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "活动周通知.txt", schemeNotice).Document
	waitFor(t, done, 1)
	svc.Close()
	toSchemeOne(t, r, a.ID, schemeNotice)

	svc, _ = r.service(t)
	if has, err := svc.lookForLegacyBands(ctx); err != nil || !has {
		t.Fatalf("lookForLegacyBands: %v, %v; want the scheme 1 bands of %s found", has, err, a.ID)
	}
	b := submitText(t, svc, "活动周通知（定稿）.txt", strings.Replace(schemeNotice, "三个", "四个", 1)).Document
	job, err := svc.prepare(ctx, b.ID, nil, true, nil)
	if err != nil || job == nil {
		t.Fatalf("prepare %s: %+v, %v", b.ID, job, err)
	}
	svc.indexBatch(ctx, []indexJob{*job})
	if !nearOf(t, r, b.ID, a.ID) {
		t.Fatalf("%s, read while %s's bands were scheme 1's, is not linked to it", b.ID, a.ID)
	}

	if err := svc.recomputeBands(ctx); err != nil {
		t.Fatal(err)
	}
	if st := svc.BandSchemeState(); st.Done != 1 || st.Total != 1 || st.Replaced != 1 || st.Unreadable != 0 {
		t.Fatalf("BandSchemeState %+v; want the one document's bands replaced", st)
	}
	if has, err := r.cat.HasLegacyBands(ctx); err != nil || has || svc.bandScheme.legacy.Load() {
		t.Fatalf("after the run: scheme 1 bands left %v (%v), looked up %v; want none", has, err, svc.bandScheme.legacy.Load())
	}
	c := submitText(t, svc, "活动周通知（转发）.txt", strings.Replace(schemeNotice, "健康养生", "健康生活", 1)).Document
	if job, err = svc.prepare(ctx, c.ID, nil, true, nil); err != nil || job == nil {
		t.Fatalf("prepare %s: %+v, %v", c.ID, job, err)
	}
	if job.ext.Legacy != nil {
		t.Errorf("%s looked up by scheme 1 bands with none left", c.ID)
	}
	svc.indexBatch(ctx, []indexJob{*job})
	for _, other := range []*catalog.Document{a, b} {
		if !nearOf(t, r, c.ID, other.ID) {
			t.Errorf("%s, read after the bands were computed again, is not linked to %s", c.ID, other.ID)
		}
	}
}

// TestStartComputesOldBandsAgain: a pipeline started on a catalog with
// bands of scheme 1 computes them again in the background and says how
// far it is (BandSchemeState).
func TestStartComputesOldBandsAgain(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "活动周通知.txt", schemeNotice).Document
	waitFor(t, done, 1)
	svc.Close()
	toSchemeOne(t, r, a.ID, schemeNotice)

	svc, _ = r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	deadline := time.Now().Add(time.Minute)
	for st := svc.BandSchemeState(); st.Running || st.Total == 0; st = svc.BandSchemeState() {
		if time.Now().After(deadline) {
			t.Fatalf("the bands are not computed again in a minute: %+v", st)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st := svc.BandSchemeState(); st.Replaced != 1 || st.Done != 1 || st.Err != nil {
		t.Fatalf("BandSchemeState %+v; want %s's bands replaced", st, a.ID)
	}
	if has, err := r.cat.HasLegacyBands(ctx); err != nil || has {
		t.Fatalf("scheme 1 bands left after the run: %v, %v", has, err)
	}
}

// TestOldBandsComputedOnceTheNodeServesAgain: a refusal (a newer binary
// migrated the catalog) cuts the run short; once the node serves again
// the run reads the documents anew and replaces their scheme 1 bands,
// without a restart.
func TestOldBandsComputedOnceTheNodeServesAgain(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "活动周通知.txt", schemeNotice).Document
	waitFor(t, done, 1)
	svc.Close()
	toSchemeOne(t, r, a.ID, schemeNotice)

	cat := sqliteVersioned(t, filepath.Join(r.dir, "catalog.db"))
	cat.set(t, 999)
	svc = New(r.cat, r.blobs, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
		FollowInterval: 10 * time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	defer svc.Close()
	svc.outrun.set(catalog.NewerSchemaError(catalog.EUNAVAILABLE, 999, cat.version))
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // the run reads its list, then stops at the refusal
	cat.set(t, cat.version)            // a backup restored
	deadline := time.Now().Add(time.Minute)
	for st := svc.BandSchemeState(); st.Running; st = svc.BandSchemeState() {
		if time.Now().After(deadline) {
			t.Fatalf("the bands are not computed again in a minute after the node serves again: %+v", st)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if st := svc.BandSchemeState(); st.Replaced != 1 || st.Err != nil {
		t.Fatalf("BandSchemeState %+v; want %s's bands replaced once the node serves again", st, a.ID)
	}
	if has, err := r.cat.HasLegacyBands(ctx); err != nil || has {
		t.Fatalf("scheme 1 bands left: %v, %v", has, err)
	}
}
