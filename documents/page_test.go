package documents_test

import (
	"context"
	"fmt"
	"github.com/lcmonitor/evidence/catalog"
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// withText uploads a short document and puts pages in the place of its
// stored text, as a long yearbook would leave.
func withText(t *testing.T, e *testenv.Env, pages []string) string {
	t.Helper()
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	return d.ID
}

// TestReadShowsALongPageInParts: a text file without page breaks is one
// page however long; its page shows it a part at a time, each part what
// the text has there, and says how many parts there are.
func TestReadShowsALongPageInParts(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	line := "二〇一八年全市共建成社区学习共同体一千二百个。\n"
	body := strings.Repeat(line, 30_000) + "学分银行累计存入学分五十万分。" // 2.1 MB
	id := withText(t, e, []string{"目录", body, "附录"})
	r, err := e.Documents.Read(ctx, coordA, id, documents.PageAt{Page: 2}, 5)
	if err != nil {
		t.Fatal(err)
	}
	pt := r.Page
	wantParts := (len(body) + documents.PartBytes - 1) / documents.PartBytes
	if pt.Number != 2 || pt.Count != 3 || pt.Part != 1 || pt.Parts != wantParts || pt.Before != "目录" || !strings.HasPrefix(body, pt.Text) || len(pt.Text) > documents.PartBytes+8 {
		t.Fatalf("page 2: page %d/%d, part %d/%d, %d bytes, before %q; want page 2/3, part 1/%d of at most %d bytes, after 目录",
			pt.Number, pt.Count, pt.Part, pt.Parts, len(pt.Text), pt.Before, wantParts, documents.PartBytes)
	}
	var whole strings.Builder
	for k := 1; k <= pt.Parts; k++ {
		r, err := e.Documents.Read(ctx, coordA, id, documents.PageAt{Page: 2, Part: k}, 5)
		if err != nil {
			t.Fatal(err)
		}
		if r.Page.Part != k {
			t.Fatalf("part %d: read part %d", k, r.Page.Part)
		}
		whole.WriteString(r.Page.Text)
		if k == pt.Parts && r.Page.After != "附录" {
			t.Errorf("last part: after %q, want the next page 附录", r.Page.After)
		}
	}
	if whole.String() != body {
		t.Errorf("the parts of page 2 joined: %d bytes, want the page's %d", whole.Len(), len(body))
	}
	// A part past the last shows the last.
	if r, err := e.Documents.Read(ctx, coordA, id, documents.PageAt{Page: 2, Part: 99}, 5); err != nil || r.Page.Part != pt.Parts {
		t.Errorf("part 99: %+v, %v; want the last part, %d", r.Page, err, pt.Parts)
	}
}

// TestReadHoldsThePageUntilClosed: the page read stays within the budget
// for big texts until the Reading is closed (the web handler highlights
// it and makes it full-width after Read returns); it was given back when
// Read returned.
func TestReadHoldsThePageUntilClosed(t *testing.T) {
	e := testenv.New(t)
	id := withText(t, e, []string{"目录", strings.Repeat("推进学分银行建设，共1,234人。", 20_000)})
	e.Documents.SetTextBudget(8 << 20)
	r, err := e.Documents.Read(context.Background(), coordA, id, documents.PageAt{Page: 2}, 5)
	if err != nil {
		t.Fatal(err)
	}
	if release, err := e.Documents.HoldTextBudget(8 << 20); err == nil {
		release()
		t.Fatal("while a read page is open, another load took the whole budget; want the page's share held")
	}
	r.Close()
	r.Close()
	release, err := e.Documents.HoldTextBudget(8 << 20)
	if err != nil {
		t.Fatalf("the budget after the reading was closed: %v, want it all given back", err)
	}
	release()
}

// TestReadSaysTheFirstLineAndThePartsBefore: every part of a long page
// knows the page's first line (a workbook sheet's name; part 2 showed the
// first line of part 2), and a page knows how many parts the page before
// has (back from its part 1 went to part 1 of the page before).
func TestReadSaysTheFirstLineAndThePartsBefore(t *testing.T) {
	e := testenv.New(t)
	sheet := "汇总表\n" + strings.Repeat("社区学院\t学员三千人\n", 40_000) // 3 parts
	parts := (len(sheet) + documents.PartBytes - 1) / documents.PartBytes
	id := withText(t, e, []string{sheet, "分表\n老年大学"})
	for _, at := range []documents.PageAt{{Page: 1, Part: 1}, {Page: 1, Part: 2}, {Page: 2}} {
		r, err := e.Documents.Read(context.Background(), coordA, id, at, 5)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		want, wantPrev := "汇总表", 0
		if at.Page == 2 {
			want, wantPrev = "分表", parts
		}
		if r.Page.FirstLine != want || r.Page.PrevParts != wantPrev {
			t.Errorf("page %d part %d: first line %q, %d parts before; want %q, %d", at.Page, at.Part, r.Page.FirstLine, r.Page.PrevParts, want, wantPrev)
		}
	}
}

// TestReadOfABigTextHoldsLittle: what the page of a text costs does not
// grow with the text: a text four times as long (one page, as a text file
// has it) costs about the same. It cost the text three times over plus
// the word analysis of all of it for suggestions (some 300 MB a MB).
func TestReadOfABigTextHoldsLittle(t *testing.T) {
	e := testenv.New(t)
	line := "二〇一八年全市共建成社区学习共同体一千二百个，推进学分银行建设。\n"
	allocated := func(lines int) (uint64, int) {
		body := strings.Repeat(line, lines)
		id := withText(t, e, []string{body})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r, err := e.Documents.Read(context.Background(), coordA, id, documents.PageAt{Page: 1, Part: 2}, 5)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		if r.Page.Part != 2 || len(r.Suggestions) == 0 {
			t.Fatalf("the page of a %d KB text: part %d, %d suggestions; want part 2 and suggestions", len(body)>>10, r.Page.Part, len(r.Suggestions))
		}
		return after.TotalAlloc - before.TotalAlloc, len(body)
	}
	short, n := allocated(8_000)
	long, m := allocated(32_000)
	t.Logf("the page of a %d KB text allocated %d MB, of a %d KB text %d MB", n>>10, short>>20, m>>10, long>>20)
	if long > short*3/2 {
		t.Errorf("the page of a %d KB text allocated %d MB, of a %d KB one %d MB: want about the same", n>>10, short>>20, m>>10, long>>20)
	}
}

// TestSuggestionsOfABigTextHoldLittle: the API's suggestions for a
// document look at the head of its text, as its page does, and agree with
// the page's: what they cost does not grow with the text. They loaded the
// whole text and analysed every word of it (some 300 MB a MB).
func TestSuggestionsOfABigTextHoldLittle(t *testing.T) {
	e := testenv.New(t)
	line := "二〇一八年全市共建成社区学习共同体一千二百个，推进学分银行建设。\n"
	allocated := func(lines int) (uint64, int) {
		body := strings.Repeat(line, lines) + strings.Repeat("老年大学、老年教育、老年人学习。\n", lines/2)
		id := withText(t, e, []string{body})
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		got, err := e.Documents.Suggestions(context.Background(), coordA, id, 5)
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		r, err := e.Documents.Read(context.Background(), coordA, id, documents.PageAt{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		scores := func(ss []search.Suggestion) string {
			var b strings.Builder
			for _, s := range ss {
				fmt.Fprintf(&b, "%s:%.3f ", s.Code, s.Score)
			}
			return b.String()
		}
		if len(got) == 0 || scores(got) != scores(r.Suggestions) {
			t.Fatalf("suggestions of a %d KB text: %s; want those its page shows, %s", len(body)>>10, scores(got), scores(r.Suggestions))
		}
		return after.TotalAlloc - before.TotalAlloc, len(body)
	}
	short, n := allocated(4_000)
	long, m := allocated(16_000)
	t.Logf("suggestions of a %d KB text allocated %d MB, of a %d KB text %d MB", n>>10, short>>20, m>>10, long>>20)
	if long > short*3/2 {
		t.Errorf("suggestions of a %d KB text allocated %d MB, of a %d KB one %d MB: want about the same", n>>10, short>>20, m>>10, long>>20)
	}
}

// TestFindLooksInTheWholeText: find-in-document finds a string anywhere
// in the text, past where the index stops too (search does not find it
// there), in the part of a long page where the page shows it, across the
// edge of two parts, and counts it on each page.
func TestFindLooksInTheWholeText(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	filler := strings.Repeat("推进学习型城市建设工作。", 50_000) // 1.8 MB, past the index
	edge := documents.PartBytes - len("学分")          // 学分银行 across parts 1 and 2
	long := filler[:edge-edge%3] + "学分银行" + filler[edge-edge%3:] + "社区学院共有学员三千人。"
	id := withText(t, e, []string{"目录：学分银行", "", long, "附录：学分银行、学分银行"})
	f, err := e.Documents.Find(ctx, coordA, id, "学分 银行")
	if err != nil {
		t.Fatal(err)
	}
	type where struct{ page, part, count int }
	var got []where
	for _, p := range f.Pages {
		got = append(got, where{p.Page, p.Part, p.Count})
	}
	// Across parts 1 and 2, it is where it starts: in part 1.
	want := []where{{1, 1, 1}, {3, 1, 1}, {4, 1, 2}}
	if fmt.Sprint(got) != fmt.Sprint(want) || f.Total != 4 || f.Query != "学分银行" {
		t.Errorf("find 学分 银行: %v (total %d, query %q), want %v (total 4, 学分银行)", got, f.Total, f.Query, want)
	}
	if len(f.Pages) > 1 && !strings.Contains(f.Pages[1].Before, "建设工作。推进学习型城市") {
		t.Errorf("find across the edge of two parts: before %q, want the text before it", f.Pages[1].Before)
	}
	f, err = e.Documents.Find(ctx, coordA, id, "三千人")
	if err != nil || len(f.Pages) != 1 || f.Pages[0].Page != 3 || !f.Pages[0].Unindexed || !strings.HasSuffix(f.Pages[0].Before, "社区学院共有学员") {
		t.Fatalf("find 三千人 past the index: %+v, %v; want page 3, unindexed, after 社区学院共有学员", f, err)
	}
	wantPart := (len(long) + documents.PartBytes - 1) / documents.PartBytes
	if f.Pages[0].Part != wantPart {
		t.Errorf("find 三千人: part %d, want the last, %d", f.Pages[0].Part, wantPart)
	}
	if f, err := e.Documents.Find(ctx, coordA, id, "终身教育"); err != nil || len(f.Pages) != 0 {
		t.Errorf("find 终身教育: %+v, %v; want nothing", f, err)
	}
	if _, err := e.Documents.Find(ctx, coordA, id, "  "); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("find blank: %v, want EINVALID", err)
	}
	// As long as a search's query may be, not 60,000 characters walked
	// through the whole text on every request.
	if _, err := e.Documents.Find(ctx, coordA, id, strings.Repeat("学", documents.MaxFindRunes)); err != nil {
		t.Errorf("find %d characters: %v, want found or not", documents.MaxFindRunes, err)
	}
	if _, err := e.Documents.Find(ctx, coordA, id, strings.Repeat("学", documents.MaxFindRunes+1)); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "过长") {
		t.Errorf("find %d characters: %v, want EINVALID saying it is too long", documents.MaxFindRunes+1, err)
	}
}

// TestFindPassesOverLineBreaksAndSpaces: a phrase the extracted text
// breaks with a line break, spaces or a character that shows nothing (a
// PDF's 学分\n银行) is found, its span as the text writes it; a part's edge
// inside a run of spaces does not hide one either, and a line break does
// not join what is not the phrase.
func TestFindPassesOverLineBreaksAndSpaces(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	filler := strings.Repeat("推进学习型城市建设工作。", 30_000) // past a part
	edge := documents.PartBytes - len("学分") - 100
	spaces := strings.Repeat(" ", 200) // the part's edge is in them
	long := filler[:edge-edge%3] + "学分" + spaces + "银行" + filler[edge-edge%3:]
	id := withText(t, e, []string{
		"建立学分\n银行制度",
		"学 分 银 行",
		"学\u200b分\u00a0银\r\n行",
		long,
		"学分。银行",
	})
	f, err := e.Documents.Find(ctx, coordA, id, "学分银行")
	if err != nil {
		t.Fatal(err)
	}
	type where struct {
		page, part int
		match      string
		count      int
	}
	var got []where
	for _, p := range f.Pages {
		got = append(got, where{p.Page, p.Part, p.Match, p.Count})
	}
	want := []where{
		{1, 1, "学分\n银行", 1},
		{2, 1, "学 分 银 行", 1},
		{3, 1, "学\u200b分\u00a0银\r\n行", 1},
		{4, 1, "学分" + spaces + "银行", 1},
	}
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) || f.Total != 4 {
		t.Errorf("find 学分银行: %+v (total %d), want %+v (total 4): whitespace parts no phrase, punctuation does", got, f.Total, want)
	}
	if len(f.Pages) > 0 && (f.Pages[0].Before != "建立" || f.Pages[0].After != "制度") {
		t.Errorf("find 学分银行 on page 1: before %q after %q, want 建立 and 制度", f.Pages[0].Before, f.Pages[0].After)
	}
	if f, err := e.Documents.Find(ctx, coordA, id, "分银"); err != nil || f.Total != 4 || f.Pages[0].Match != "分\n银" {
		t.Errorf("find 分银: %+v, %v; want 4 occurrences, the first 分\\n银", f, err)
	}
}
