package search

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestReadDocNumberDigits: letters typed for digits (l, I for 1; O, o for
// 0) are read as digits inside a 文号's bracketed year and its serial,
// as the probe typed 杭政办发〔2018〕l2号 and 〔2O18〕, and a serial of
// letters alone (l号 for 1号) in a whole 文号 with its issuer and 号;
// never in ordinary words, codes or a 文号's issuer, nor where a run of
// letters alone is not in a whole 文号 or makes no year, nor in a serial
// that would read as 0号 (〔2018〕O号: no 文号 is numbered so).
func TestReadDocNumberDigits(t *testing.T) {
	tests := []struct {
		name, word, want string
		read             bool
	}{
		{"序号中的小写l", "杭政办发〔2018〕l2号", "杭政办发〔2018〕12号", true},
		{"年份中的大写O", "杭政办发〔2O18〕12号", "杭政办发〔2018〕12号", true},
		{"年份中的小写o和序号中的I", "杭政办发〔2o18〕I2号", "杭政办发〔2018〕12号", true},
		{"方括号和第", "杭教发[2Ol8]第l25号", "杭教发[2018]第125号", true},
		{"圆括号不带号", "杭教发(2018)1O", "杭教发(2018)10", true},
		{"带号之后的文字", "杭政办发〔2018〕l2号文件", "杭政办发〔2018〕12号文件", true},
		{"数字写对的文号", "杭政办发〔2018〕12号", "杭政办发〔2018〕12号", false},
		{"普通英文词", "Iowa", "Iowa", false},
		{"标准代号", "ISO9001", "ISO9001", false},
		{"括号中的英文", "学习型城市(Iowa)", "学习型城市(Iowa)", false},
		{"序号只有小写l", "杭政办发〔2018〕l号", "杭政办发〔2018〕1号", true},
		{"序号只有字母lO", "杭政办发〔2018〕lO号", "杭政办发〔2018〕10号", true},
		{"序号只有字母lo", "杭政办发〔2018〕lo号", "杭政办发〔2018〕10号", true},
		{"序号只有字母带第", "杭教发[2018]第Il号", "杭教发[2018]第11号", true},
		{"序号只有字母没有号", "杭政办发〔2018〕lO", "杭政办发〔2018〕lO", false},
		{"序号只有字母没有发文机关", "〔2018〕lO号", "〔2018〕lO号", false},
		{"不成年份", "杭政办发〔lOl8〕12号", "杭政办发〔lOl8〕12号", false},
		{"序号后还有字母", "杭政办发〔2018〕l2ab", "杭政办发〔2018〕l2ab", false},
		{"序号只有字母O", "杭政办发〔2018〕O号", "杭政办发〔2018〕O号", false},
		{"序号只有字母o", "杭政办发〔2018〕o号", "杭政办发〔2018〕o号", false},
		{"序号只有字母OO", "杭政办发〔2018〕OO号", "杭政办发〔2018〕OO号", false},
		{"年份有字母序号只有O", "杭政办发〔2O18〕O号", "杭政办发〔2018〕O号", true},
	}
	for _, tt := range tests {
		got, read := readDocNumberDigits(tt.word)
		if got != tt.want || read != tt.read {
			t.Errorf("%s: readDocNumberDigits(%q) = %q, %v, want %q, %v", tt.name, tt.word, got, read, tt.want, tt.read)
		}
	}
}

// TestSearchReadsDigitsInATypedDocNumber: the probe's searches for the
// 文号 typed as OCR misreads it, 杭政办发〔2018〕l2号 and 杭政办发〔2O18〕12号,
// found nothing while the text holds 〔2018〕12号; they find the document,
// with its 文号 marked, say what they searched, and a text that holds the
// misreading itself is found too.
func TestSearchReadsDigitsInATypedDocNumber(t *testing.T) {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	docs := map[string]string{
		"D1": "杭州市人民政府办公厅关于推进学习型城市建设的实施意见 杭政办发〔2018〕12号 各区、县(市)人民政府。",
		"D2": "转发杭政办发〔2018〕l2号文件,请遵照执行。",
		"D3": "杭政办发〔2018〕21号 关于社区教育的通知。",
		"D4": "杭政办发〔2018〕10号 关于学分银行的通知。",
	}
	storeTexts(t, cat, idx, docs, "工作通知", catalog.DocPolicy)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		q, notice string
		want      []string
	}{
		{"杭政办发〔2018〕l2号", "杭政办发〔2018〕12号", []string{"D1", "D2"}},
		{"杭政办发〔2O18〕12号", "杭政办发〔2018〕12号", []string{"D1"}},
		{"杭政办发〔2O18〕12号 学习型城市", "杭政办发〔2018〕12号", []string{"D1"}},
		{"杭政办发〔2018〕12号", "", []string{"D1"}},
		{"杭政办发〔2018〕lO号", "杭政办发〔2018〕10号", []string{"D4"}},
	} {
		res, err := svc.Search(ctx, Request{Query: tt.q, User: admin})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			if h.ID == "D1" && (len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, "<mark>杭政办发〔2018〕12号</mark>")) {
				t.Errorf("search %q: D1's fragments %+v, want its 文号 marked", tt.q, h.Fragments)
			}
		}
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: %v, want %v", tt.q, got, tt.want)
		}
		switch {
		case tt.notice == "" && res.Notice != "":
			t.Errorf("search %q: notice %q, want none", tt.q, res.Notice)
		case tt.notice != "" && (!strings.Contains(res.Notice, tt.notice) || !strings.Contains(res.NoticeEn, tt.notice)):
			t.Errorf("search %q: notice %q / %q, want it to name %s", tt.q, res.Notice, res.NoticeEn, tt.notice)
		}
	}
}
