package ingest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// A two-page notice with a 文号 and a scan of its first page, read with
// misreads (testenv's PartNotice, which this package's tests cannot
// import).
const (
	partHead  = "杭州市教育局文件\n\n杭教发〔2023〕5号\n\n关于推进学分银行建设的通知\n\n"
	partPage1 = "各区、县（市）教育局，市级各有关单位：为贯彻落实《杭州市终身学习促进条例》，推进学分银行建设，构建终身学习立交桥，现将有关事项通知如下。" +
		"一、建立市民终身学习账户。各区县要依托社区学校为市民开设学习账户，记录市民参加各类学习的成果，2023年底前开户人数达到50万。"
	partPage2 = "二、推进学分转换。开放大学、社区大学和老年大学之间的课程学分可以按照规定相互转换，学分转换办法另行制定。" +
		"三、加强组织保障。各区县教育局要明确专人负责，将学分银行建设纳入年度工作考核。\n杭州市教育局\n2023年3月1日"
	partNumber = "杭教发〔2023〕5号"
)

var partScan = strings.NewReplacer("。", "。\n", "学分", "学汾").Replace(partHead + partPage1)

// partRig is a catalog and a store holding documents of 杭州 with their
// stored texts, to link by linkParts.
type partRig struct {
	cat   *catalog.Store
	blobs blob.Store
}

func newPartRig(t *testing.T) *partRig {
	r := newRig(t)
	return &partRig{cat: r.cat, blobs: r.blobs}
}

// add records document id, of 文号 number, with its text's pages (read
// from sources, when given) stored.
func (r *partRig) add(t *testing.T, id, number string, pages []string, sources ...string) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	d := &catalog.Document{ID: id, SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(id))), Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
		Title: "关于推进学分银行建设的通知", DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored,
		UploadedBy: "wang", DocNumber: number}
	if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	if _, err := SaveText(ctx, r.blobs, d.SHA256, &StoredText{Extractor: "text", Version: 1, Pages: pages, PageSources: sources}); err != nil {
		t.Fatal(err)
	}
	d.Reading.PageSources = sources
	return d
}

// link links d's parts among the documents of its 文号, as the pipeline
// does.
func (r *partRig) link(t *testing.T, d *catalog.Document, pages []string) (int, error) {
	t.Helper()
	ctx := context.Background()
	cands, err := r.cat.SameDocNumber(ctx, []*catalog.Document{d}, maxPartCandidates)
	if err != nil {
		t.Fatal(err)
	}
	return linkParts(ctx, r.cat, r.blobs, d, nil, pages, cands[d.ID])
}

// relations returns the relation of each document related to id.
func (r *partRig) relations(t *testing.T, id string) map[string]catalog.Relation {
	t.Helper()
	nds, err := r.cat.NearDuplicates(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]catalog.Relation{}
	for _, n := range nds {
		out[n.ID] = n.Relation
	}
	return out
}

// A candidate whose stored text is damaged is skipped, not an error (a
// reindex, LinkNearDuplicates, went on no further than the first document
// sharing a 文号 with it), and the candidates after it are still compared.
func TestLinkPartsSkipsDamagedCandidates(t *testing.T) {
	r := newPartRig(t)
	ctx := context.Background()
	damaged := r.add(t, "D1-通知", partNumber, []string{partHead + partPage1, partPage2})
	whole := r.add(t, "D2-通知副本", partNumber, []string{partHead + partPage1, partPage2 + "\n（此件公开发布）"})
	body := []byte(`{"pages": ["杭州市教育局`)
	if err := r.blobs.Put(ctx, catalog.TextKey(damaged.SHA256), bytes.NewReader(body), int64(len(body)), "application/json"); err != nil {
		t.Fatal(err)
	}
	scan := r.add(t, "D3-扫描件", partNumber, []string{partScan})
	n, err := r.link(t, scan, []string{partScan})
	if err != nil {
		t.Fatalf("a damaged candidate's text: %v, want it skipped", err)
	}
	if got := r.relations(t, scan.ID); n != 1 || got[whole.ID] != catalog.PartOf || len(got) != 1 {
		t.Errorf("linked %d; the scan's relations %v, want part of %s alone", n, got, whole.ID)
	}
	// What Rebuild calls for each document.
	if _, err := LinkNearDuplicates(ctx, r.cat, r.blobs, scan, []string{partScan}); err != nil {
		t.Errorf("LinkNearDuplicates with a damaged candidate: %v, want it skipped", err)
	}
}

// The whole is found among the documents of its 文号 when others, not
// its versions, come before it: photos of other pages, a 情况说明 quoting
// the 文号. (Only the first 4 by id were compared.)
func TestLinkPartsLooksPastOtherDocumentsOfTheNumber(t *testing.T) {
	r := newPartRig(t)
	for i, other := range []string{"附件1：学分银行建设任务分工表。", "附件2：学习账户开户情况统计表。", "附件3：学分转换课程目录。",
		"情况说明：全市已开设学习账户12万个。", "附件4：各区县联系人名单。"} {
		r.add(t, fmt.Sprintf("D%d-附件", i+1), partNumber, []string{strings.Repeat(other, 3)})
	}
	whole := r.add(t, "D9-通知", partNumber, []string{partHead + partPage1, partPage2})
	scan := r.add(t, "E-扫描件", partNumber, []string{partScan})
	if n, err := r.link(t, scan, []string{partScan}); err != nil || n != 1 {
		t.Errorf("linked %d, %v; want the notice", n, err)
	}
	if got := r.relations(t, scan.ID); got[whole.ID] != catalog.PartOf || len(got) != 1 {
		t.Errorf("the scan's relations %v, want part of %s alone", got, whole.ID)
	}
}

// Texts over maxPartText, the candidate's or the document's own, are not
// compared (they would be held whole, outside the comparer's budget).
func TestLinkPartsSkipsLongTexts(t *testing.T) {
	r := newPartRig(t)
	// Repeated, the padding adds bytes, not shingles.
	long := []string{partHead + partPage1, partPage2 + strings.Repeat("附件：学分银行建设工作台账。", maxPartText/40)}
	whole := r.add(t, "D1-通知", partNumber, long)
	scan := r.add(t, "D2-扫描件", partNumber, []string{partScan})
	if n, err := r.link(t, scan, []string{partScan}); err != nil || n != 0 {
		t.Errorf("a scan of a long text: linked %d, %v; want none", n, err)
	}
	if n, err := r.link(t, whole, long); err != nil || n != 0 {
		t.Errorf("a long text: linked %d, %v; want none", n, err)
	}
	if got := r.relations(t, scan.ID); len(got) != 0 {
		t.Errorf("the scan's relations %v, want none", got)
	}
}

// A candidate's pages its reading does not trust (ocr-low) are not
// compared, as they give no near-duplicate fingerprint: a scan of page 1
// is no part of a text whose page 1 OCR could not read.
func TestLinkPartsComparesTrustedPages(t *testing.T) {
	r := newPartRig(t)
	whole := r.add(t, "D1-通知", partNumber, []string{partHead + partPage1, partPage2}, catalog.SourceOCRLow, catalog.SourceOCR)
	scan := r.add(t, "D2-扫描件", partNumber, []string{partScan})
	if n, err := r.link(t, scan, []string{partScan}); err != nil || n != 0 {
		t.Errorf("linked %d, %v; want none", n, err)
	}
	if got := r.relations(t, whole.ID); len(got) != 0 {
		t.Errorf("the notice's relations %v, want none", got)
	}
}

// Two versions each of which has most of the other's text (a Jaccard
// index under 0.9, but both containments over PartThreshold) are no part
// of each other: neither direction is recorded.
func TestLinkPartsLeavesVersions(t *testing.T) {
	r := newPartRig(t)
	pages := []string{partHead + partPage1, partPage2}
	longer := []string{partHead + partPage1, partPage2 + "\n四、本通知自印发之日起施行，由市教育局终身教育处负责解释。"}
	a, b := neardup.Shingles(pages...), neardup.Shingles(longer...)
	if j, in := neardup.Jaccard(a, b), neardup.Containment(b, a); j >= neardup.Threshold || in < neardup.PartThreshold {
		t.Fatalf("Jaccard %.3f, containment of the longer in the shorter %.3f: the test needs them under %v and over %v",
			j, in, neardup.Threshold, neardup.PartThreshold)
	}
	short := r.add(t, "D1-通知", partNumber, pages)
	long := r.add(t, "D2-通知修订稿", partNumber, longer)
	if n, err := r.link(t, long, longer); err != nil || n != 0 {
		t.Errorf("linked %d, %v; want none", n, err)
	}
	if got := r.relations(t, short.ID); len(got) != 0 {
		t.Errorf("the shorter version's relations %v, want none", got)
	}
}

// downTexts is a store whose first Stat or Get of the stored text key
// once down is set fails as a store that is down does, and closes failed.
type downTexts struct {
	blob.Store
	mu     sync.Mutex
	down   bool
	key    string // the stored text to fail
	failed chan struct{}
}

func (s *downTexts) Stat(ctx context.Context, key string) (blob.Info, error) {
	if err := s.fail(key); err != nil {
		return blob.Info{}, err
	}
	return s.Store.Stat(ctx, key)
}

func (s *downTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := s.fail(key); err != nil {
		return nil, err
	}
	return s.Store.Get(ctx, key)
}

// fail fails the first read of a stored text while down, and comes back.
func (s *downTexts) fail(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.down || key != s.key {
		return nil
	}
	s.down = false
	close(s.failed)
	return catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用，请稍后重试")
}

// A document whose parts could not be looked for, the store being down,
// stays extracted and is tried again: once the store answers it is
// linked to the notice it is part of. (It was marked indexed unlinked,
// and only a reindex linked it.)
func TestPartsAreLinkedWhenTheStoreComesBack(t *testing.T) {
	r := newRig(t)
	store := &downTexts{Store: r.blobs, failed: make(chan struct{})}
	r.blobs = store
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, RetryDelay: time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	notice := submitText(t, svc, "学分银行通知.txt", partHead+partPage1+"\f"+partPage2)
	waitFor(t, done, 1)
	store.mu.Lock()
	store.down, store.key = true, catalog.TextKey(notice.Document.SHA256)
	store.mu.Unlock()
	scan := submitText(t, svc, "扫描件第1页.txt", partScan)
	select {
	case <-store.failed:
	case <-time.After(time.Minute):
		t.Fatal("the scan's parts were not looked for in a minute")
	}
	if got := waitFor(t, done, 1); got[scan.Document.ID] == nil {
		t.Fatalf("finished %v, want the scan", got)
	}
	nds, err := r.cat.NearDuplicates(context.Background(), scan.Document.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(nds) != 1 || nds[0].ID != notice.Document.ID || nds[0].Relation != catalog.PartOf {
		t.Errorf("the scan's relations %+v, want part of the notice %s", nds, notice.Document.ID)
	}
}
