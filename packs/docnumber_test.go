package packs_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
)

// TestPackManifestSaysADocNumberWasGuessed: a 文号 guessed from what was
// read (杭教发（2018] 125 as 杭教发〔2018〕12号) stands alone in the
// manifest's doc_number cell, as a person would type it, and its
// doc_number_source cell says 推断, not 填写 as for a typed one nor 自动识别
// as for one read as written; reading the manifest back gives the plain
// 文号 and that it was guessed.
func TestPackManifestSaysADocNumberWasGuessed(t *testing.T) {
	e, svc, typed := withData(t)
	scan := e.Upload(hangzhou, "评选通知.txt", testenv.GuessedNotice)
	if scan.DocNumber != "杭教发〔2018〕12号" || scan.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 杭教发〔2018〕12号 marked a guess", scan.DocNumber, scan.DocNumberRead)
	}
	read := e.Upload(hangzhou, "活动周通知.txt", "杭州市教育局文件\n\n杭教职成〔2018〕7号\n\n关于开展全民终身学习活动周的通知\n\n"+
		"各区、县（市）教育局：\n    现将全民终身学习活动周有关事项通知如下。\n\n杭州市教育局\n2018年9月3日\n")
	if read.DocNumber != "杭教职成〔2018〕7号" || !read.IsExtracted(catalog.FieldDocNumber) || read.DocNumberRead != "" {
		t.Fatalf("文号 %q (extracted %v, read as %q); want 杭教职成〔2018〕7号 read as written", read.DocNumber, read.ExtractedFields, read.DocNumberRead)
	}
	for _, d := range []*catalog.Document{scan, read} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
			t.Fatal(err)
		}
	}
	data := write(t, svc, coordA, hangzhou)
	cells := map[string][2]string{}
	for _, r := range manifestRows(t, data)[1:] {
		cells[r[2]] = [2]string{r[4], r[5]}
	}
	for _, tt := range []struct {
		doc  *catalog.Document
		want [2]string
	}{
		{scan, [2]string{"杭教发〔2018〕12号", "推断"}},
		{read, [2]string{"杭教职成〔2018〕7号", "自动识别"}},
		{typed, [2]string{"杭政办发〔2017〕12号", "填写"}},
	} {
		if got := cells[tt.doc.ID]; got != tt.want {
			t.Errorf("%s: 文号 and its source %q, want %q", tt.doc.Filename, got, tt.want)
		}
	}
	entries, err := packs.ReadManifest(bytes.NewReader(manifest(t, data)))
	if err != nil {
		t.Fatal(err)
	}
	back := map[string]packs.Entry{}
	for _, en := range entries {
		back[en.DocumentID] = en
	}
	if got := back[scan.ID]; got.DocNumber != "杭教发〔2018〕12号" || got.DocNumberFrom != packs.DocNumberGuessed {
		t.Errorf("guessed 文号 read back as %q from %v, want 杭教发〔2018〕12号 guessed", got.DocNumber, got.DocNumberFrom)
	}
	if got := back[read.ID]; got.DocNumberFrom != packs.DocNumberRead {
		t.Errorf("文号 read as written read back from %v, want auto-read", got.DocNumberFrom)
	}
	if got := back[typed.ID]; got.DocNumber != "杭政办发〔2017〕12号" || got.DocNumberFrom != packs.DocNumberTyped {
		t.Errorf("typed 文号 read back as %q from %v, want 杭政办发〔2017〕12号 typed", got.DocNumber, got.DocNumberFrom)
	}
	if v, err := packs.Verify(bytes.NewReader(data), int64(len(data))); err != nil || !v.OK() {
		t.Errorf("the pack does not verify: %+v %v", v, err)
	}
}

// TestReadManifestOfAnOlderPack: a manifest written before
// doc_number_source still reads; a 文号 its cell marked a guess comes back
// plain and guessed, in either language, and one without the mark typed.
func TestReadManifestOfAnOlderPack(t *testing.T) {
	sha := strings.Repeat("ab", 32)
	for _, tt := range []struct {
		cell, want string
		from       packs.DocNumberSource
	}{
		{"杭教发〔2018〕12号（推断，请核对）", "杭教发〔2018〕12号", packs.DocNumberGuessed},
		{"杭教发〔2018〕12号 (inferred; please check)", "杭教发〔2018〕12号", packs.DocNumberGuessed},
		{"杭政办发〔2017〕12号", "杭政办发〔2017〕12号", packs.DocNumberTyped},
		{"", "", packs.DocNumberNone},
	} {
		csv := "\ufeffpath,sha256,document_id,title,doc_number,indicators\r\noriginals/a.txt," + sha + ",D1,评选通知," + tt.cell + ",2.3.1\r\n"
		entries, err := packs.ReadManifest(strings.NewReader(csv))
		if err != nil {
			t.Fatalf("older manifest with %q: %v", tt.cell, err)
		}
		if e := entries[0]; e.DocNumber != tt.want || e.DocNumberFrom != tt.from || len(e.Indicators) != 1 || e.Indicators[0] != "2.3.1" {
			t.Errorf("older manifest's %q read as %q from %v (indicators %v), want %q from %v", tt.cell, e.DocNumber, e.DocNumberFrom, e.Indicators, tt.want, tt.from)
		}
	}
}

// TestPackManifestGivesTheDocNumberAsWritten: a 文号 the notice writes
// 杭教职成【2018】8号 is in the manifest's doc_number cell as the notice
// writes it, read from the text (自动识别), not in the 〔〕 it is matched by.
func TestPackManifestGivesTheDocNumberAsWritten(t *testing.T) {
	e, svc, _ := withData(t)
	const written = "杭教职成【2018】8号"
	d := e.Upload(hangzhou, "活动周通知.txt", "杭州市教育局文件\n\n"+written+"\n\n关于开展全民终身学习活动周的通知\n\n"+
		"各区、县（市）教育局：\n    现将全民终身学习活动周有关事项通知如下。\n\n杭州市教育局\n2018年9月3日\n")
	if d.DocNumber != "杭教职成〔2018〕8号" {
		t.Fatalf("文号 %q, want 杭教职成〔2018〕8号", d.DocNumber)
	}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range manifestRows(t, write(t, svc, coordA, hangzhou))[1:] {
		if r[2] != d.ID {
			continue
		}
		found = true
		if r[4] != written || r[5] != "自动识别" {
			t.Errorf("manifest: 文号 %q from %q, want %s from 自动识别", r[4], r[5], written)
		}
	}
	if !found {
		t.Errorf("manifest: no row for %s", d.Filename)
	}
}
