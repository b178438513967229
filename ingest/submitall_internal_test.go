package ingest

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// cancelOnPut is the folder store with the request's context cancelled
// while its files are put (the uploader gone mid-request): the puts
// succeed, every catalog call after them fails.
type cancelOnPut struct {
	*blob.Folder
	cancel context.CancelFunc
}

func (c cancelOnPut) PutFiles(ctx context.Context, files []blob.LocalFile) []error {
	errs := c.Folder.PutFiles(ctx, files)
	c.cancel()
	return errs
}

func stageTexts(t *testing.T, svc *Service, texts ...string) []*Staged {
	t.Helper()
	var out []*Staged
	for i, text := range texts {
		st, err := svc.Stage(strings.NewReader(text), "材料"+string(rune('一'+i))+".txt")
		if err != nil {
			t.Fatal(err)
		}
		st.Part = i
		t.Cleanup(st.Remove)
		out = append(out, st)
	}
	return out
}

// A request whose round cannot be inferred after its originals are stored
// (review s25-cpu #2: its context cancelled) reports every file failed,
// the copy of bytes sent earlier in the same request too: none is left
// without an outcome (which panicked), and nothing is recorded.
func TestUploadWhoseRoundCannotBeInferredFailsEveryFile(t *testing.T) {
	r := newRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	r.blobs = cancelOnPut{Folder: r.blobs.(*blob.Folder), cancel: cancel}
	svc, _ := r.service(t)
	files := stageTexts(t, svc, "杭州市学分银行实施办法。", "杭州市社区教育工作总结。", "杭州市学分银行实施办法。")
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "policy"}, Files: files})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if len(out) != 3 {
		t.Fatalf("%d outcomes, want 3", len(out))
	}
	for i, o := range out {
		if o.Err == nil || o.Part != i {
			t.Errorf("file %d: %+v, want it failed and its part named", i, o)
		}
	}
	for _, st := range files[:2] {
		if _, err := r.cat.DocumentBySHA256(context.Background(), st.SHA256, "330100"); !catalog.IsNotFound(err) {
			t.Errorf("a file of the failed request is recorded: %v", err)
		}
	}
}

// A request of several files with no type of its own is taken when every
// file part brings its own (doc_type.N), each file stored with its type;
// one file without its own type still needs the request's.
func TestUploadTakesOwnTypesWithoutTheRequestsType(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	ctx := context.Background()
	files := stageTexts(t, svc, "宁波市终身学习促进条例。", "宁波市老年大学工作总结。")
	own := map[int]Meta{0: {DocType: "policy"}, 1: {DocType: "work_summary"}}
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100"}, Files: files, PartMeta: own})
	if err != nil {
		t.Fatalf("upload with own types only: %v", err)
	}
	for i, o := range out {
		if o.Err != nil || string(o.Document.DocType) != own[i].DocType {
			t.Errorf("file %d: %+v, want it stored as %s", i, o, own[i].DocType)
		}
	}
	more := stageTexts(t, svc, "宁波市学习型社区案例。", "宁波市社区学院年报。")
	_, err = svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100"}, Files: more, PartMeta: map[int]Meta{0: {DocType: "case"}}})
	if catalog.ErrorCode(err) != catalog.EINVALID || catalog.ErrorField(err) != "doc_type" {
		t.Errorf("one file without a type: %v, want EINVALID on doc_type", err)
	}
}

// recordingPuts is the folder store noting each file handed to PutFiles.
type recordingPuts struct {
	*blob.Folder
	got *[]blob.LocalFile
}

func (r recordingPuts) PutFiles(ctx context.Context, files []blob.LocalFile) []error {
	*r.got = append(*r.got, files...)
	return r.Folder.PutFiles(ctx, files)
}

// An original found already in the folder store (another request's, its
// rename perhaps not yet durable) goes through the folder sync before
// its row is written, in a request of several files and of one alike
// (review s25-cpu #3).
func TestOriginalsFoundStoredAreSyncedBeforeTheirRows(t *testing.T) {
	r := newRig(t)
	var got []blob.LocalFile
	folder := r.blobs.(*blob.Folder)
	r.blobs = recordingPuts{Folder: folder, got: &got}
	svc, _ := r.service(t)
	ctx := context.Background()
	texts := []string{"温州市社区大学工作总结。", "温州市老年教育案例。", "温州市学习型城市建设方案。"}
	files := stageTexts(t, svc, texts...)
	for _, i := range []int{0, 2} {
		body := []byte(texts[i])
		if err := folder.Put(ctx, catalog.OriginalKey(files[i].SHA256), bytes.NewReader(body), int64(len(body)), "text/plain"); err != nil {
			t.Fatal(err)
		}
	}
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "case"}, Files: files[:2]})
	if err != nil || out[0].Err != nil || out[1].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	present := func(st *Staged) bool {
		for _, lf := range got {
			if lf.Key == catalog.OriginalKey(st.SHA256) && lf.Present {
				return true
			}
		}
		return false
	}
	if !present(files[0]) {
		t.Errorf("in a request of two, the original found stored was not synced: %+v", got)
	}
	if _, err := svc.Submit(ctx, files[2], Meta{City: "330100", DocType: "policy"}, coordinator); err != nil {
		t.Fatal(err)
	}
	if !present(files[2]) {
		t.Errorf("alone, the original found stored was not synced: %+v", got)
	}
}

// duringPuts is the folder store running also once while a batch is put
// (PutFiles of two or more files), and failing the files whose key is
// refused.
type duringPuts struct {
	*blob.Folder
	also    func()
	refused *string // the key refused, when set
}

func (d duringPuts) PutFiles(ctx context.Context, files []blob.LocalFile) []error {
	var keep []blob.LocalFile
	var at []int
	errs := make([]error, len(files))
	for i, lf := range files {
		if d.refused != nil && lf.Key == *d.refused {
			errs[i] = errors.New("磁盘写入失败")
			continue
		}
		keep = append(keep, lf)
		at = append(at, i)
	}
	for k, err := range d.Folder.PutFiles(ctx, keep) {
		errs[at[k]] = err
	}
	if d.also != nil && len(files) > 1 {
		d.also()
	}
	return errs
}

// Someone records the same bytes as one file of a request between its
// duplicate query and its insert (review s25-cpu #10): the batch's insert
// conflicts, and each file is recorded on its own — the other stored, this
// one a duplicate of their document with its own submission.
func TestUploadRecordsEachFileWhenTheBatchConflicts(t *testing.T) {
	r := newRig(t)
	folder := r.blobs.(*blob.Folder)
	var theirs *catalog.Document
	var files []*Staged
	r.blobs = duringPuts{Folder: folder, also: func() {
		theirs = &catalog.Document{ID: "01JTHEIRS0000000000000000A", SHA256: files[1].SHA256, Size: files[1].Size, MIME: files[1].MIME,
			Format: string(files[1].Format), Filename: "他人的总结.txt", Title: "他人的总结", DocType: catalog.DocWorkSummary, City: "330100",
			Round: "2018", Status: catalog.StatusStored, UploadedBy: "li"}
		if err := r.cat.CreateDocument(context.Background(), theirs, catalog.Submission{User: "li", Filename: "他人的总结.txt"}); err != nil {
			t.Error(err)
		}
	}}
	svc, _ := r.service(t)
	ctx := context.Background()
	files = stageTexts(t, svc, "嘉兴市学分银行实施办法。", "嘉兴市社区教育工作总结。")
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "policy", Round: "2018"}, Files: files})
	if err != nil || out[0].Err != nil || out[1].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	if out[0].Duplicate || !out[1].Duplicate || out[1].Document.ID != theirs.ID {
		t.Errorf("outcomes %+v / %+v, want the first stored and the second a duplicate of %s", out[0], out[1], theirs.ID)
	}
	if subs, err := r.cat.Submissions(ctx, theirs.ID); err != nil || len(subs) != 2 {
		t.Errorf("their document's submissions: %v %v, want theirs and ours", subs, err)
	}
}

// The catalog's transaction fails (the request's context gone once its
// originals are stored, its round given so none is inferred): every file
// fails, the copy of bytes sent earlier in the request too, and nothing is
// recorded; the originals stay, reused on a retry (review s25-cpu #10).
func TestUploadWhoseRecordFailsFailsEveryFile(t *testing.T) {
	r := newRig(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	folder := r.blobs.(*blob.Folder)
	r.blobs = cancelOnPut{Folder: folder, cancel: cancel}
	svc, _ := r.service(t)
	files := stageTexts(t, svc, "湖州市学分银行实施办法。", "湖州市社区教育工作总结。", "湖州市学分银行实施办法。")
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "policy", Round: "2018"}, Files: files})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	for i, o := range out {
		if o.Err == nil {
			t.Errorf("file %d: %+v, want it failed", i, o)
		}
	}
	for _, st := range files[:2] {
		if _, err := r.cat.DocumentBySHA256(context.Background(), st.SHA256, "330100"); !catalog.IsNotFound(err) {
			t.Errorf("a file of the failed request is recorded: %v", err)
		}
		if _, err := folder.Stat(context.Background(), catalog.OriginalKey(st.SHA256)); err != nil {
			t.Errorf("the original of a file stored before the record failed is gone: %v", err)
		}
	}
}

// The folder store fails one file of a batch (review s25-cpu #10): that
// file fails alone and is not recorded, the others are stored.
func TestUploadWhoseStoreFailsOneFileKeepsTheOthers(t *testing.T) {
	r := newRig(t)
	var refused string
	r.blobs = duringPuts{Folder: r.blobs.(*blob.Folder), refused: &refused}
	svc, _ := r.service(t)
	ctx := context.Background()
	files := stageTexts(t, svc, "绍兴市学分银行实施办法。", "绍兴市社区教育工作总结。", "绍兴市老年教育案例。")
	refused = catalog.OriginalKey(files[1].SHA256)
	out, err := svc.Upload(ctx, coordinator, UploadRequest{Meta: Meta{City: "330100", DocType: "case"}, Files: files})
	if err != nil {
		t.Fatalf("upload: %v", err)
	}
	if out[0].Err != nil || out[1].Err == nil || out[2].Err != nil {
		t.Fatalf("outcomes %+v, want the second file failed alone", out)
	}
	if _, err := r.cat.DocumentBySHA256(ctx, files[1].SHA256, "330100"); !catalog.IsNotFound(err) {
		t.Errorf("the file the store refused is recorded: %v", err)
	}
	for _, i := range []int{0, 2} {
		if _, err := r.cat.DocumentBySHA256(ctx, files[i].SHA256, "330100"); err != nil {
			t.Errorf("file %d is not recorded: %v", i, err)
		}
	}
}
