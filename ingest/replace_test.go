package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// garbled is text no reader accepts: bytes that are no encoding's text.
func garbled() string {
	b := make([]byte, 3000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = byte(0x80 | x&0x7f)
	}
	return string(b)
}

// TestReplaceAFailedOriginal replaces the unreadable original of a failed
// document, linked and given a 文号, with a readable file: the document
// keeps its id, 文号 and link, is read again and ends indexed and
// searchable. An indexed document and the same bytes are refused.
func TestReplaceAFailedOriginal(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	ctx := context.Background()
	if _, err := framework.NewService(r.cat).EnsureDemo(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	out := submitText(t, svc, "学分银行.txt", garbled())
	d := waitFor(t, done, 1)[out.Document.ID]
	if d.Status != catalog.StatusFailed {
		t.Fatalf("garbled text: %s", d.Status)
	}
	number := "杭教〔2018〕9号"
	if _, err := r.cat.UpdateDocument(ctx, d.ID, catalog.DocumentPatch{DocNumber: &number}, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := r.cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: d.ID, IndicatorCode: "2.3.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	stage := func(name, text string) *Staged {
		st, err := svc.Stage(strings.NewReader(text), name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(st.Remove)
		return st
	}
	if _, err := svc.Replace(ctx, coordinator, d.ID, stage("学分银行.txt", garbled())); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("replacing with the same bytes: %v, want ECONFLICT", err)
	}
	other := &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: "510100"}
	if _, err := svc.Replace(ctx, other, d.ID, stage("x.txt", "成都")); !catalog.IsNotFound(err) {
		t.Errorf("another city's coordinator: %v, want ENOTFOUND", err)
	}
	nd, err := svc.Replace(ctx, coordinator, d.ID, stage("学分银行实施意见.txt", "杭州市学分银行实施意见：建立学分银行，推进学习成果认证。"))
	if err != nil {
		t.Fatalf("replace: %v", err)
	}
	if nd.ID != d.ID || nd.Status != catalog.StatusStored || nd.Error != "" || nd.Filename != "学分银行实施意见.txt" {
		t.Errorf("after replacing: %+v", nd)
	}
	got := waitFor(t, done, 1)[d.ID]
	if got.Status != catalog.StatusIndexed || got.DocNumber != number || got.SHA256 == d.SHA256 {
		t.Errorf("the replaced document: status %s, 文号 %q, sha %s (was %s)", got.Status, got.DocNumber, got.SHA256, d.SHA256)
	}
	links, err := r.cat.DocumentLinks(ctx, d.ID)
	if err != nil || len(links) != 1 || links[0].IndicatorCode != "2.3.1" {
		t.Errorf("links after replacing: %+v %v", links, err)
	}
	if n := hits(t, r.idx, "学分银行"); n != 1 {
		t.Errorf("search for 学分银行 after replacing: %d hits, want 1", n)
	}
	_, err = svc.Replace(ctx, coordinator, d.ID, stage("另一份.txt", "另一份文件"))
	if catalog.ErrorCode(err) != catalog.ECONFLICT ||
		!strings.Contains(catalog.ErrorMessage(err), "已经可以检索") {
		t.Errorf("replacing an indexed document: %v, want ECONFLICT naming its state", err)
	}
	if en := catalog.MessageIn(err, true); en != "Only a document that failed can have its original replaced; this one is searchable already" {
		t.Errorf("replacing an indexed document, in English: %q", en)
	}
	_, err = svc.Retry(ctx, coordinator, d.ID)
	if zh, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true); catalog.ErrorCode(err) != catalog.ECONFLICT ||
		zh != "只有处理失败的文档可以重新读取\uFF1B该文档已经可以检索" || en != "Only a document that failed can be read again; this one is searchable already" {
		t.Errorf("reading an indexed document again: %v, in English %q", err, en)
	}
}

// TestResendingAFailedFileSaysItHadFailed: the outcome of sending a failed
// file again says it had failed, and why, besides being a duplicate.
func TestResendingAFailedFileSaysItHadFailed(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := submitText(t, svc, "bad.txt", garbled())
	d := waitFor(t, done, 1)[out.Document.ID]
	again := submitText(t, svc, "bad.txt", garbled())
	if !again.Duplicate || !again.Retried || again.PreviousError != d.Error || d.Error == "" {
		t.Errorf("resending a failed file: duplicate %v retried %v previous error %q (was %q)", again.Duplicate, again.Retried,
			again.PreviousError, d.Error)
	}
	waitFor(t, done, 1)
}
