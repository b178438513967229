package api

import (
	"net/http"
	"strings"
	"testing"
)

// TestDuplicateAnswerNamesTheFileSent: the same bytes sent again under
// another name are answered with both names: the name sent, and that it
// is the stored file under its own name (the probe sent 改名的doc.docx and
// heard only 人社局培训情况.doc).
func TestDuplicateAnswerNamesTheFileSent(t *testing.T) {
	e := newEnv(t)
	const text = "人社局2018年职工培训情况:全年开展职业技能培训342场,培训1.2万人次。"
	e.upload(cityA, "人社局培训情况.txt", text)
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary",
		"round": "2017"}, map[string][]byte{"改名的文件.txt": []byte(text)})), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("duplicate upload: %d %v, want 200", resp.StatusCode, body)
	}
	doc := body["documents"].([]any)[0].(map[string]any)
	zh, _ := doc["duplicate_notice"].(string)
	en, _ := doc["duplicate_notice_en"].(string)
	if doc["filename"] != "人社局培训情况.txt" || doc["uploaded_as"] != "改名的文件.txt" {
		t.Errorf("filename %v, uploaded_as %v: want the stored name and the name sent", doc["filename"], doc["uploaded_as"])
	}
	if !strings.Contains(zh, "“改名的文件.txt”") || !strings.Contains(zh, "“人社局培训情况.txt”") || !strings.Contains(zh, "同一文件") ||
		strings.Contains(zh, ",") {
		t.Errorf("duplicate_notice %q: want both names, that it is the same file, full-width punctuation", zh)
	}
	if !strings.Contains(en, "改名的文件.txt") || !strings.Contains(en, "人社局培训情况.txt") || !strings.Contains(en, "same file") {
		t.Errorf("duplicate_notice_en %q: want both names and that it is the same file", en)
	}
}

// The duplicate notice names the files as they are written, a backslash
// or a quote in a name not escaped as %q would.
func TestDuplicateNoticeNamesFilesAsWritten(t *testing.T) {
	zh, en := duplicateNotice(`报告\附件"一".txt`, "培训情况.txt")
	if !strings.Contains(zh, "“报告\\附件\"一\".txt”") || !strings.Contains(zh, "\uFF0C") || strings.Contains(zh, ",") {
		t.Errorf("duplicate notice %q: want the name as written, full-width punctuation", zh)
	}
	if !strings.Contains(en, "“报告\\附件\"一\".txt”") || !strings.Contains(en, "“培训情况.txt”") {
		t.Errorf("duplicate notice (English) %q: want the names as written", en)
	}
}
