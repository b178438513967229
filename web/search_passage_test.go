package web

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSearchPagesHoldWholeGroupsOfVersions: eleven documents hold the
// words, two of them versions of one notice (a draft and its final): they
// are ten groups, one page of ten, which the count says, and the pager
// offers no second page for the version folded on the first.
func TestSearchPagesHoldWholeGroupsOfVersions(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "征求意见稿.txt", testenv.NoticeDraft)
	s.env.Upload("330100", "定稿.txt", testenv.NoticeFinal)
	places := []string{"上城区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "临平区", "钱塘区", "富阳区"}
	doings := []string{"开放社区学校夜校课程", "举办百姓学习之星评选", "组织老年人智能手机培训", "开展职工读书分享会",
		"建设十五分钟学习圈", "推出非遗传承体验课", "评选学习型家庭", "举办亲子阅读节", "开展学分银行开户宣传"}
	for i, place := range places {
		s.env.Upload("330100", fmt.Sprintf("简报%d.txt", i+1),
			fmt.Sprintf("%s终身学习活动周简报。本周%s%s，参与市民%d人次，第%d期。", place, place, doings[i], 1000+i*137, i+1))
	}
	_, body := s.login("zhou").get("/search?q=" + url.QueryEscape("终身学习活动周"))
	if n := strings.Count(body, `<article class="card hit">`); n != 10 {
		t.Errorf("%d hits on page 1, want the 10 groups", n)
	}
	if want := "共 10 组\uFF0C11 份文档"; !strings.Contains(textOf(body), want) {
		t.Errorf("the count does not say %q: %.300s", want, textOf(body))
	}
	if strings.Contains(body, `rel="next"`) {
		t.Errorf("page 1 of 10 groups links to a page 2")
	}
}

// TestSearchPageReadsAPastedPassage: a reviewer pastes a paragraph of the
// final notice as a PDF viewer copies it (lines broken inside words) into
// the search box: the page finds the notice, says in the reader's
// language that it read the query as a passage, and marks it.
func TestSearchPageReadsAPastedPassage(t *testing.T) {
	s := newSite(t)
	s.env.Upload("330100", "定稿.txt", testenv.NoticeFinal)
	s.env.Upload("330100", "成都老年教育.txt", testenv.Unrelated)
	start := strings.Index(testenv.NoticeFinal, "（一）开幕式")
	end := strings.Index(testenv.NoticeFinal, "三、工作要求")
	var copied strings.Builder
	for i, r := range []rune(testenv.NoticeFinal[start:end]) {
		if i > 0 && i%33 == 0 {
			copied.WriteString("\n")
		}
		copied.WriteRune(r)
	}
	q := "/search?q=" + url.QueryEscape(copied.String())
	_, body := s.login("zhou").get(q)
	if n := strings.Count(body, `<article class="card hit">`); n != 1 || !strings.Contains(body, "定稿") {
		t.Errorf("%d hits for the pasted passage, want the final notice alone: %.400s", n, textOf(body))
	}
	if !strings.Contains(body, `id="passage-notice"`) || !strings.Contains(textOf(body), "已按段落查找出处") {
		t.Errorf("the page does not say the query was read as a passage: %.400s", textOf(body))
	}
	if !strings.Contains(body, "<mark>10月20日上午在市文化广场举行全市活动周开幕式</mark>") {
		i := strings.Index(body, "<mark>")
		t.Errorf("the passage is not marked in the hit: %.600s", body[max(i, 0):])
	}
	en := s.login("zhou")
	en.english()
	if _, body := en.get(q); !strings.Contains(textOf(body), "read as a passage") {
		t.Errorf("the English page does not say the query was read as a passage: %.400s", textOf(body))
	}
}
