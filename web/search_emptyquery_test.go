package web

import (
	"net/url"
	"strings"
	"testing"
)

// TestEmptySearchWithinAFilterSaysSo: a search with no words, only an
// indicator filter, that finds nothing says nothing was found within the
// filters, never “没有找到与“”相关的材料” with empty quotes.
func TestEmptySearchWithinAFilterSaysSo(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "通知.txt", "关于召开学习型城市建设推进会的通知。")
	expert := s.login("zhou")
	for _, tt := range []struct {
		english   bool
		want, not string
	}{{false, "所选范围内没有材料。", "与“”"}, {true, "Nothing found within the filters chosen.", "for “”"}} {
		if tt.english {
			expert.english()
		}
		_, body := expert.get("/search?q=&indicator=2.3.1")
		if text := textOf(body); !strings.Contains(text, tt.want) || strings.Contains(text, tt.not) {
			t.Errorf("English %v: want %q and no %q: %.600s", tt.english, tt.want, tt.not, text)
		}
	}
}

// TestSearchOfExclusionsOnlySaysWhy: the search page asked for -学分银行
// alone said nothing was found (probe s55); it says a search needs a word
// to find besides the words to leave out, in the page's language.
func TestSearchOfExclusionsOnlySaysWhy(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "通知.txt", "关于召开学习型城市建设推进会的通知。")
	expert := s.login("zhou")
	for _, tt := range []struct {
		english bool
		want    string
	}{{false, "只有排除词"}, {true, "only words to leave out"}} {
		if tt.english {
			expert.english()
		}
		resp, body := expert.get("/search?q=" + url.QueryEscape("-学分银行"))
		if text := textOf(body); resp.StatusCode != 400 || !strings.Contains(text, tt.want) {
			t.Errorf("English %v: %d, want 400 saying %q: %.600s", tt.english, resp.StatusCode, tt.want, text)
		}
	}
}
