package ingest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestRebuildOfIndexedDocumentsChangesNothingInTheCatalog: rebuilding one
// node's index rewrites no indexed document, so on a shared catalog the
// other nodes' indexes, which follow its changes, have nothing to redo.
func TestRebuildOfIndexedDocumentsChangesNothingInTheCatalog(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"杭州市学分银行建设实施意见。", "宁波市社区教育工作总结。"} {
		submitText(t, svc, text[:9]+".txt", text)
		select {
		case <-done:
		case <-time.After(30 * time.Second):
			t.Fatal("not indexed within 30 s")
		}
	}
	before, err := r.cat.ChangesSince(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	last := before[len(before)-1].Document.Seq
	fresh, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	missing, err := Rebuild(ctx, r.cat, r.blobs, fresh, 0, nil)
	if err != nil || len(missing) != 0 {
		t.Fatalf("rebuild: missing %v, %v", missing, err)
	}
	if ids, err := fresh.IDs(ctx); err != nil || len(ids) != 2 {
		t.Errorf("the rebuilt index holds %v (%v), want both documents", ids, err)
	}
	if after, err := r.cat.ChangesSince(ctx, last, 1000); err != nil || len(after) != 0 {
		t.Errorf("the rebuild wrote %d changes (%v), want none", len(after), err)
	}
}

// indexedThenStripped uploads one text on svc, waits until it is
// indexed, and deletes its stored text and, when original is set, its
// original from the store: what a node on the wrong bucket leaves.
func indexedThenStripped(t *testing.T, r *rig, svc *Service, done chan *catalog.Document, original bool) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	out := submitText(t, svc, "学分银行工作总结.txt", "杭州市学分银行建设工作总结。")
	d := waitFor(t, done, 1)[out.Document.ID]
	if d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("the upload: %+v, want it indexed", d)
	}
	keys := []string{catalog.TextKey(d.SHA256)}
	if original {
		keys = append(keys, catalog.OriginalKey(d.SHA256))
	}
	for _, k := range keys {
		if err := r.blobs.Delete(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	return d
}

// TestRebuildOnASharedCatalogLeavesAMissingTextToRepair: reindex rebuilds
// one node's index; on a catalog several nodes share it does not queue a
// document whose text is missing (a change every node would act on), but
// leaves it out and reports it, for check and repair.
func TestRebuildOnASharedCatalogLeavesAMissingTextToRepair(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	svc, _, done := sharedNode(t, r, "节点甲")
	d := indexedThenStripped(t, r, svc, done, false)
	svc.Close()
	before, err := r.cat.ChangesSince(ctx, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	last := before[len(before)-1].Document.Seq
	fresh, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	missing, err := Rebuild(ctx, r.cat, r.blobs, fresh, 0, nil)
	if err != nil || len(missing) != 1 || missing[0] != d.ID {
		t.Fatalf("rebuild: missing %v, %v; want %s", missing, err, d.ID)
	}
	if got, err := r.cat.Document(ctx, d.ID); err != nil || got.Status != catalog.StatusIndexed {
		t.Errorf("after the rebuild the document is %+v (%v), want it left indexed in the shared catalog", got, err)
	}
	if after, err := r.cat.ChangesSince(ctx, last, 1000); err != nil || len(after) != 0 {
		t.Errorf("the rebuild wrote %d changes to the shared catalog (%v), want none", len(after), err)
	}
}

// TestMissingOriginalFailsWithAdviceToUploadAgain: a document queued to
// be read again whose original is gone from the store fails with a reason
// a coordinator can act on, not the store's "存储中没有对象 originals/…".
func TestMissingOriginalFailsWithAdviceToUploadAgain(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	svc, done := r.service(t)
	d := indexedThenStripped(t, r, svc, done, true)
	svc.Close()
	fresh, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	if missing, err := Rebuild(ctx, r.cat, r.blobs, fresh, 0, nil); err != nil || len(missing) != 1 {
		t.Fatalf("rebuild: missing %v, %v; want the document queued", missing, err)
	}
	again, done2 := r.service(t)
	if err := again.Start(ctx); err != nil {
		t.Fatal(err)
	}
	got := waitFor(t, done2, 1)[d.ID]
	if got == nil || got.Status != catalog.StatusFailed {
		t.Fatalf("the document read again: %+v, want it failed", got)
	}
	if !strings.Contains(got.Error, "原件在存储中缺失") || !strings.Contains(got.Error, "重新上传") ||
		strings.Contains(got.Error, "originals/") {
		t.Errorf("failed with %q, want the original named missing and the file to be uploaded again", got.Error)
	}
	if !strings.Contains(got.ErrorEnglish, "missing") || !strings.Contains(got.ErrorEnglish, "upload") {
		t.Errorf("failed in English with %q, want it to say the original is missing and to upload it again", got.ErrorEnglish)
	}
}

// TestReconcileMarksADocumentTheIndexHoldsBeforeItsMove: a document
// written to the index whose move to indexed a stop lost (extracted, no
// first indexed time) is pending after the start's pass, so that a
// search corrects for its copy until the pipeline writes it again; one
// read and not yet written (not in the index) is not (review s55).
func TestReconcileMarksADocumentTheIndexHoldsBeforeItsMove(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	svc, _ := r.service(t)
	for _, id := range []string{"D1", "D2"} {
		d := &catalog.Document{ID: id, SHA256: "sha-" + id, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: "杭州市学分银行建设实施意见", DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusExtracted, UploadedBy: "zhang"}
		if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if id == "D1" {
			if err := r.idx.Index(ctx, []index.Document{IndexDocument(d, []string{"杭州市学分银行建设实施意见。"})}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := svc.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	changes, err := r.cat.PendingIndexChanges(ctx, -1, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Document.ID != "D1" {
		var ids []string
		for _, c := range changes {
			ids = append(ids, c.Document.ID)
		}
		t.Errorf("pending after the start's pass: %v, want D1, which the index holds", ids)
	}
}

// TestRefreshWritesTheCopyOfADocumentSentBackToStored: a document sent
// back to stored after it was indexed (重新读取, whose new text is
// saved already) keeps its index copy till the pipeline reads it again;
// edited meanwhile, the edit's refresh writes that copy from its stored
// text with the catalog's values, as it does an indexed one's, leaving
// it stored for the pipeline (it was skipped, and searches found the
// document by its old values till then: review s55). One whose text is
// gone (repair's) is left to the pipeline, with no error.
func TestRefreshWritesTheCopyOfADocumentSentBackToStored(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	out := submitText(t, svc, "学分银行工作总结.txt", "杭州市学分银行建设工作总结。")
	d := waitFor(t, done, 1)[out.Document.ID]
	if d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("the upload: %+v, want it indexed", d)
	}
	svc.Close()
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored}); err != nil {
		t.Fatal(err)
	}
	title := "社区教育年报"
	if _, err := r.cat.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{Title: &title}, "admin"); err != nil {
		t.Fatal(err)
	}
	again, _ := r.service(t) // not started: the pipeline does not read it
	if err := again.Refresh(ctx, d.ID); err != nil {
		t.Fatalf("refresh of a document sent back to stored: %v", err)
	}
	res, err := r.idx.Search(ctx, index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "年报"}}}}, Size: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || res.Hits[0].ID != d.ID {
		t.Errorf("年报 after the document sent back to stored was retitled 社区教育年报: %d hits, want it", len(res.Hits))
	}
	if got, err := r.cat.Document(ctx, d.ID); err != nil || got.Status != catalog.StatusStored {
		t.Errorf("after the refresh the document is %+v (%v), want it left stored for the pipeline", got, err)
	}
	if err := r.blobs.Delete(ctx, catalog.TextKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	if err := again.Refresh(ctx, d.ID); err != nil {
		t.Errorf("refresh of a document sent back to stored whose text is gone: %v, want it left to the pipeline", err)
	}
}
