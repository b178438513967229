package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/report"
)

// TestRepairOutdatedReadsFieldsAgain: two notices archived when the field
// reader took the 文号 a notice only cites (浙政发〔2016〕3号) for its own,
// at field revision 0. A person corrected one of them by hand (its 文号,
// and emptied its issuer). repair --outdated reads the fields of both
// again from their stored texts: the untouched notice gets its own 文号
// and is indexed anew; the corrected one keeps every edit. A second run
// has nothing left to read.
func TestRepairOutdatedReadsFieldsAgain(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	dir := t.TempDir()
	for _, name := range []string{"fields-notice-a.txt", "fields-notice-b.txt"} {
		copyFile(t, filepath.Join("testdata", name), filepath.Join(dir, name))
	}
	out, err := runCLI(t, "ingest", dir, "--data", data, "--city", "330100", "--type", "policy", "--json")
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	var summary struct{ Files []fileOutcome }
	if err := json.Unmarshal([]byte(out), &summary); err != nil || len(summary.Files) != 2 {
		t.Fatalf("ingest --json: %v\n%s", err, out)
	}
	ids := map[string]string{}
	for _, f := range summary.Files {
		ids[filepath.Base(f.Path)] = f.ID
	}
	untouched, edited := ids["fields-notice-a.txt"], ids["fields-notice-b.txt"]

	const cited, byHand = "浙政发〔2016〕3号", "杭教职成〔2018〕66号"
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{untouched, edited} {
		d, err := cat.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		// What the older reader read: the cited 文号, at revision 0.
		old := catalog.FieldFill{Title: d.Title, DocNumber: cited, Issuer: d.Issuer, IssuedOn: d.IssuedOn}
		if err := cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}
	number, empty := byHand, ""
	if _, err := cat.UpdateDocument(ctx, edited, catalog.DocumentPatch{DocNumber: &number, Issuer: &empty}, "wang"); err != nil {
		t.Fatal(err)
	}
	// Both indexed again with those fields, as serve and the edit left them.
	for _, id := range []string{untouched, edited} {
		if err := cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusIndexed}); err != nil {
			t.Fatal(err)
		}
	}
	cat.Close()

	out, err = runCLI(t, "repair", "--outdated", "--data", data)
	if err != nil || !strings.Contains(out, "重新读取 2 个文档的标题") || !strings.Contains(out, "1 个有变化") ||
		!strings.Contains(out, "杭教职成〔2018〕5号") || !strings.Contains(out, "fields-notice-a.txt  → 可检索") ||
		!strings.Contains(out, "重新索引 1 个字段有变化的文档") || strings.Contains(out, "重新提取") {
		t.Fatalf("repair --outdated: %v, want the fields of both read again, one changed and indexed anew under its own heading\n%s", err, out)
	}

	cat, err = catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	a, err := cat.Document(ctx, untouched)
	if err != nil {
		t.Fatal(err)
	}
	if a.DocNumber != "杭教职成〔2018〕5号" || !a.IsExtracted(catalog.FieldDocNumber) || a.Status != catalog.StatusIndexed {
		t.Errorf("the untouched notice after repair: 文号 %q, extracted %v, %s; want its own 文号 read from the text, indexed",
			a.DocNumber, a.ExtractedFields, a.Status)
	}
	b, err := cat.Document(ctx, edited)
	if err != nil {
		t.Fatal(err)
	}
	if b.DocNumber != byHand || b.Issuer != "" || b.IsExtracted(catalog.FieldDocNumber) || b.IsExtracted(catalog.FieldIssuer) {
		t.Errorf("the edited notice after repair: 文号 %q, issuer %q, extracted %v; want the person's 文号 and empty issuer kept",
			b.DocNumber, b.Issuer, b.ExtractedFields)
	}
	events, err := cat.Events(ctx, untouched, 10)
	if err != nil || len(events) == 0 || events[0].Action != "document.fields" {
		t.Errorf("audit log of the untouched notice: %+v, %v; want the reading's change first", events, err)
	}
	cat.Close()

	out, err = runCLI(t, "repair", "--outdated", "--data", data)
	if err != nil || !strings.Contains(out, "没有需要重新提取的文档") || strings.Contains(out, "重新读取") {
		t.Errorf("a second repair --outdated: %v, want nothing left to read\n%s", err, out)
	}
}

// TestPrintFieldsReread: repair's summary of the fields read again ends
// without a dangling colon when nothing changed, says an empty value is
// empty, marks a 文号 guessed from what was read, and counts the texts it
// could not read, in either language.
func TestPrintFieldsReread(t *testing.T) {
	changed := &catalog.Document{ID: "D1", Filename: "通知.pdf", Title: "关于开展全民终身学习活动周的通知", IssuedOn: "2018-09-03"}
	guessed := &catalog.Document{ID: "D2", Filename: "评选通知.pdf", Title: "关于开展社区教育示范街道评选工作的通知", DocNumber: "杭教发〔2018〕12号",
		ExtractedFields: []string{catalog.FieldDocNumber}, DocNumberRead: "杭教发（2018] 125"}
	tests := []struct {
		name string
		r    ingest.FieldsReread
		lang report.Lang
		want string
	}{
		{"none changed", ingest.FieldsReread{Read: 2}, report.Chinese,
			"重新读取 2 个文档的标题、文号、发文机关和成文日期，都没有变化\n"},
		{"an empty value", ingest.FieldsReread{Read: 1, Changed: []*catalog.Document{changed}}, report.Chinese,
			"重新读取 1 个文档的标题、文号、发文机关和成文日期，1 个有变化（人工填写或修改过的字段不变）：\n" +
				"  D1  通知.pdf  标题：关于开展全民终身学习活动周的通知  文号：（空）  发文机关：（空）  成文日期：2018-09-03\n"},
		{"a guessed 文号", ingest.FieldsReread{Read: 1, Changed: []*catalog.Document{guessed}}, report.Chinese,
			"重新读取 1 个文档的标题、文号、发文机关和成文日期，1 个有变化（人工填写或修改过的字段不变）：\n" +
				"  D2  评选通知.pdf  标题：关于开展社区教育示范街道评选工作的通知  文号：杭教发〔2018〕12号（推断，请核对）  发文机关：（空）  成文日期：（空）\n"},
		{"a guessed 文号 in English", ingest.FieldsReread{Read: 1, Changed: []*catalog.Document{guessed}}, report.English,
			"Read the title, document number, issuer and date of 1 document again; 1 changed (fields a person typed or edited stay as they are):\n" +
				"  D2  评选通知.pdf  title: 关于开展社区教育示范街道评选工作的通知  document number: 杭教发〔2018〕12号 (inferred; please check)  issuer: (empty)  date: (empty)\n"},
		{"unreadable", ingest.FieldsReread{Unreadable: 1}, report.Chinese, "1 个文档存储的文字读不出，其字段留待下次重新读取\n"},
		{"heads", ingest.FieldsReread{Read: 3, Heads: 2, HeadsLeft: 1}, report.Chinese,
			"重新读取 3 个文档的标题、文号、发文机关和成文日期，都没有变化\n" +
				"2 个旧版存储的文字重新提取后与原来相同，已补存原文开头，标题按原文恢复全角标点\n" +
				"1 个旧版存储的文字重新提取后与原来不同或无法提取，保持原样，标题仍为半角标点\n"},
		{"heads in English", ingest.FieldsReread{Heads: 1, HeadsLeft: 2}, report.English,
			"1 text an older release stored read the same again: its head as written was added, and titles take back the document's full-width marks\n" +
				"2 texts an older release stored read differently now or could not be read again: kept as they are, titles keep half-width marks\n"},
		{"in English", ingest.FieldsReread{Read: 1, Changed: []*catalog.Document{changed}, Unreadable: 2}, report.English,
			"Read the title, document number, issuer and date of 1 document again; 1 changed (fields a person typed or edited stay as they are):\n" +
				"  D1  通知.pdf  title: 关于开展全民终身学习活动周的通知  document number: (empty)  issuer: (empty)  date: 2018-09-03\n" +
				"Could not read the stored text of 2 documents: their fields are left for a later run\n"},
	}
	for _, tt := range tests {
		var b strings.Builder
		printFieldsReread(&b, tt.lang, tt.r)
		if b.String() != tt.want {
			t.Errorf("%s:\n%s\nwant\n%s", tt.name, b.String(), tt.want)
		}
	}
}
