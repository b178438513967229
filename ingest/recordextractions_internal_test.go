package ingest

import (
	"context"
	"crypto/sha256"
	"errors"
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

// TestOneBadExtractionFailsNoOtherOfItsBatch: the indexer records a
// batch's extractions in one transaction; when one of them cannot be
// recorded, the others are recorded each alone and go on to the index,
// and only that one fails, with the reason.
func TestOneBadExtractionFailsNoOtherOfItsBatch(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	s, _ := r.service(t)
	cat := r.cat

	var jobs []indexJob
	for _, id := range []string{"前", "坏", "后"} {
		d := &catalog.Document{ID: id, SHA256: "sha-" + id, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		change := catalog.StatusChange{ID: id, Status: catalog.StatusExtracted, Pages: 1,
			Fill: &catalog.FieldFill{Title: "关于建立学分银行的实施意见（" + id + "）"}}
		if id == "坏" {
			change.ID = "不存在" // cannot be applied
		}
		jobs = append(jobs, indexJob{doc: d, pages: []string{"学分银行"}, ext: &catalog.Extraction{ID: id, SHA256: d.SHA256, Alone: change}})
	}

	ready := s.recordExtractions(ctx, jobs)
	var got []string
	for _, j := range ready {
		got = append(got, j.doc.ID)
		if j.ext != nil {
			t.Errorf("%s is ready for the index with its extraction still to record", j.doc.ID)
		}
	}
	if len(got) != 2 || got[0] != "前" || got[1] != "后" {
		t.Fatalf("ready for the index: %v; want 前 and 后", got)
	}
	for id, want := range map[string]catalog.Status{"前": catalog.StatusExtracted, "后": catalog.StatusExtracted, "坏": catalog.StatusFailed} {
		d, err := cat.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != want {
			t.Errorf("%s is %s, want %s", id, d.Status, want)
		}
		if want == catalog.StatusExtracted && d.Title != "关于建立学分银行的实施意见（"+id+"）" {
			t.Errorf("%s was recorded without the title read from its text: %q", id, d.Title)
		}
	}
}

// watchedTexts counts the reads of stored texts. With hold set, each read
// waits (up to a minute: a loaded machine may be slow to start the other)
// until another is in flight, so that reads one after another show as no
// overlap rather than as a hang.
type watchedTexts struct {
	blob.Store
	hold bool
	fail string // a key whose reads fail

	mu                     sync.Mutex
	reads, now, mostAtOnce int
	twoAtOnce              chan struct{}
}

func (w *watchedTexts) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if !strings.HasPrefix(key, "text/") {
		return w.Store.Get(ctx, key)
	}
	if key == w.fail {
		return nil, errors.New("读取失败：磁盘 I/O 错误")
	}
	w.mu.Lock()
	w.reads++
	w.now++
	w.mostAtOnce = max(w.mostAtOnce, w.now)
	if w.now == 2 && w.twoAtOnce != nil {
		close(w.twoAtOnce)
		w.twoAtOnce = nil
	}
	wait := w.twoAtOnce
	w.mu.Unlock()
	defer func() {
		w.mu.Lock()
		w.now--
		w.mu.Unlock()
	}()
	if w.hold && wait != nil {
		select {
		case <-wait:
		case <-time.After(time.Minute):
		}
	}
	return w.Store.Get(ctx, key)
}

// GetRange is watched as Get is: it reads a stored text too.
func (w *watchedTexts) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	rc, err := w.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	rc.Close()
	return w.Store.GetRange(ctx, key, off, n, version)
}

// notice is the text the versions in these tests vary.
var notice = []string{
	"为贯彻落实《关于推进学习型城市建设的意见》，加快构建服务全民终身学习的教育体系，现就建立本市学分银行制度提出如下实施意见。",
	"一、总体要求。坚持政府主导、部门协同、社会参与，到二〇二五年基本建成覆盖城乡的终身学习成果认证、积累和转换平台。",
	"二、主要任务。建立个人终身学习账户，记录居民参加社区教育、老年大学、职业技能培训和网络课程所获得的学分。",
	"三、认定办法。由市教育局会同人力资源和社会保障局制定学习成果认定标准，各区县成人学校负责日常登记和审核工作。",
	"四、保障措施。市财政每年安排专项经费，纳入部门预算；各街道社区教育中心配备专职管理人员，确保制度落到实处。",
	"五、督查考核。将学分银行建设情况纳入各区县政府年度目标考核，市学习型城市建设领导小组办公室每半年通报一次进展。",
}

// noticeVersion is version n of the notice: each version adds a short
// note, so any two of the first few are near duplicates.
func noticeVersion(n int) string {
	text := strings.Join(notice, "")
	for i := range n {
		text += fmt.Sprintf("（修改%d）", i+1)
	}
	return text
}

// versionJobs creates documents over versions from..to of the notice, with
// their texts stored, and returns their index jobs as a worker leaves them.
func versionJobs(t *testing.T, cat *catalog.Store, blobs blob.Store, from, to int) []indexJob {
	t.Helper()
	var jobs []indexJob
	for n := from; n <= to; n++ {
		jobs = append(jobs, textJob(t, cat, blobs, fmt.Sprintf("第%d稿", n), noticeVersion(n), false))
	}
	return jobs
}

// textJob creates a document over text, read by OCR or not, with the text
// stored, and returns its index job as a worker leaves it.
func textJob(t *testing.T, cat *catalog.Store, blobs blob.Store, id, text string, byOCR bool) indexJob {
	t.Helper()
	ctx := context.Background()
	d := &catalog.Document{ID: id, SHA256: fmt.Sprintf("%x", sha256.Sum256([]byte(text))), Size: 10, MIME: "text/plain",
		Format: "txt", Filename: id + ".txt", DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored,
		UploadedBy: "admin"}
	if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
		t.Fatal(err)
	}
	st := &StoredText{Extractor: "text", Version: 1, Pages: []string{text}}
	if byOCR {
		st.Extractor, st.PageSources = "ocr", []string{catalog.SourceOCR}
	}
	h, err := SaveText(ctx, blobs, d.SHA256, st)
	if err != nil {
		t.Fatal(err)
	}
	_, bands := fingerprint(st.Pages)
	reading := st.Reading()
	return indexJob{doc: d, pages: st.Pages, ext: &catalog.Extraction{ID: id, SHA256: d.SHA256, Bands: bands,
		Text:  &catalog.TextRecord{Original: d.SHA256, Hash: h},
		Alone: catalog.StatusChange{ID: id, Status: catalog.StatusExtracted, Pages: 1, Reading: &reading}}}
}

func watchedService(t *testing.T, r *rig, w *watchedTexts) *Service {
	s := New(r.cat, w, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Cleanup(s.Close)
	return s
}

// linkedTo returns the IDs of a document's near duplicates.
func linkedTo(t *testing.T, cat *catalog.Store, id string) []string {
	t.Helper()
	nds, err := cat.NearDuplicates(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, n := range nds {
		ids = append(ids, n.ID)
	}
	return ids
}

// TestVersionsOfOneBatchAreComparedInMemory: versions of one text recorded
// in one batch are compared with each other from the texts the batch
// holds, all linked, without reading a stored text (one after another in
// the indexer, they were read 0 + 1 + 2 + 3 + 4 times).
func TestVersionsOfOneBatchAreComparedInMemory(t *testing.T) {
	r := newRig(t)
	w := &watchedTexts{Store: r.blobs}
	s := watchedService(t, r, w)
	jobs := versionJobs(t, r.cat, r.blobs, 1, 5)

	if ready := s.recordExtractions(context.Background(), jobs); len(ready) != 5 {
		t.Fatalf("%d of 5 versions ready for the index", len(ready))
	}
	for _, j := range jobs {
		if got := linkedTo(t, r.cat, j.doc.ID); len(got) != 4 {
			t.Errorf("%s is linked to %v; want the 4 other versions", j.doc.ID, got)
		}
	}
	if w.reads != 0 {
		t.Errorf("%d stored texts read to compare versions the batch holds; want none", w.reads)
	}
}

// TestCandidateTextsAreReadTogether: a document's candidates from earlier
// batches are read from the store several at a time, not one after
// another in the indexer (a slow object store would hold up indexing by a
// round trip per candidate).
func TestCandidateTextsAreReadTogether(t *testing.T) {
	r := newRig(t)
	w := &watchedTexts{Store: r.blobs}
	s := watchedService(t, r, w)
	ctx := context.Background()
	if ready := s.recordExtractions(ctx, versionJobs(t, r.cat, r.blobs, 1, 2)); len(ready) != 2 {
		t.Fatalf("%d of 2 earlier versions ready for the index", len(ready))
	}

	w.hold, w.twoAtOnce, w.reads = true, make(chan struct{}), 0
	if ready := s.recordExtractions(ctx, versionJobs(t, r.cat, r.blobs, 3, 3)); len(ready) != 1 {
		t.Fatal("the new version is not ready for the index")
	}
	if got := linkedTo(t, r.cat, "第3稿"); len(got) != 2 {
		t.Errorf("the new version is linked to %v; want both earlier ones", got)
	}
	if w.reads != 2 || w.mostAtOnce < 2 {
		t.Errorf("%d stored texts read, at most %d at once; want the 2 candidates' read together", w.reads, w.mostAtOnce)
	}
}

// misreadNotice is the notice as a poor scan reads it: one Han character
// in every n replaced by 口.
func misreadNotice(n int) string {
	rs := []rune(strings.Join(notice, ""))
	k := 0
	for i, r := range rs {
		if r >= 0x4e00 && r <= 0x9fff {
			if k++; k%n == 0 {
				rs[i] = '口'
			}
		}
	}
	return string(rs)
}

// TestScanWithManyMisreadsIsLinked: a document read by OCR with more
// misread characters than the shingles forgive (Jaccard under 0.9) is
// linked to its born-digital original whichever was read first or when
// both are read in one batch, by the OCR page source the pipeline keeps;
// the same text not read by OCR is not.
func TestScanWithManyMisreadsIsLinked(t *testing.T) {
	scan := misreadNotice(30)
	if j := neardup.Jaccard(neardup.Shingles(notice...), neardup.Shingles(scan)); j >= neardup.Threshold || j < neardup.OCRFloor {
		t.Fatalf("the scan's Jaccard similarity is %.3f; the test needs it between %.2f and %.2f", j, neardup.OCRFloor, neardup.Threshold)
	}
	for _, tt := range []struct {
		name    string
		batches [][]int // of jobs: 0 the original, 1 the scan
		byOCR   bool
		linked  bool
	}{
		{"original first", [][]int{{0}, {1}}, true, true},
		{"scan first", [][]int{{1}, {0}}, true, true},
		{"in one batch", [][]int{{0, 1}}, true, true},
		{"the same text, not read by OCR", [][]int{{0}, {1}}, false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			s := watchedService(t, r, &watchedTexts{Store: r.blobs})
			jobs := []indexJob{
				textJob(t, r.cat, r.blobs, "原件", strings.Join(notice, ""), false),
				textJob(t, r.cat, r.blobs, "扫描件", scan, tt.byOCR),
			}
			for _, b := range tt.batches {
				var batch []indexJob
				for _, k := range b {
					batch = append(batch, jobs[k])
				}
				if ready := s.recordExtractions(context.Background(), batch); len(ready) != len(batch) {
					t.Fatalf("%d of %d ready for the index", len(ready), len(batch))
				}
			}
			for _, id := range []string{"原件", "扫描件"} {
				if got := linkedTo(t, r.cat, id); (len(got) == 1) != tt.linked {
					t.Errorf("%s is linked to %v; want linked %v", id, got, tt.linked)
				}
			}
		})
	}
}

// TestAFailedCandidateReadFailsOnlyItsDocument: when the store fails to
// give one candidate's text, only the document compared with it fails;
// the others of its batch are linked and go on to the index.
func TestAFailedCandidateReadFailsOnlyItsDocument(t *testing.T) {
	r := newRig(t)
	w := &watchedTexts{Store: r.blobs}
	s := watchedService(t, r, w)
	ctx := context.Background()
	earlier := versionJobs(t, r.cat, r.blobs, 1, 2)
	if ready := s.recordExtractions(ctx, earlier); len(ready) != 2 {
		t.Fatalf("%d of 2 earlier versions ready for the index", len(ready))
	}

	w.fail = catalog.TextKey(earlier[0].doc.SHA256)
	other := "关于开展二〇二三年老年教育示范学校评选工作的通知。各区县教育局：为推动老年教育高质量发展，" +
		"经研究，决定在全市开展老年教育示范学校评选工作。评选对象为依托社区教育中心、老年大学和职业院校举办的老年学校，" +
		"须具备固定教学场所、专兼职教师队伍和规范的课程管理制度。请各区县于九月三十日前将推荐材料报送市终身教育指导中心。"
	batch := append(versionJobs(t, r.cat, r.blobs, 3, 3),
		textJob(t, r.cat, r.blobs, "另一份", other, false), textJob(t, r.cat, r.blobs, "另一份定稿", other+"联系人：王老师。", false))
	ready := s.recordExtractions(ctx, batch)
	var got []string
	for _, j := range ready {
		got = append(got, j.doc.ID)
	}
	if len(got) != 2 || got[0] != "另一份" || got[1] != "另一份定稿" {
		t.Fatalf("ready for the index: %v; want the two documents whose candidates could be read", got)
	}
	if linked := linkedTo(t, r.cat, "另一份定稿"); len(linked) != 1 || linked[0] != "另一份" {
		t.Errorf("另一份定稿 is linked to %v; want 另一份", linked)
	}
	d, err := r.cat.Document(ctx, "第3稿")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status == catalog.StatusExtracted || d.Status == catalog.StatusIndexed {
		t.Errorf("第3稿, whose candidate's text could not be read, is %s", d.Status)
	}
}

// TestABatchCutOffByShutdownIsNotRecordedEachAlone: when the server stops
// while the indexer records a batch, the batch's transaction fails for the
// stop, not for a document: the extractions are left to the next start
// (the documents keep their status), not tried again one by one, each
// failing the same way, with a warning that a batch could not be recorded.
func TestABatchCutOffByShutdownIsNotRecordedEachAlone(t *testing.T) {
	r := newRig(t)
	var logged strings.Builder
	s := New(r.cat, r.blobs, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(&logged, nil))})
	t.Cleanup(s.Close)
	jobs := []indexJob{
		textJob(t, r.cat, r.blobs, "通知一", "关于推进学分银行建设的通知", false),
		textJob(t, r.cat, r.blobs, "通知二", "关于开展社区教育示范街道创建的通知", false),
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if ready := s.recordExtractions(ctx, jobs); len(ready) != 0 {
		t.Errorf("%d documents ready for the index after the server stopped, want none", len(ready))
	}
	if strings.Contains(logged.String(), "recording each alone") {
		t.Errorf("a batch cut off by the stop was recorded again document by document:\n%s", logged.String())
	}
	for _, j := range jobs {
		d, err := r.cat.Document(context.Background(), j.doc.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Status != catalog.StatusStored {
			t.Errorf("%s is %s after the stop, want stored (read again at the next start)", d.ID, d.Status)
		}
	}
}
