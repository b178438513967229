package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
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
