package ingest

import (
	"context"
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
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
)

type rig struct {
	cat   *catalog.Store
	blobs blob.Store
	idx   index.Index
	dir   string
}

func newRig(t *testing.T) *rig {
	t.Helper()
	dir := t.TempDir()
	cat, err := catalog.Open(context.Background(), filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	return &rig{cat: cat, blobs: blobs, idx: idx, dir: dir}
}

// service returns a pipeline on the rig; done receives each finished document.
func (r *rig) service(t *testing.T) (*Service, chan *catalog.Document) {
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	t.Cleanup(svc.Close)
	return svc, done
}

var coordinator = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}

func submitText(t *testing.T, svc *Service, name, text string) *Outcome {
	t.Helper()
	st, err := svc.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatalf("stage %s: %v", name, err)
	}
	defer st.Remove()
	meta := Meta{City: "330100", DocType: "work_summary"}
	if err := svc.CheckMeta(context.Background(), &meta); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Submit(context.Background(), st, meta, coordinator)
	if err != nil {
		t.Fatalf("submit %s: %v", name, err)
	}
	return out
}

func waitFor(t *testing.T, done chan *catalog.Document, n int) map[string]*catalog.Document {
	t.Helper()
	got := map[string]*catalog.Document{}
	for len(got) < n {
		select {
		case d := <-done:
			got[d.ID] = d
		case <-time.After(time.Minute):
			t.Fatalf("%d of %d documents finished in a minute", len(got), n)
		}
	}
	return got
}

func hits(t *testing.T, idx index.Index, word string) int {
	t.Helper()
	res, err := idx.Search(context.Background(), index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: word}}}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	return int(res.Total)
}

func TestStartResumesWorkLeftByAStoppedProcess(t *testing.T) {
	r := newRig(t)
	first, _ := r.service(t)
	// Submitted but never started: the process "stopped" before extraction.
	a := submitText(t, first, "a.txt", "杭州市建立学分银行,推进学习成果认证。")
	b := submitText(t, first, "b.txt", "社区教育工作总结:全年举办大讲堂。")
	if d, _ := r.cat.Document(context.Background(), a.Document.ID); d.Status != catalog.StatusStored {
		t.Fatalf("status before start %s", d.Status)
	}
	first.Close()

	second, done := r.service(t)
	if err := second.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, done, 2)
	for _, id := range []string{a.Document.ID, b.Document.ID} {
		if got[id].Status != catalog.StatusIndexed {
			t.Errorf("%s: %s %s", id, got[id].Status, got[id].Error)
		}
	}
	if n := hits(t, r.idx, "学分银行"); n != 1 {
		t.Errorf("学分银行 hits %d, want 1", n)
	}
}

func TestReconcileRequeuesMissingAndDropsStale(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "a.txt", "宁波市终身教育促进条例")
	b := submitText(t, svc, "b.txt", "成都市全民终身学习活动周")
	waitFor(t, done, 2)
	svc.Close()

	// The index lost a, and kept an entry for a document the catalog no longer has.
	ctx := context.Background()
	r.idx.Delete(ctx, a.Document.ID)
	r.idx.Index(ctx, []index.Document{{ID: "GONE", Title: "已删除", Pages: []string{"学分银行"}}})

	svc2, done2 := r.service(t)
	if err := svc2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, done2, 1)
	if d := got[a.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("missing document not re-indexed: %+v", got)
	}
	ids, _ := r.idx.IDs(ctx)
	if fmt.Sprint(ids) != fmt.Sprint(sortedIDs(a.Document.ID, b.Document.ID)) {
		t.Errorf("index ids %v", ids)
	}
}

// TestSettleWaitsForTheIndexToCatchUp: documents the index lost are
// indexed again by the pipeline's first pass; Settle returns only once
// none is left stored or extracted, and Close after it leaves nothing
// half done.
func TestSettleWaitsForTheIndexToCatchUp(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	const n = 40
	var ids []string
	for i := range n {
		ids = append(ids, submitText(t, svc, fmt.Sprintf("%d.txt", i), fmt.Sprintf("第%d期社区教育培训班", i)).Document.ID)
	}
	waitFor(t, done, n)
	svc.Close()
	if err := r.idx.Delete(ctx, ids...); err != nil {
		t.Fatal(err)
	}

	svc2, _ := r.service(t)
	if err := svc2.Start(ctx); err != nil {
		t.Fatal(err)
	}
	lefts := 0
	if err := svc2.Settle(ctx, func(int) { lefts++ }); err != nil {
		t.Fatal(err)
	}
	svc2.Close()
	counts, err := r.cat.CountByStatus(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if counts[catalog.StatusIndexed] != n || counts[catalog.StatusExtracted]+counts[catalog.StatusStored] != 0 {
		t.Errorf("after Settle and Close: %v, want all %d indexed", counts, n)
	}
	if got := hits(t, r.idx, "社区教育"); got != n {
		t.Errorf("社区教育 hits %d, want %d", got, n)
	}
	// Settle on a pipeline with nothing to do returns at once.
	svc3, _ := r.service(t)
	if err := svc3.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer svc3.Close()
	if err := svc3.Settle(ctx, func(int) { t.Error("progress with nothing left") }); err != nil {
		t.Fatal(err)
	}
}

func sortedIDs(ids ...string) []string {
	if ids[0] > ids[1] {
		ids[0], ids[1] = ids[1], ids[0]
	}
	return ids
}

func TestDuplicatesAreOneDocumentEvenWhenConcurrent(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	var wg sync.WaitGroup
	ids := make([]string, 8)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ids[i] = submitText(t, svc, fmt.Sprintf("copy%d.txt", i), "同一份工作总结的内容").Document.ID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("concurrent uploads of the same bytes made documents %v", ids)
		}
	}
	subs, _ := r.cat.Submissions(context.Background(), ids[0])
	if len(subs) != 8 {
		t.Errorf("submissions %d, want 8", len(subs))
	}
}

func TestFailedDocumentIsRetriedWhenSentAgain(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 3000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(0x80 | x&0x7f)
	}
	bad := string(b)
	out := submitText(t, svc, "bad.txt", bad)
	d := waitFor(t, done, 1)[out.Document.ID]
	if d.Status != catalog.StatusFailed || d.Error == "" {
		t.Fatalf("bad text: %s %q", d.Status, d.Error)
	}
	again := submitText(t, svc, "bad.txt", bad)
	if !again.Duplicate || again.Document.Status != catalog.StatusStored {
		t.Errorf("resubmitting a failed document: duplicate %v status %s", again.Duplicate, again.Document.Status)
	}
	if d := waitFor(t, done, 1)[out.Document.ID]; d.Status != catalog.StatusFailed {
		t.Errorf("retry of unreadable text: %s", d.Status)
	}
}

func TestStageRejectsBeforeStoring(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, file, body string
		max              int64
		code             string
	}{
		{"too large", "a.txt", strings.Repeat("学", 400), 1000, catalog.ETOOLARGE},
		{"empty", "a.txt", "", 1000, catalog.EINVALID},
		{"pdf in name only", "a.pdf", "纯文本", 1000, catalog.EINVALID},
	}
	for _, tt := range tests {
		_, err := Stage(strings.NewReader(tt.body), tt.file, dir, tt.max)
		if catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.file) {
			t.Errorf("%s: %v, want %s naming the file", tt.name, err, tt.code)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Errorf("rejected uploads left temp files %v", left)
	}
}

func TestSanitizeFilename(t *testing.T) {
	tests := []struct{ in, want string }{
		{"宁波市学分银行实施意见.pdf", "宁波市学分银行实施意见.pdf"},
		{"../../etc/passwd", "passwd"},
		{`C:\Users\王\材料\总结.docx`, "总结.docx"},
		{"a\x00b\nc.txt", "abc.txt"},
		{"a\tb\x7fc.txt", "abc.txt"},
		{"通知\u202etxt.exe", "通知txt.exe"},
		{"\u2066报告\u2069\u200b.pdf", "报告.pdf"},
		{"  ", "未命名文件"},
		{"..", "未命名文件"},
		{strings.Repeat("学", 200) + ".pdf", strings.Repeat("学", 78) + ".pdf"},
	}
	for _, tt := range tests {
		if got := SanitizeFilename(tt.in); got != tt.want {
			t.Errorf("SanitizeFilename(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIndexCarriesMetadataAsItIsWhenWritten(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	ctx := context.Background()
	edited := submitText(t, svc, "a.txt", "杭州市建立学分银行。")
	deleted := submitText(t, svc, "b.txt", "成都市全民终身学习活动周。")
	// Edited and deleted while waiting for extraction.
	policy := "policy"
	if _, err := r.cat.UpdateDocument(ctx, edited.Document.ID, catalog.DocumentPatch{DocType: &policy}, "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := r.cat.DeleteDocument(ctx, deleted.Document.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, done, 1)
	res, err := r.idx.Search(ctx, index.Query{Filter: index.Filter{DocTypes: []string{"policy"}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 || res.Hits[0].ID != edited.Document.ID {
		t.Errorf("doc_type policy in the index: %d hits, want the edited document", res.Total)
	}
	if n := hits(t, r.idx, "活动周"); n != 0 {
		t.Errorf("a document deleted before indexing is in the index")
	}
}

func TestTheSameBytesForAnotherCityIsItsOwnDocument(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	hz := submitText(t, svc, "通知.txt", "教育部关于推进学习型城市建设的意见。")
	st, err := svc.Stage(strings.NewReader("教育部关于推进学习型城市建设的意见。"), "通知.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	chengdu := &catalog.User{Username: "li", Role: catalog.RoleCoordinator, City: "510100"}
	out, err := svc.Submit(context.Background(), st, Meta{City: "510100", DocType: "policy"}, chengdu)
	if err != nil {
		t.Fatal(err)
	}
	if out.Duplicate || out.Document.ID == hz.Document.ID || out.Document.City != "510100" {
		t.Errorf("成都's upload of 杭州's bytes: %+v duplicate=%v", out.Document, out.Duplicate)
	}
	// A coordinator cannot submit for another city, nor link its documents.
	if _, err := svc.Submit(context.Background(), st, Meta{City: "330100", DocType: "policy"}, chengdu); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("submit for another city: %v", err)
	}
	if err := svc.Link(context.Background(), hz.Document.ID, []string{"1.1.1"}, chengdu); !catalog.IsNotFound(err) {
		t.Errorf("link another city's document: %v", err)
	}
}

// brokenReader is a sender that stops mid-file.
type brokenReader struct{ sent bool }

func (b *brokenReader) Read(p []byte) (int, error) {
	if !b.sent {
		b.sent = true
		return copy(p, "杭州市学分银行建设"), nil
	}
	return 0, io.ErrUnexpectedEOF
}

func TestStageOfABodyCutOffIsTheSendersError(t *testing.T) {
	_, err := Stage(&brokenReader{}, "通知.txt", t.TempDir(), 1<<20)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "没有传完整") {
		t.Fatalf("a file cut off mid-way: got %v (%s), want EINVALID saying it was not sent completely", err, catalog.ErrorCode(err))
	}
}

// TestTooLongFieldIsNamed: a field over the limit is refused about
// itself, named in words, in both languages.
func TestTooLongFieldIsNamed(t *testing.T) {
	m := &Meta{Title: "通知", City: "330100", DocType: "policy", DocNumber: strings.Repeat("杭", maxMetaRunes+1)}
	err := checkFields(m)
	var e *catalog.Error
	if !errors.As(err, &e) || e.Field != "doc_number" || !strings.HasPrefix(e.Message, "文号过长") || !strings.HasPrefix(e.English, "The document number is too long") {
		t.Errorf("a 文号 too long: %v (%+v)", err, e)
	}
}

// TestTextReadByOlderRulesIsReadAgain: the same bytes uploaded for another
// city, whose stored text older extraction rules read (a phone photo read
// sideways as garbage), are read again by today's rules instead of
// inheriting the garbage.
func TestTextReadByOlderRulesIsReadAgain(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	const body = "宁波市终身学习活动周期间共开展学习活动1260场。"
	first := submitText(t, svc, "总结.txt", body)
	waitFor(t, done, 1)
	old := &StoredText{Extractor: "ocr", Version: extract.Version - 1, Pages: []string{"x 8 «es 7 a | Be FE © Fe"}}
	if _, err := SaveText(context.Background(), r.blobs, first.Document.SHA256, old); err != nil {
		t.Fatal(err)
	}
	st, err := svc.Stage(strings.NewReader(body), "总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	chengdu := &catalog.User{Username: "li", Role: catalog.RoleCoordinator, City: "510100"}
	out, err := svc.Submit(context.Background(), st, Meta{City: "510100", DocType: "work_summary"}, chengdu)
	if err != nil || out.Duplicate {
		t.Fatalf("submit for 成都: %+v, %v", out, err)
	}
	if d := waitFor(t, done, 1)[out.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("成都's document: %+v", d)
	}
	// 杭州's document still uses the stored text (its index entry, the
	// passages its claims cite): 成都's copy takes it as it is.
	if got, err := LoadText(context.Background(), r.blobs, first.Document.SHA256); err != nil || got.Version != extract.Version-1 {
		t.Fatalf("stored text while another document uses it: %+v, %v; want it kept", got, err)
	}

	// Once no document uses it, the same bytes are read by today's rules.
	for _, id := range []string{first.Document.ID, out.Document.ID} {
		if _, err := r.cat.DeleteDocument(context.Background(), id, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	// (In a third city: 杭州's own bytes again would be offered the
	// restore of its deleted document, not stored anew.)
	stAgain, err := svc.Stage(strings.NewReader(body), "总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer stAgain.Remove()
	ningbo := &catalog.User{Username: "zhao", Role: catalog.RoleCoordinator, City: "330200"}
	again, err := svc.Submit(context.Background(), stAgain, Meta{City: "330200", DocType: "work_summary"}, ningbo)
	if err != nil || again.Duplicate {
		t.Fatalf("submit for 宁波 after the deletes: %+v, %v", again, err)
	}
	if d := waitFor(t, done, 1)[again.Document.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("the upload after the deletes: %+v", d)
	}
	got, err := LoadText(context.Background(), r.blobs, first.Document.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if got.Version != extract.VersionOf("txt") || len(got.Pages) != 1 || !strings.Contains(got.Pages[0], "1260场") {
		t.Errorf("stored text after the upload: version %d, pages %q; want version %d with the file's words", got.Version, got.Pages, extract.VersionOf("txt"))
	}
}
