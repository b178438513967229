package web

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"golang.org/x/net/html"
)

// shownText is the text of the element of page with id (the whole page
// for ""), as a browser lays it out: its text nodes one after another,
// each run of white space one space, scripts left out.
func shownText(t *testing.T, page, id string) string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var root *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if root != nil {
			return
		}
		if n.Type == html.ElementNode && (id == "" && n.Data == "main" || id != "" && attr(n, "id") == id) {
			root = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if root == nil {
		t.Fatalf("no element %q in %.2000s", id, textOf(page))
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return strings.Join(strings.Fields(b.String()), " ")
}

// spacedColon is a full-width colon with a space on either side.
var spacedColon = regexp.MustCompile(`\s\x{FF1A}|\x{FF1A}\s`)

// TestNoSpaceAroundFullWidthColons: a carried claim's page reads
// 结转自 2017年度的定性描述：杭州市…, its colon inside the bold label so
// that a reader taking the elements apart keeps it there, and the upload
// page without script 总结.txt：已保存, with no space before or after the
// colon (the template's line break after it read as one).
func TestNoSpaceAroundFullWidthColons(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行通知.txt", "杭州市2017年建立学分银行，推进终身学习。")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	if _, err := s.env.Claims.Create(ctx, wang, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "杭州市2017年建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.CarryOver(ctx, testenv.Admin, "330100", 2018); err != nil {
		t.Fatal(err)
	}
	carried, err := s.env.Claims.List(ctx, testenv.Admin, catalog.ClaimFilter{City: "330100", Round: 2018})
	if err != nil || len(carried) != 1 {
		t.Fatalf("claims of 2018 after the carry-over: %+v %v", carried, err)
	}
	b := s.login("wang")
	_, page := b.get("/claims/" + carried[0].ID)
	if got := shownText(t, page, "carried-from"); !strings.Contains(got, "结转自 2017年度的定性描述\uFF1A杭州市2017年建立学分银行") || spacedColon.MatchString(got) {
		t.Errorf("the carried claim reads %q, want 结转自 2017年度的定性描述：杭州市2017年建立学分银行", got)
	}
	// Read element by element (as the probe's reader and a screen
	// reader's strong do), the colon still ends the label it belongs to.
	if got := textOf(page[strings.Index(page, `id="carried-from"`):]); !strings.Contains(got, "结转自 2017年度的定性描述\uFF1A") {
		t.Errorf("the carried claim read element by element: %.300q, want the colon right after 定性描述", got)
	}
	got := b.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "work_summary"},
		map[string][]byte{"总结.txt": []byte("杭州市学分银行工作总结：新增账户3.2万个。")})
	if text := shownText(t, got.body, ""); !strings.Contains(text, "总结.txt\uFF1A已保存") || spacedColon.MatchString(text) {
		t.Errorf("the upload page reads %q, want 总结.txt：已保存 with no space by the colon", text)
	}
}
