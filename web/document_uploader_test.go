package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentPageHidesAnotherDepartmentsAccount: 市教育局's contributor
// opening the page of a file 市人社局's account handed in never reads
// that account (the API names it 市人社局 instead,
// api/document_uploader_test.go); the page names no uploader to anyone.
func TestDocumentPageHidesAnotherDepartmentsAccount(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	s.env.AddUserIn("rsjzhang", "contributor", "330100", "市人社局")
	imp, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018,
		Filename: "表.csv", Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市人社局,2099-03-31,张老师\n2.3.1,市教育局,2099-03-31,李老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	var task string
	for _, a := range imp.Assignments {
		if a.Department == "市人社局" {
			task = a.ID
		}
	}
	const text = "市人社局关于开展职工职业技能培训的工作总结：全年培训企业职工两万三千人次。"
	if resp, page := s.login("rsjzhang").handIn(task, "培训总结.txt", text); resp.StatusCode != 200 {
		t.Fatalf("市人社局 hands in: %d %.500s", resp.StatusCode, textOf(page))
	}
	sum := sha256.Sum256([]byte(text))
	doc, err := s.env.Catalog.DocumentBySHA256(context.Background(), hex.EncodeToString(sum[:]), "330100")
	if err != nil {
		t.Fatalf("the hand-in's document: %v", err)
	}
	resp, body := s.login("jiaoyu").get("/documents/" + doc.ID)
	if resp.StatusCode != 200 || !strings.Contains(html.UnescapeString(body), doc.Title) {
		t.Fatalf("市教育局 opens the document: %d, want 200 with %q: %.500s", resp.StatusCode, doc.Title, textOf(body))
	}
	if strings.Contains(body, "rsjzhang") {
		t.Errorf("市教育局 reads 市人社局's account rsjzhang on the document's page")
	}
}
