package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCountOutdatedFoldsTheTallies: the admin page's count over an archive
// of every kind: a document with both an older text and older fields
// counts once among the documents (their union, not the sum of texts and
// fields), an older text a claim cites is not counted, an unrecorded
// reader is counted apart, and a current document not at all.
func TestCountOutdatedFoldsTheTallies(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.startFast(t)
	both := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	textOnly := submitText(t, svc, "老年教育.txt", "全市老年大学在校学员四万余人。").Document
	fieldsOnly := submitText(t, svc, "通知.txt", "关于开展全民终身学习活动周的通知。").Document
	cited := submitText(t, svc, "学分银行.txt", "杭州市学分银行累计存入学分三万余条。").Document
	unknown := submitText(t, svc, "社区学校.txt", "海曙区社区学校三百四十二所。").Document
	submitText(t, svc, "社区教育.txt", "社区教育网络覆盖全市所有街道。")
	waitFor(t, done, 6)
	svc.Close()

	for _, d := range []*catalog.Document{both, textOnly, cited} {
		readByAnOlderReader(t, r, d.SHA256)
	}
	for _, d := range []*catalog.Document{both, fieldsOnly} {
		old := catalog.FieldFill{DocNumber: "浙政发〔2016〕3号"} // revision 0: an older field reader's
		if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}
	claim := &catalog.Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "已建成学分银行", CreatedBy: "wang",
		Citations: []catalog.Citation{{DocumentID: cited.ID, SHA256: cited.SHA256, Page: 1, Quote: "Be FE", QuoteFound: true, FoundOnPage: 1}}}
	if err := r.cat.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}
	forgetReaders(t, r, unknown.ID)

	svc, _ = r.service(t)
	got, err := svc.CountOutdated(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := (OutdatedCount{Documents: 3, Texts: 2, Fields: 2, Unknown: 1}); got != want {
		t.Errorf("CountOutdated: %+v, want %+v", got, want)
	}
}
