package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRereadFieldsCountsUnreadableTexts: of two documents an older field
// reader read, one has lost its stored text; RereadFields reads the other
// and counts the lost one, whose fields stay for a later run.
func TestRereadFieldsCountsUnreadableTexts(t *testing.T) {
	r := newRig(t)
	svc, done := r.startFast(t)
	ctx := context.Background()
	kept := submitText(t, svc, "通知甲.txt", "杭州市教育局关于开展全民终身学习活动周的通知\n杭教职成〔2018〕5号\n各区县教育局：")
	lost := submitText(t, svc, "通知乙.txt", "杭州市教育局关于推进社区教育的通知\n杭教职成〔2018〕7号\n各区县教育局：")
	waitFor(t, done, 2)
	for _, id := range []string{kept.Document.ID, lost.Document.ID} {
		old := catalog.FieldFill{DocNumber: "浙政发〔2016〕3号"} // revision 0: an older reader's
		if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.blobs.Delete(ctx, catalog.TextKey(lost.Document.SHA256)); err != nil {
		t.Fatal(err)
	}
	got, err := svc.RereadFields(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Read != 1 || got.Unreadable != 1 || len(got.Changed) != 1 || got.Changed[0].ID != kept.Document.ID {
		t.Errorf("RereadFields: read %d, unreadable %d, changed %d; want 1, 1 and the readable one", got.Read, got.Unreadable, len(got.Changed))
	}
	d, err := r.cat.Document(ctx, lost.Document.ID)
	if err != nil || d.DocNumber != "浙政发〔2016〕3号" {
		t.Errorf("the document without its text: %+v, %v; want its fields as they were", d, err)
	}
}

// TestRereadFieldsMarksAGuessedDocNumber: a document whose 文号 the
// sixth field reader guessed (教发〔2023〕125 read as 教发〔2023〕12号)
// kept no mark; read again, it keeps its 文号 and is marked a guess with
// what its text has, though no field changed.
func TestRereadFieldsMarksAGuessedDocNumber(t *testing.T) {
	r := newRig(t)
	svc, done := r.startFast(t)
	ctx := context.Background()
	up := submitText(t, svc, "意见.txt", "教育部文件\n教发〔2023〕125\n关于推进学习型城市建设的意见\n各省教育厅：\n正文。")
	waitFor(t, done, 1)
	id := up.Document.ID
	d, err := r.cat.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	six := catalog.FieldFill{Title: d.Title, DocNumber: d.DocNumber, Issuer: d.Issuer, IssuedOn: d.IssuedOn, Revision: 6}
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusIndexed, Fill: &six}); err != nil {
		t.Fatal(err)
	}
	if d, _ := r.cat.Document(ctx, id); d.DocNumberRead != "" {
		t.Fatalf("as the sixth reader left it: read as %q, want no mark", d.DocNumberRead)
	}
	got, err := svc.RereadFields(ctx, nil)
	if err != nil || got.Read != 1 || len(got.Changed) != 0 {
		t.Fatalf("RereadFields: %+v %v, want the document read again and no field changed", got, err)
	}
	d, err = r.cat.Document(ctx, id)
	if err != nil || d.DocNumber != "教发〔2023〕12号" || d.DocNumberRead != "教发〔2023〕125" {
		t.Errorf("read again: 文号 %q read as %q (%v); want 教发〔2023〕12号 marked a guess read as 教发〔2023〕125", d.DocNumber, d.DocNumberRead, err)
	}
}
