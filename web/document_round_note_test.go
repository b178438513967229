package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDocumentSaysWhyItsRoundIsNotItsDate: an annual 工作总结 dated early
// the next year is filed under the year its title names, and its page
// says so; one about a year that is no round says where it went instead;
// the upload page carries the words its results use (s28 D11).
func TestDocumentSaysWhyItsRoundIsNotItsDate(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		filename, text string
		wantRound      string
		want           string
	}{
		{"工作总结.txt", "杭州市2017年学习型城市建设工作总结\n杭州市教育局\n二〇一八年三月二十日", "2017",
			"标题为 2017年的总结或报告，成文日期 2018-03-20，已按标题的年份归入 2017年度；如应归入成文日期的年度，请修改监测轮次"},
		{"总结.txt", "杭州市2016年学习型城市建设工作总结\n杭州市教育局\n2017年3月20日", "2017",
			"标题中的年份 2016 没有对应的监测轮次，按成文日期 2017-03-20 归入 2017年度，请核对"},
		{"通知.txt", "杭州市教育局关于开展2018年全民终身学习活动周的通知\n杭州市教育局\n2018年9月3日", "2018", ""},
	}
	admin := s.login("admin")
	for _, tt := range tests {
		st, err := s.env.Ingest.Stage(strings.NewReader(tt.text), tt.filename)
		if err != nil {
			t.Fatal(err)
		}
		out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: "330100", DocType: "work_summary"}, Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("upload %s: %v %v", tt.filename, err, out[0].Err)
		}
		id := out[0].Document.ID
		s.env.WaitIndexed(id)
		_, page := admin.get("/documents/" + id)
		text := textOf(page)
		if tt.want != "" && !strings.Contains(text, tt.want) {
			t.Errorf("%s: the page does not say %q:\n%.1500s", tt.filename, tt.want, text)
		}
		if tt.want == "" && strings.Contains(page, "round-note") {
			t.Errorf("%s: a note on a round that is its date's", tt.filename)
		}
		if d, err := s.env.Catalog.Document(context.Background(), id); err != nil || d.Round != tt.wantRound {
			t.Errorf("%s: round %v (%v), want %s", tt.filename, d, err, tt.wantRound)
		}
	}
	_, page := admin.get("/upload")
	for _, want := range []string{`data-round-by-report="标题为 {round}年的总结或报告`, `data-round-year-absent="标题或文件名中的年份 {year} 没有对应的监测轮次`} {
		if !strings.Contains(page, want) {
			t.Errorf("/upload lacks %s", want)
		}
	}
}
