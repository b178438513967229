package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TestDuplicateNoticeNamesTheStoredFile: the same bytes sent again under
// another name: the upload page names the file sent and says it is the
// stored file under its own name, in Chinese and in English.
func TestDuplicateNoticeNamesTheStoredFile(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	const text = "人社局2018年职工培训情况:全年开展职业技能培训342场。"
	fields := map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2018"}
	if resp, body := admin.postMultipart("/upload", fields, "人社局培训情况.txt", []byte(text)); resp.StatusCode != 200 {
		t.Fatalf("first upload: %d %.600s", resp.StatusCode, textOf(body))
	}
	for _, tt := range []struct {
		english bool
		want    string
	}{
		{false, "改名的文件.txt \uFF1A重复文件\uFF1A与已保存的“人社局培训情况.txt”是同一文件"},
		{true, "改名的文件.txt : Duplicate: the same file as the stored “人社局培训情况.txt”"},
	} {
		if tt.english {
			admin.english()
		}
		resp, body := admin.postMultipart("/upload", fields, "改名的文件.txt", []byte(text))
		if got := html.UnescapeString(textOf(body)); resp.StatusCode != 200 || !strings.Contains(got, tt.want) {
			t.Errorf("duplicate upload (English %v): %d, want %q in %.1500s", tt.english, resp.StatusCode, tt.want, got)
		}
	}
}

// TestDuplicateForAnotherRoundNamesTheStoredDocument: a file of 2017 sent
// again, renamed, for 2018 says, as a plain duplicate does, which stored
// file it is, with a link to the stored document under its title, besides
// the rounds (it named no stored file).
func TestDuplicateForAnotherRoundNamesTheStoredDocument(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "终身学习卡.txt", "杭州市终身学习卡发放情况:全市发放终身学习卡12万张。")
	wang := s.login("wang")
	for _, tt := range []struct {
		english bool
		want    string
	}{
		{false, "重复文件\uFF1A与已保存的“终身学习卡.txt”是同一文件\uFF08内容完全相同\uFF0C属于 " + doc.Round + "年度\uFF09"},
		{true, "Duplicate: the same file as the stored “终身学习卡.txt” (exactly the same content, of round " + doc.Round + ")"},
	} {
		if tt.english {
			wang.english()
		}
		resp, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": string(doc.DocType), "round": "2018",
			"indicators": "2.3.2"}, "终身学习卡（2018年报送）.txt", []byte("杭州市终身学习卡发放情况:全市发放终身学习卡12万张。"))
		got := html.UnescapeString(body)
		link := `<a href="/documents/` + doc.ID + `">` + doc.Title + `</a>`
		if resp.StatusCode != 200 || doc.Round == "2018" || !strings.Contains(got, tt.want) || !strings.Contains(got, link) {
			t.Errorf("the same file for 2018 (English %v): %d, want %q and %s in %.2000s", tt.english, resp.StatusCode, tt.want, link, textOf(body))
		}
	}
}

// TestDuplicateWithoutIndicatorsSaysTheRoundWasNotApplied: the same file
// sent on 上传 for 2018 with no indicator leaves its document in its own
// round, and the page says so with the stored copy's uploader; the probe's
// page said only 重复文件 (probe s38 #9).
func TestDuplicateWithoutIndicatorsSaysTheRoundWasNotApplied(t *testing.T) {
	s := newSite(t)
	const text = "杭州市社区学院办学情况：全年开设课程三百余门。"
	doc := s.env.Upload("330100", "社区学院.txt", text)
	wang := s.login("wang")
	_, body := wang.postMultipart("/upload", map[string]string{"city": "330100", "doc_type": string(doc.DocType), "round": "2018"},
		"社区学院.txt", []byte(text))
	got := html.UnescapeString(textOf(body))
	want := "属于 " + doc.Round + "年度\uFF0C" + doc.UploadedBy + " 于 "
	if doc.Round == "2018" || !strings.Contains(got, want) || !strings.Contains(got, "其监测轮次未改动\uFF0C如需计入 2018年度\uFF0C请在文档页修改") {
		t.Errorf("the same file for 2018 without indicators: want %q and that 2018 was not applied in %.1500s", want, got)
	}
}

// TestDuplicateLabel: the one wording of a duplicate on 上传 and 我的任务
// names the stored file and, sent for another round, the stored
// document's round (or that it has none) and the round the indicators
// linked now count in.
func TestDuplicateLabel(t *testing.T) {
	for _, tt := range []struct {
		lang        Lang
		round       string
		usedInRound int
		want        string
	}{
		{Chinese, "2017", 0, "重复文件\uFF1A与已保存的“学习卡通知.txt”是同一文件\uFF08内容完全相同\uFF09\uFF0C未重复保存"},
		{Chinese, "2017", 2018, "重复文件\uFF1A与已保存的“学习卡通知.txt”是同一文件\uFF08内容完全相同\uFF0C属于 2017年度\uFF09\uFF0C未重复保存\uFF1B本次关联的指标计入 2018年度"},
		{Chinese, "", 2018, "重复文件\uFF1A与已保存的“学习卡通知.txt”是同一文件\uFF08内容完全相同\uFF0C未归入轮次\uFF09\uFF0C未重复保存\uFF1B本次关联的指标计入 2018年度"},
		{English, "2017", 0, "Duplicate: the same file as the stored “学习卡通知.txt” (exactly the same content), not stored twice"},
		{English, "", 2018, "Duplicate: the same file as the stored “学习卡通知.txt” (exactly the same content, of no round), not stored twice; the indicators linked now count in round 2018"},
	} {
		d := &catalog.Document{Filename: "学习卡通知.txt", Round: tt.round}
		if got := duplicateLabel(tt.lang, d, tt.usedInRound, false, ingest.Unapplied{}); got != tt.want {
			t.Errorf("%s, round %q, used in %d: %q, want %q", tt.lang, tt.round, tt.usedInRound, got, tt.want)
		}
	}
}

// TestDuplicateWithIndicatorsSaysTheyCount: the same bytes sent again on
// 上传材料 for their own round with 关联指标 3.1.3 link the stored document
// to 3.1.3, and the row says so as 我的任务 does (本次关联的指标计入 2018
// 年度), in English too; sent without indicators, or with 3.1.3 again, it
// says nothing of them.
// The probe's row said only 未重复保存.
func TestDuplicateWithIndicatorsSaysTheyCount(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	const text = "2018年全民终身学习活动周参与市民18.2万人次。"
	fields := map[string]string{"city": "330100", "doc_type": "work_summary", "round": "2018"}
	if resp, body := wang.postMultipart("/upload", fields, "活动周总结.txt", []byte(text)); resp.StatusCode != 200 {
		t.Fatalf("first upload: %d %.600s", resp.StatusCode, textOf(body))
	}
	_, body := wang.postMultipart("/upload", fields, "活动周总结.txt", []byte(text))
	if got := html.UnescapeString(textOf(body)); !strings.Contains(got, "未重复保存") || strings.Contains(got, "本次关联的指标") {
		t.Errorf("duplicate without indicators: want 未重复保存 and nothing of indicators: %.1500s", got)
	}
	for _, tt := range []struct {
		english         bool
		indicator, want string
	}{
		{false, "3.1.3", "未重复保存\uFF1B本次关联的指标计入 2018年度"},
		{true, "3.1.1", "not stored twice; the indicators linked now count in round 2018"},
	} {
		if tt.english {
			wang.english()
		}
		fields["indicators"] = tt.indicator
		_, body := wang.postMultipart("/upload", fields, "活动周总结.txt", []byte(text))
		if got := html.UnescapeString(textOf(body)); !strings.Contains(got, tt.want) {
			t.Errorf("duplicate with 关联指标 3.1.3 (English %v): want %q in %.1500s", tt.english, tt.want, got)
		}
	}
	// Sent again with 3.1.3, which it has now: nothing new to say.
	fields["indicators"] = "3.1.3"
	_, body = wang.postMultipart("/upload", fields, "活动周总结.txt", []byte(text))
	if got := html.UnescapeString(textOf(body)); !strings.Contains(got, "Duplicate") || strings.Contains(got, "count in round") {
		t.Errorf("duplicate with 3.1.3 already linked: want nothing of indicators: %.1500s", got)
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100", Indicator: "3.1.3"})
	if err != nil || len(docs) != 1 {
		t.Errorf("documents linked to 3.1.3: %d (%v), want the one stored", len(docs), err)
	}
}
