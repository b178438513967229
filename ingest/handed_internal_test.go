package ingest

import (
	"context"
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestHandedDocumentIsTheCatalogs: the document an upload hands to its
// job (handedDocs) is the one a read of its row gives, field by field,
// and a worker uses it on a read of its change number alone; a change in
// between (an edit, a failure recorded, a delete) is read from the
// catalog, as before.
func TestHandedDocumentIsTheCatalogs(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, _ := r.service(t) // not started: the jobs wait
	svc.handed.start()     // as Start does before its workers run
	texts := map[string]string{
		"2018年社区教育工作总结.txt": "2018年全市社区教育工作总结：开设课程420门，服务居民8万人次。",
		"老年大学办学情况.txt":      "杭州市老年大学2019年招收学员1.2万人，开设书法、摄影等专业。",
		"学分银行简报.txt":        "杭州市学分银行累计建立学习账户8万个，认定学分12万分。",
		"终身学习节方案.txt":       "杭州市终身学习节开展读书分享、技能展示等活动200场。",
	}
	var ids []string
	for name, text := range texts {
		ids = append(ids, submitText(t, svc, name, text).Document.ID)
	}
	handed := map[string]*catalog.Document{}
	for _, id := range ids {
		h := svc.handed.take(id)
		if h == nil {
			t.Fatalf("%s: nothing handed to its job", id)
		}
		read, err := r.cat.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(h, read) {
			t.Errorf("%s handed\n%+v\nread\n%+v", id, h, read)
		}
		handed[id] = h
	}
	if svc.handed.take(ids[0]) != nil {
		t.Errorf("%s handed twice", ids[0])
	}

	before := r.cat.Statements()
	d, err := svc.document(ctx, ids[0], handed[ids[0]])
	if err != nil || d != handed[ids[0]] {
		t.Fatalf("unchanged: %+v, %v; want the one handed", d, err)
	}
	if n := r.cat.Statements() - before; n != 1 {
		t.Errorf("unchanged: %d statements, want 1 (its change number)", n)
	}
	job, err := svc.prepare(ctx, ids[0], handed[ids[0]], false, nil)
	if err != nil || job == nil || job.doc != handed[ids[0]] {
		t.Fatalf("unchanged: job %+v, %v; want one of the document handed", job, err)
	}

	title := "杭州市老年大学2019年办学情况（修订）"
	if _, err := r.cat.UpdateDocument(ctx, ids[1], catalog.DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	if d, err := svc.document(ctx, ids[1], handed[ids[1]]); err != nil || d.Title != title || d == handed[ids[1]] {
		t.Errorf("edited in between: %+v, %v; want it read, titled %s", d, err, title)
	}

	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: ids[2], Status: catalog.StatusFailed, Error: "原件已损坏"}); err != nil {
		t.Fatal(err)
	}
	if job, err := svc.prepare(ctx, ids[2], handed[ids[2]], false, nil); err != nil || job != nil {
		t.Errorf("failed in between: job %+v, %v; want none", job, err)
	}

	if _, err := r.cat.DeleteDocument(ctx, ids[3], "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.document(ctx, ids[3], handed[ids[3]]); !catalog.IsNotFound(err) {
		t.Errorf("deleted in between: %v, want ENOTFOUND", err)
	}
	if job, err := svc.prepare(ctx, ids[3], handed[ids[3]], false, nil); err != nil || job != nil {
		t.Errorf("deleted in between: job %+v, %v; want none", job, err)
	}
}

// TestHandedCopiesOnlyWhileWorkersRun: an upload hands its documents to
// their jobs only while this node's extraction workers run, to take them
// off the queue with their copies; a service never started keeps none,
// and a stopped one drops the copies no worker took (a job that never
// ran here). They were kept until the bound of 8,192, after which every
// upload was read as before (review s58, low).
func TestHandedCopiesOnlyWhileWorkersRun(t *testing.T) {
	r := newRig(t)
	idle, _ := r.service(t) // never started: no worker takes a job
	submitText(t, idle, "2018年社区教育工作总结.txt", "2018年全市社区教育工作总结：开设课程420门，服务居民8万人次。")
	if n := handedLeft(idle); n != 0 {
		t.Errorf("a service never started kept %d copies, want none", n)
	}

	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "老年大学办学情况.txt", "杭州市老年大学2019年招收学员1.2万人，开设书法、摄影等专业。").Document
	waitFor(t, done, 1)
	if n := handedLeft(svc); n != 0 {
		t.Errorf("after its job: %d copies, want none", n)
	}
	// A copy whose job no worker here takes.
	never := *d
	never.ID = "01NEVERTAKENHERE0000000000"
	svc.handed.hand(&never)
	if n := handedLeft(svc); n != 1 {
		t.Fatalf("while the workers run: %d copies, want the one handed", n)
	}
	svc.Close()
	if n := handedLeft(svc); n != 0 {
		t.Errorf("after the pipeline stopped: %d copies, want none", n)
	}
	svc.handed.hand(&never)
	if n := handedLeft(svc); n != 0 {
		t.Errorf("handed after the pipeline stopped: %d copies, want none", n)
	}
}

// handedLeft is how many copies svc holds for jobs.
func handedLeft(svc *Service) int {
	svc.handed.mu.Lock()
	defer svc.handed.mu.Unlock()
	return len(svc.handed.docs)
}
