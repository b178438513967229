package web

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestLargeImportStillSaysWhatItDid: a responsibility table naming forty
// departments the list does not hold makes a message of its counts, the
// forty new names and the same forty without an account, far over the
// page message's 1,000 bytes; the board shows it shortened, its counts
// first. The whole message was dropped (review s58: takeFlash refused it),
// and the import said nothing at all.
func TestLargeImportStillSaysWhatItDid(t *testing.T) {
	s := newSite(t)
	table := "指标编码,责任单位,截止日期\n"
	for i := 1; i <= 40; i++ {
		table += fmt.Sprintf("2.3.1,城东第%d社区学习服务中心,2018-03-31\n", i)
	}
	wang := s.login("wang")
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.csv": []byte(table)})
	text := textOf(r.body)
	if r.resp.StatusCode != http.StatusOK {
		t.Fatalf("import: %d %.900s", r.resp.StatusCode, text)
	}
	for _, want := range []string{"已导入：新增 40 项", "新加入责任单位名单：城东第1社区学习服务中心、", "…"} {
		if !strings.Contains(text, want) {
			t.Errorf("the import's message: want %q in:\n%.1500s", want, text)
		}
	}
}

func TestFitFlash(t *testing.T) {
	names := strings.Repeat("城东社区学习服务中心、", 60)
	for _, tt := range []struct {
		name, msg, want string
	}{
		{"short, as it is", "已导入：新增 3 项，更新 0 项，未变 0 项", "已导入：新增 3 项，更新 0 项，未变 0 项"},
		{"a long last clause is left out", "已导入：新增 60 项" + strings.Repeat("；已按名单导入", 40) + "；" + names,
			"已导入：新增 60 项" + strings.Repeat("；已按名单导入", 40) + "…"},
		{"a long list is cut after an item", "已导入：新增 60 项；新加入责任单位名单：" + names,
			"已导入：新增 60 项；新加入责任单位名单：" + strings.Repeat("城东社区学习服务中心、", 27) + "城东社区学习服务中心…"},
		{"English after an item", "Imported: 60 added; departments added to the list: " + strings.Repeat("East District Learning Centre, ", 40),
			"Imported: 60 added; departments added to the list: " + strings.Repeat("East District Learning Centre, ", 29) + "East District Learning Centre…"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := fitFlash(tt.msg)
			if got != tt.want {
				t.Errorf("fitFlash:\n got %q\nwant %q", got, tt.want)
			}
			if len(got) > maxFlash || !utf8.ValidString(got) {
				t.Errorf("%d bytes (valid UTF-8: %v), want at most %d", len(got), utf8.ValidString(got), maxFlash)
			}
		})
	}
	long := strings.Repeat("学", 400)
	if got := fitFlash(long); len(got) > maxFlash || !utf8.ValidString(got) || !strings.HasSuffix(got, "…") {
		t.Errorf("a message of no clause or list: %d bytes, valid %v, %q at its end", len(got), utf8.ValidString(got), got[len(got)-6:])
	}
}
