package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
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
	if link := "/documents/" + doc["id"].(string); !strings.Contains(zh, "《"+doc["title"].(string)+"》") || !strings.Contains(zh, link) ||
		!strings.Contains(en, link) {
		t.Errorf("duplicate_notice %q / %q: want the stored document's title %v and its page %s", zh, en, doc["title"], link)
	}
}

// TestDuplicateForAnotherRoundNamesTheStoredDocument: last round's file
// sent again, renamed, for this round is answered as a plain duplicate
// is — the stored file, its document's title and page — and says where
// the indicators linked now count (the answer named no stored file), in
// both languages as a line of its own for the upload page's row.
func TestDuplicateForAnotherRoundNamesTheStoredDocument(t *testing.T) {
	e := newEnv(t)
	const text = "杭州市终身学习卡发放情况:2017年全市发放终身学习卡12万张。"
	id := e.upload(cityA, "终身学习卡.txt", text)
	resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "work_summary",
		"round": "2018", "indicators": "2.3.1"}, map[string][]byte{"终身学习卡（2018年报送）.txt": []byte(text)})), "admin")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("the same file for 2018: %d %v, want 200", resp.StatusCode, body)
	}
	doc := body["documents"].([]any)[0].(map[string]any)
	if doc["id"] != id || doc["used_in_round"] != float64(2018) {
		t.Fatalf("answer %v: want document %s used in round 2018", doc, id)
	}
	title, _ := doc["title"].(string)
	zh, _ := doc["duplicate_notice"].(string)
	en, _ := doc["duplicate_notice_en"].(string)
	for _, want := range []string{"“终身学习卡（2018年报送）.txt”", "“终身学习卡.txt”", "《" + title + "》", "/documents/" + id,
		"属于 2017年度", "计入 2018年度"} {
		if title == "" || !strings.Contains(zh, want) {
			t.Errorf("duplicate_notice %q: want %q in it", zh, want)
		}
	}
	if strings.ContainsAny(zh, ",;") {
		t.Errorf("duplicate_notice %q: want full-width punctuation", zh)
	}
	for _, want := range []string{"“终身学习卡.txt”", "“" + title + "”", "/documents/" + id, "round 2017", "count in round 2018"} {
		if !strings.Contains(en, want) {
			t.Errorf("duplicate_notice_en %q: want %q in it", en, want)
		}
	}
	// The upload page's row shows the server's words, in the page's
	// language: it kept a copy of its own.
	for field, want := range map[string]string{
		"duplicate_label":    "重复文件\uFF1A与已保存的“终身学习卡.txt”是同一文件\uFF08内容完全相同\uFF0C属于 2017年度\uFF09\uFF0C未重复保存\uFF1B本次关联的指标计入 2018年度",
		"duplicate_label_en": "Duplicate: the same file as the stored “终身学习卡.txt” (exactly the same content, of round 2017), not stored twice; the indicators linked now count in round 2018",
	} {
		if doc[field] != want {
			t.Errorf("%s %q, want %q", field, doc[field], want)
		}
	}
}

// TestDuplicateNoticeNamesFilesAsWritten: the duplicate notice names the
// files and the title as they are written, a backslash or a quote in a
// name not escaped as %q would, in the words of the upload page; sent for
// another round, it says the stored document's round, or that it has
// none, and where the indicators linked now count.
func TestDuplicateNoticeNamesFilesAsWritten(t *testing.T) {
	for _, tt := range []struct {
		name        string
		round       string
		usedInRound int
		zh, en      string
	}{
		{"a plain duplicate", "2017", 0,
			"上传的“报告\\附件\"一\".txt”是重复文件\uFF1A与已保存的“培训情况.txt”是同一文件\uFF08内容完全相同\uFF09\uFF0C未重复保存\uFF1B已保存的文档\uFF1A《培训情况(2018)》\uFF0C/documents/01M8",
			"“报告\\附件\"一\".txt” sent is a duplicate: the same file as the stored “培训情况.txt” (exactly the same content), not stored twice; the stored document: “培训情况(2018)”, /documents/01M8"},
		{"sent for another round", "2017", 2018,
			"上传的“报告\\附件\"一\".txt”是重复文件\uFF1A与已保存的“培训情况.txt”是同一文件\uFF08内容完全相同\uFF0C属于 2017年度\uFF09\uFF0C未重复保存\uFF1B本次关联的指标计入 2018年度\uFF1B已保存的文档\uFF1A《培训情况(2018)》\uFF0C/documents/01M8",
			"“报告\\附件\"一\".txt” sent is a duplicate: the same file as the stored “培训情况.txt” (exactly the same content, of round 2017), not stored twice; the indicators linked now count in round 2018; the stored document: “培训情况(2018)”, /documents/01M8"},
		{"a document of no round sent for one", "", 2018,
			"上传的“报告\\附件\"一\".txt”是重复文件\uFF1A与已保存的“培训情况.txt”是同一文件\uFF08内容完全相同\uFF0C未归入轮次\uFF09\uFF0C未重复保存\uFF1B本次关联的指标计入 2018年度\uFF1B已保存的文档\uFF1A《培训情况(2018)》\uFF0C/documents/01M8",
			"“报告\\附件\"一\".txt” sent is a duplicate: the same file as the stored “培训情况.txt” (exactly the same content, of no round), not stored twice; the indicators linked now count in round 2018; the stored document: “培训情况(2018)”, /documents/01M8"},
	} {
		zh, en := duplicateNotice(`报告\附件"一".txt`, &catalog.Document{ID: "01M8", Filename: "培训情况.txt", Title: "培训情况(2018)", Round: tt.round}, tt.usedInRound, false, ingest.Unapplied{})
		if zh != tt.zh {
			t.Errorf("%s: duplicate notice\n%q, want\n%q", tt.name, zh, tt.zh)
		}
		if en != tt.en {
			t.Errorf("%s: duplicate notice (English)\n%q, want\n%q", tt.name, en, tt.en)
		}
	}
}
