package ingest

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestFieldsDropInvisibleCharacters: a title, 文号 or issuer pasted from a
// web page is stored without the characters that show nothing, at upload
// and at an edit, so that it is found as typed.
func TestFieldsDropInvisibleCharacters(t *testing.T) {
	m := Meta{
		Title:     "关于推进学\u200b习型城市建设的意见",
		DocType:   string(catalog.DocOther),
		Issuer:    "\ufeff市教育局",
		DocNumber: "教终〔2023〕\u200d12号",
	}
	if err := checkFields(&m); err != nil {
		t.Fatalf("check fields: %v", err)
	}
	if m.Title != "关于推进学习型城市建设的意见" || m.Issuer != "市教育局" || m.DocNumber != "教终〔2023〕12号" {
		t.Errorf("upload fields %q %q %q: want them without invisible characters", m.Title, m.Issuer, m.DocNumber)
	}
	title, issuer := "推进社区\u200e教育发展的实施意见", "市民政局\u00ad"
	p := catalog.DocumentPatch{Title: &title, Issuer: &issuer}
	if err := (&Service{}).CheckPatch(context.Background(), &p); err != nil {
		t.Fatalf("check patch: %v", err)
	}
	if *p.Title != "推进社区教育发展的实施意见" || *p.Issuer != "市民政局" {
		t.Errorf("edited fields %q %q: want them without invisible characters", *p.Title, *p.Issuer)
	}
}
