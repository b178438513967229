package packs_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"io"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
)

// TestPackManifestMarksAGuessedDocNumber: a 文号 guessed from what was
// read (杭教发（2018] 125 as 杭教发〔2018〕12号) is marked a guess in the
// manifest's doc_number cell, not listed as fact; a typed 文号 is not.
func TestPackManifestMarksAGuessedDocNumber(t *testing.T) {
	e, svc, typed := withData(t)
	scan := e.Upload(hangzhou, "评选通知.txt", "杭州市教育局文件\n\n杭教发（2018] 125\n\n关于开展社区教育示范街道评选工作的通知\n\n"+
		"各区、县（市）教育局：\n    现将社区教育示范街道评选工作通知如下。\n\n杭州市教育局\n2018年5月8日\n")
	if scan.DocNumber != "杭教发〔2018〕12号" || scan.DocNumberRead == "" {
		t.Fatalf("文号 %q read as %q; want 杭教发〔2018〕12号 marked a guess", scan.DocNumber, scan.DocNumberRead)
	}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: scan.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	data := write(t, svc, coordA, hangzhou)
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var raw []byte
	for _, f := range zr.File {
		if f.Name == packs.ManifestName {
			rc, _ := f.Open()
			raw, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	numbers := map[string]string{}
	for _, r := range rows[1:] {
		numbers[r[2]] = r[4]
	}
	if got, want := numbers[scan.ID], "杭教发〔2018〕12号（推断，请核对）"; got != want {
		t.Errorf("guessed 文号's cell %q, want %q", got, want)
	}
	if got, want := numbers[typed.ID], "杭政办发〔2017〕12号"; got != want {
		t.Errorf("typed 文号's cell %q, want %q", got, want)
	}
	if v, err := packs.Verify(bytes.NewReader(data), int64(len(data))); err != nil || !v.OK() {
		t.Errorf("the pack does not verify: %+v %v", v, err)
	}
}
