package ingest

import (
	"context"
	"database/sql"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// shortNotice is a notice of a few lines (a short text); shortNoticeScan
// the same read by OCR with five characters misread (Jaccard index 0.70),
// whose normal bands share none with the notice's, its short bands six.
const (
	shortNotice     = "关于召开2023年社区教育工作推进会的通知。各区县教育局：定于5月18日上午9时在市民中心三楼会议室召开社区教育工作推进会，请分管领导参加。"
	shortNoticeScan = "关于召开2023年社末教育工作推进会的通知。各区县教育局：定于5月18日上午9时在市民中心三楼土议室召开社区教育工作推进日，请分管领曰参加。"
)

// TestStartFillsShortBandsOfTextsReadBefore: a short text read before
// short bands existed (its normal bands alone, the mark of migration 049
// set) is given its short bands in the background of a start, after which
// a new short scan sharing only short bands with it finds it among its
// candidates.
func TestStartFillsShortBandsOfTextsReadBefore(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "推进会通知.txt", shortNotice).Document
	waitFor(t, done, 1)
	svc.Close()
	readBeforeShortBands(t, r, a.ID)

	_, scan := fingerprint([]string{shortNoticeScan})
	if len(scan) != neardup.Bands+neardup.ShortBands {
		t.Fatalf("the scan has %d bands; want a short text's %d", len(scan), neardup.Bands+neardup.ShortBands)
	}
	found := func() bool {
		cands, err := r.cat.NearDuplicateCandidates(ctx, "新扫描件", "sha-新", scan, nil, maxNearDuplicateCandidates)
		if err != nil {
			t.Fatal(err)
		}
		return slices.ContainsFunc(cands, func(c catalog.Candidate) bool { return c.ID == a.ID })
	}
	if found() {
		t.Fatalf("the scan finds %s by its normal bands: the test needs a scan sharing short bands alone", a.ID)
	}

	svc, _ = r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		_, pending, err := r.cat.ShortBandsToFill(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if !pending {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the short bands of the texts read before are not filled a minute after the start")
		}
	}
	if !found() {
		t.Fatalf("after the fill the scan of %s does not find it among its candidates", a.ID)
	}
}

// readBeforeShortBands leaves document id as a catalog read before short
// bands had it: its normal bands alone, and the fill's mark (migration
// 049) set.
func readBeforeShortBands(t *testing.T, r *rig, id string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`DELETE FROM near_duplicate_band WHERE document_id = ? AND band >= 32`,
		`INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', ?)`} {
		if _, err := db.Exec(q, id); err != nil {
			t.Fatal(err)
		}
	}
}
