package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRereadFieldsMendsALedger: a CSV ledger archived when its fields
// were read as a 公文's (its header row its title, a row's 完成时限 its
// date, a listed 文号 its own) has them read again as a spreadsheet's by
// RereadFields (`evidence repair --outdated`): its title back to its file
// name, no date, no 文号.
func TestRereadFieldsMendsALedger(t *testing.T) {
	r := newRig(t)
	svc, done := r.startFast(t)
	ctx := context.Background()
	ledger := submitText(t, svc, "学分银行任务分解表.csv",
		"序号,单位,依据文件,完成时限,完成情况\n1,市教育局,杭教职成〔2023〕5号,2024年6月30日,已完成\n2,市财政局,杭财教〔2023〕41号,2024年12月31日,推进中\n").Document
	waitFor(t, done, 1)
	// What fields.Read (revision 5) read of it.
	old := catalog.FieldFill{Title: "序号 | 单位 | 依据文件 | 完成时限 | 完成情况", DocNumber: "杭教职成〔2023〕5号", IssuedOn: "2024-06-30", Revision: 5}
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: ledger.ID, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
		t.Fatal(err)
	}
	got, err := svc.RereadFields(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Read != 1 || len(got.Changed) != 1 {
		t.Fatalf("RereadFields: read %d, changed %d; want the ledger read and changed", got.Read, len(got.Changed))
	}
	d, err := r.cat.Document(ctx, ledger.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "学分银行任务分解表" || d.DocNumber != "" || d.IssuedOn != "" {
		t.Errorf("ledger read again: title %q, 文号 %q, 成文日期 %q; want its file name and neither", d.Title, d.DocNumber, d.IssuedOn)
	}
}
