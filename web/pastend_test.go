package web

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestPagesPastTheEndLeadBackToTheLast: a page past the end of the
// documents or of a search (an old link after deletions, a typed page
// number) says nothing matches there and links back to the last page
// with results, not to the empty page before it, or nowhere.
func TestPagesPastTheEndLeadBackToTheLast(t *testing.T) {
	s := newSite(t)
	for i := range 3 {
		s.env.Upload("330100", fmt.Sprintf("学分银行%d.txt", i), fmt.Sprintf("杭州市建立学分银行第%d号文件。", i))
	}
	li := s.login("li")
	prev := regexp.MustCompile(`href="([^"]*)" rel="prev"`)
	for _, tc := range []struct{ path, want string }{
		{"/documents?city=330100&page=9", "/documents?city=330100&amp;sort=uploaded"},
		{"/search?q=" + "学分银行" + "&page=40", "page=1"},
	} {
		_, body := li.get(tc.path)
		m := prev.FindStringSubmatch(body)
		if m == nil || !strings.Contains(m[1], tc.want) {
			t.Errorf("%s: link back %v, want one to the last page (%s): %.600s", tc.path, m, tc.want, textOf(body))
		}
	}
}
