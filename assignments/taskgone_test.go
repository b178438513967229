package assignments_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// deletingTasks is the assignments service as an upload sees it, the
// coordinator deleting the task at the moment the upload has checked it
// and not yet stored its files (HandInTypeOf comes just between): the
// window a large scan or an archive keeps open for minutes.
type deletingTasks struct {
	*assignments.Service
	t *testing.T
}

func (d deletingTasks) HandInTypeOf(ctx context.Context, a *catalog.Assignment) (catalog.DocType, error) {
	if _, err := d.Delete(ctx, coordA, a.ID); err != nil {
		d.t.Fatalf("the coordinator deletes the task during the upload: %v", err)
	}
	return d.Service.HandInTypeOf(ctx, a)
}

// TestUploadWhoseTaskWasDeletedMeanwhile: 市教育局 hands in 工作总结 for
// 2.3.1 while the coordinator deletes the task, before the file is
// recorded. Nothing is recorded or linked to 2.3.1 (a link would count as
// evidence with no task listing it and no way to withdraw it), and the
// file's error says in Chinese that the task is gone, without the task's
// internal id.
func TestUploadWhoseTaskWasDeletedMeanwhile(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	e.Ingest.UseTasks(deletingTasks{Service: s, t: t})
	st, err := e.Ingest.Stage(strings.NewReader(summaryText), "工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Assignment: task, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 {
		t.Fatalf("upload for a task deleted meanwhile: %+v %v; want the file's own outcome", out, err)
	}
	msg := catalog.ErrorMessage(out[0].Err)
	if catalog.ErrorCode(out[0].Err) != catalog.ENOTFOUND || !strings.Contains(msg, "该任务已不存在") || strings.Contains(msg, task) {
		t.Errorf("the file's outcome: %v; want ENOTFOUND saying the task is gone, without its id", out[0].Err)
	}
	if out[0].Document != nil {
		t.Errorf("《%s》 was recorded for a deleted task", out[0].Document.Title)
	}
}

// TestUploadOfArchivedFilesWhoseTaskWasDeletedMeanwhile: the coordinator
// hands in, for 市教育局's task of 2.3.1, two files the archive already
// holds, as another tab of theirs deletes the task. 年报 was linked to
// 2.3.1 by hand before; 简报 was not. The upload records a submission of
// each (no new document, which the catalog would refuse for a task that
// is gone) and links them, then finds the task gone: it takes away the
// link it made to 简报 and leaves 年报's, which it did not make, and says
// so.
func TestUploadOfArchivedFilesWhoseTaskWasDeletedMeanwhile(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	upload := func(req ingest.UploadRequest, files map[string]string) ([]ingest.Outcome, error) {
		t.Helper()
		for name, text := range files {
			st, err := e.Ingest.Stage(strings.NewReader(text), name)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Remove()
			req.Files = append(req.Files, st)
		}
		return e.Ingest.Upload(ctx, coordA, req)
	}
	files := map[string]string{
		"2018年度学习型城市建设年报.txt": "2018年杭州市学习型城市建设年报：社区教育覆盖率达到百分之九十五。",
		"终身学习活动周简报.txt":       "杭州市终身学习活动周简报：全市开展各类学习活动三百余场。",
	}
	out, err := upload(ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "work_summary", Round: "2018"}}, files)
	if err != nil {
		t.Fatal(err)
	}
	docs := map[string]*catalog.Document{}
	for _, o := range out {
		if o.Err != nil {
			t.Fatal(o.Err)
		}
		docs[o.Filename] = o.Document
	}
	report, brief := docs["2018年度学习型城市建设年报.txt"], docs["终身学习活动周简报.txt"]
	handLink := &catalog.Link{DocumentID: report.ID, IndicatorCode: "2.3.1", Page: 1}
	if err := e.Ingest.AddLink(ctx, coordA, handLink); err != nil {
		t.Fatal(err)
	}
	if err := e.Ingest.AddLink(ctx, coordA, &catalog.Link{DocumentID: brief.ID, IndicatorCode: "1.3.2", Page: 1}); err != nil {
		t.Fatal(err)
	}

	e.Ingest.UseTasks(deletingTasks{Service: s, t: t})
	out, err = upload(ingest.UploadRequest{Assignment: task}, files)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(catalog.ErrorMessage(err), "本次上传的 2 份文件已在档案中") {
		t.Fatalf("hand-in of archived files for a task deleted meanwhile: %v; want ECONFLICT naming the 2 files", err)
	}
	for _, o := range out {
		if o.Err != nil || !o.Duplicate {
			t.Errorf("%s: %+v; want it found in the archive", o.Filename, o)
		}
	}
	codes := func(d *catalog.Document) map[string]string {
		t.Helper()
		links, err := e.Catalog.DocumentLinks(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, l := range links {
			out[l.IndicatorCode] = l.ID
		}
		return out
	}
	if got := codes(report); len(got) != 1 || got["2.3.1"] != handLink.ID {
		t.Errorf("年报's links after: %v; want the coordinator's own link %s to 2.3.1 kept", got, handLink.ID)
	}
	if got := codes(brief); len(got) != 1 || got["1.3.2"] == "" {
		t.Errorf("简报's links after: %v; want its link to 1.3.2 alone, the upload's to 2.3.1 taken away", got)
	}
}

// dyingTasks is the assignments service as an upload sees it when the
// request dies (the browser closed, the proxy's timeout) just as the
// upload, its file stored, recorded and linked, is about to have the task
// record it.
type dyingTasks struct {
	*assignments.Service
	die context.CancelFunc
}

func (d dyingTasks) Submitted(ctx context.Context, u *catalog.User, id string, documentIDs []string) error {
	d.die()
	return d.Service.Submitted(ctx, u, id, documentIDs)
}

// TestAHandInThatDiedDoesNotHoldItsTask: 市教育局's upload of 工作总结
// for 2.3.1 dies after its submission is written and before the task
// records it. The task stays 未提交, and the coordinator, who added it by
// mistake, can still delete it: nothing is being handed in any more.
func TestAHandInThatDiedDoesNotHoldItsTask(t *testing.T) {
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e.Ingest.UseTasks(dyingTasks{Service: s, die: cancel})
	st, err := e.Ingest.Stage(strings.NewReader(summaryText), "工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	if _, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Assignment: task, Files: []*ingest.Staged{st}}); err == nil {
		t.Fatal("an upload whose request died before the task recorded its file: no error")
	}
	bg := context.Background()
	if a, err := e.Catalog.Assignment(bg, task); err != nil || a.Status != catalog.AssignmentOpen {
		t.Fatalf("the task after the upload died: %+v %v; want it 未提交", a, err)
	}
	if _, err := s.Delete(bg, coordA, task); err != nil {
		t.Fatalf("delete the task after the upload died: %v; want it deleted, nothing being handed in", err)
	}
}

// TestAServerStartFreesAHandInLeftMidUpload: the server stopped (kill -9,
// a power cut) while 市教育局's hand-in for 2.3.1 was being stored: its
// file and submission written, the task not yet told, and no request left
// to say the upload ended. While so the task cannot be deleted; the next
// start of the archive's pipeline, before any request, frees it.
func TestAServerStartFreesAHandInLeftMidUpload(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	doc := &catalog.Document{ID: "01HANDINLEFTMIDUPLOAD00000", SHA256: strings.Repeat("ab", 32), Size: 10, MIME: "text/plain",
		Format: "txt", Filename: "工作总结.txt", Title: "社区教育工作总结", DocType: catalog.DocPolicy, City: hangzhou,
		Status: catalog.StatusFailed, UploadedBy: "jiaoyu", Round: "2018"}
	sub := catalog.Submission{User: "jiaoyu", Department: "市教育局", Filename: "工作总结.txt", Assignment: task}
	if err := e.Catalog.CreateDocument(ctx, doc, sub); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete(ctx, coordA, task); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("delete the task while its hand-in was being stored: %v; want ECONFLICT", err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	restarted := ingest.New(e.Catalog, e.Blobs, idx, ingest.Config{TempDir: filepath.Join(t.TempDir(), "tmp"), Logger: e.Logger})
	if err := restarted.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer restarted.Close()
	_, err = s.Delete(ctx, coordA, task)
	if e.Catalog.Shared() {
		// Not swept at start: another node may be uploading. This
		// hand-in names no node, so only a day's age frees it
		// (catalog.UnknownNodeHandInAge; catalog's nodealive_test.go).
		if catalog.ErrorCode(err) != catalog.ECONFLICT {
			t.Fatalf("delete on a shared catalog after a node started: %v; want it still held (ECONFLICT)", err)
		}
		return
	}
	if err != nil {
		t.Fatalf("delete the task after the archive started again: %v; want it deleted", err)
	}
}

// TestAHandInIsFiledInItsTasksRound: 市教育局 hands in two files for its
// 2018 task of 2.3.1 from a form that sent another round (the upload
// page offers the current one; a row may carry its own, round.N). Both
// are filed in 2018, the task's round: a file of 2017 would be listed on
// the task and count nowhere the task asks for.
func TestAHandInIsFiledInItsTasksRound(t *testing.T) {
	ctx := context.Background()
	e, s := newService(t)
	task := imported(t, s)["2.3.1"].ID
	var files []*ingest.Staged
	for name, text := range map[string]string{
		"社区教育工作总结.txt": summaryText,
		"老年大学招生简章.txt": "杭州市老年大学2018年春季招生简章：开设书法、摄影等课程。",
	} {
		st, err := e.Ingest.Stage(strings.NewReader(text), name)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Remove()
		st.Part = len(files)
		files = append(files, st)
	}
	own := map[int]ingest.Meta{files[1].Part: {Round: "2017"}}
	out, err := e.Ingest.Upload(ctx, jiaoyu, ingest.UploadRequest{Meta: ingest.Meta{Round: "2017"}, Assignment: task, Files: files, PartMeta: own})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if o.Err != nil {
			t.Fatalf("%s: %v", o.Filename, o.Err)
		}
		if o.Document.Round != "2018" {
			t.Errorf("%s handed in for a 2018 task is filed in %q; want 2018", o.Filename, o.Document.Round)
		}
	}
}
