package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// longPlan is a long text: a plan of many distinct articles.
func longPlan() string {
	topics := []string{"社区教育", "老年教育", "职业技能培训", "家庭教育", "学分银行", "数字化学习资源", "市民终身学习", "学习型组织"}
	acts := []string{"建立健全", "统筹推进", "加快完善", "持续深化", "积极探索", "全面落实"}
	var b strings.Builder
	b.WriteString("杭州市终身教育发展规划（2021—2025年）\n")
	for i := range 60 {
		fmt.Fprintf(&b, "第%d条　各区县（市）%s%s工作机制，由责任单位于%d月底前报送佐证材料。\n",
			i+1, acts[i%len(acts)], topics[(i*5)%len(topics)], i%12+1)
	}
	return b.String()
}

// mayBeShort is exact: it says a long text is long from its beginning
// alone, and leaves a short text, and a long one repeating a few lines
// (few shingles, given short bands by a reading), to the fingerprint.
func TestMayBeShortFromTheBeginningOfATextAlone(t *testing.T) {
	plan := longPlan()
	repeated := strings.Repeat(shortNotice+"\n", 40)
	for _, c := range []struct {
		name  string
		pages []string
		want  bool
	}{
		{"短通知", []string{shortNotice}, true},
		{"长规划", []string{plan}, false},
		{"长规划分页", strings.SplitAfter(plan, "\n"), false},
		{"重复四十遍的短通知", []string{repeated}, true},
	} {
		short := len(neardup.Shingles(c.pages...)) <= neardup.ShortShingles
		if short != c.want {
			t.Fatalf("%s: the test needs a text short %v", c.name, c.want)
		}
		if got := mayBeShort(c.pages); got != c.want {
			t.Errorf("mayBeShort(%s, %d bytes) = %v; want %v", c.name, len(strings.Join(c.pages, "")), got, c.want)
		}
	}
	if len(repeated) <= shortProbeBytes || len(plan) <= shortProbeBytes {
		t.Fatalf("the long texts (%d, %d bytes) fit in the probe's %d bytes", len(repeated), len(plan), shortProbeBytes)
	}
}

// The fill of short bands fingerprints the short texts read before, not
// the long ones it learns are long from their beginnings: a catalog of
// long documents is not shingled whole at every start.
func TestShortBandFillFingerprintsShortTextsAlone(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "推进会通知.txt", shortNotice).Document
	l := submitText(t, svc, "终身教育发展规划.txt", longPlan()).Document
	waitFor(t, done, 2)
	svc.Close()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{`DELETE FROM near_duplicate_band WHERE band >= 32`,
		`INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', ?)`} {
		if _, err := db.Exec(q, max(a.ID, l.ID)); err != nil {
			t.Fatal(err)
		}
	}

	var fingerprinted []int
	defer func(f func([]string) (neardup.Set, []int64)) { fillFingerprint = f }(fillFingerprint)
	fillFingerprint = func(pages []string) (neardup.Set, []int64) {
		fingerprinted = append(fingerprinted, len(strings.Join(pages, "")))
		return fingerprint(pages)
	}
	svc, _ = r.service(t)
	defer svc.Close()
	if err := svc.fillShortBands(ctx); err != nil {
		t.Fatal(err)
	}
	if len(fingerprinted) != 1 || fingerprinted[0] > len(shortNotice) {
		t.Errorf("texts fingerprinted whole by the fill (bytes): %v; want the notice's (%d) alone", fingerprinted, len(shortNotice))
	}
	var short int
	if err := db.QueryRow(`SELECT COUNT(*) FROM near_duplicate_band WHERE document_id = ? AND band >= 32`, a.ID).Scan(&short); err != nil || short != neardup.ShortBands {
		t.Fatalf("short bands of the notice after the fill: %d, %v; want %d", short, err, neardup.ShortBands)
	}
}
