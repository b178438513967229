package index

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// substringCorpus holds words gse does not know as one word (event names,
// numbers with units, codes, 文号) next to the traps that must not match,
// and a document written in traditional characters and full-width forms.
var substringCorpus = []Document{
	{ID: "week", Title: "2018年市民学习周活动方案", Pages: []string{"全市组织市民学习周,各区同步举办全民终身学习活动周。"}},
	{ID: "visits", Pages: []string{"全年参与学习的市民达12.3万人次,比上年增长8%。"}},
	{ID: "visits-other", Pages: []string{"全年参与学习的市民达112.3万人次。"}},
	{ID: "talks", Pages: []string{"2017年全年共举办342场大讲堂。"}},
	{ID: "talks-other", Pages: []string{"2017年全年共举办1342场大讲堂,3420场讲座。"}},
	{ID: "scenic", Pages: []string{"新增5A级景区学习点两处,投入1,234万元。"}},
	{ID: "notice", Pages: []string{"根据《宁波市人民政府关于加快发展学习型城市的意见》(甬政发〔2015〕58号)精神。"}},
	{ID: "notice-serial", Pages: []string{"依据甬政办发〔2016〕第7号文件精神,制定本方案。"}},
	{ID: "bridge", Pages: []string{"南京市长江大桥是城市交通的重要通道。"}},
	{ID: "mayor", Pages: []string{"市长来到社区学校调研老年教育工作。"}},
	{ID: "monk", Pages: []string{"社区工作者和尚未报名的市民一起参加学习。"}},
	{ID: "monk-word", Pages: []string{"寺里的和尚也来听讲。"}},
	{ID: "traditional", Title: "關於建立學分銀行的實施意見", Pages: []string{"現就建立學分銀行提出如下意見,全年舉辦１２．３萬人次培訓。"}},
	{ID: "simplified", Pages: []string{"宁波市学分银行已为十二万名市民建立了学习账户。"}},
	{ID: "numbered", Title: "关于推进社区教育的通知", DocNumber: "杭政办发〔2018〕12号", Pages: []string{"各区、县(市)人民政府:现将有关事项通知如下。"}},
}

func TestSubstringSearch(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(context.Background(), substringCorpus); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		// Not dictionary words: found wherever they occur as substrings.
		{"学习周", []string{"week"}},
		{"活动周", []string{"week"}},
		{"12.3万", []string{"traditional", "visits"}},
		{"12.3万人次", []string{"traditional", "visits"}},
		{"342场", []string{"talks"}},
		{"5A级", []string{"scenic"}},
		{"5a级", []string{"scenic"}},
		{"1,234万", []string{"scenic"}},
		{"甬政发〔2015〕58号", []string{"notice"}},
		{"〔2015〕58号", []string{"notice"}},
		// A 文号 as users type it: with [], () or （） for 〔〕.
		{"甬政发[2015]58号", []string{"notice"}},
		{"甬政发(2015)58号", []string{"notice"}},
		{"甬政发（2015）58号", []string{"notice"}},
		{"甬政发【2015】58号", []string{"notice"}},
		// …and without brackets at all: the year after the issuer's
		// abbreviation, with 年 when the serial follows.
		{"甬政发2015", []string{"notice"}},
		{"甬政发2015年58号", []string{"notice"}},
		{"甬政发2015第58号", []string{"notice"}},
		{"甬政发2016", nil},
		{"甬政发2015年59号", nil},
		// …and with 第 before the serial or without, as the document
		// has it or not.
		{"甬政发〔2015〕第58号", []string{"notice"}},
		{"甬政办发〔2016〕7号", []string{"notice-serial"}},
		{"甬政办发[2016]7号", []string{"notice-serial"}},
		{"甬政办发2016年7号", []string{"notice-serial"}},
		{"甬政办发〔2016〕第7号", []string{"notice-serial"}},
		{"甬政办发〔2016〕第17号", nil},
		{"甬政办发〔2016〕17号", nil},
		// The 文号 given with a document finds it, though its text has none.
		{"杭政办发〔2018〕12号", []string{"numbered"}},
		{"杭政办发[2018]12号", []string{"numbered"}},
		// Numbers are not cut out of longer numbers.
		{"3万", nil},
		{"2.3万", nil},
		{"420场", nil},
		// Dictionary words keep their boundaries.
		{"市长", []string{"mayor"}},
		{"和尚", []string{"monk-word"}},
		// Simplified and traditional meet, both ways; full-width too.
		{"學分銀行", []string{"simplified", "traditional"}},
		{"学分银行", []string{"simplified", "traditional"}},
		{"１２．３万", []string{"traditional", "visits"}},
		{"实施意见", []string{"traditional"}},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// A substring query word is the phrase of a cover of its pairs, every
// other one (zh.Bigrams); the positions around whitespace keep that
// exact: a document whose pairs would fill the open positions across
// whitespace is not a match (schema 4 matched 乡村 村振兴 for 乡村振兴),
// whitespace in the query word is needed in the document, and so is a
// character alone between whitespace (schema 4 dropped it: "plan b" found
// "plan a", "abc def" found "abc x def").
func TestSubstringCoverNeedsTheWholeWord(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "whole", Pages: []string{"全面推进乡村振兴战略，开展职业技能培训。"}},
		{ID: "split", Pages: []string{"乡村 振兴"}},
		{ID: "split-filled", Pages: []string{"乡村 村振兴，职业 业技能 能培训"}},
		{ID: "ascii", Pages: []string{"编号 abc def 的项目"}},
		{ID: "ascii-wide", Pages: []string{"编号 abc \n\n def 的项目"}},
		{ID: "ascii-filled", Pages: []string{"编号 abcXdef 的项目"}},
		{ID: "ascii-joined", Pages: []string{"编号 abcdef 的项目"}},
		{ID: "ascii-lone", Pages: []string{"编号 abc x def 的项目"}},
		{ID: "plan-a", Pages: []string{"plan a is ready"}},
		{ID: "plan-b", Pages: []string{"plan b is ready"}},
	})
	for _, tt := range []struct {
		word string
		want []string
	}{
		{"乡村振兴", []string{"whole"}},
		{"职业技能培训", []string{"whole"}},
		{"推进乡村振兴战略", []string{"whole"}},
		{"abc def", []string{"ascii", "ascii-wide"}},
		{"abcdef", []string{"ascii-joined"}},
		// A character alone between whitespace is neither lost nor skipped.
		{"abc x def", []string{"ascii-lone"}},
		{"plan b", []string{"plan-b"}},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: []Clause{{Any: []Term{{Text: tt.word}}}}, Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.word, err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.word, got, tt.want)
		}
		for _, h := range res.Hits {
			if len(h.Spans) == 0 {
				t.Errorf("search %q: hit %s has no highlight", tt.word, h.ID)
			}
		}
	}
}

func TestSubstringHitsAreMarkedWhole(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(context.Background(), substringCorpus); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ q, id, want string }{
		{"12.3万", "visits", "12.3万"},
		{"学习周", "week", "学习周"},
		{"甬政办发〔2016〕7号", "notice-serial", "甬政办发〔2016〕第7号"},
		{"學分銀行", "simplified", "学分银行"},
		{"12.3万", "traditional", "１２．３萬"},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Filter: Filter{IDs: []string{tt.id}}, Size: 1, WithText: true})
		if err != nil || len(res.Hits) != 1 {
			t.Fatalf("search %q in %s: %v, %d hits", tt.q, tt.id, err, len(res.Hits))
		}
		h := res.Hits[0]
		var marked []string
		for _, sp := range mergedSpans(h.Spans) {
			marked = append(marked, h.Pages[sp.Page-1][sp.Start:sp.End])
		}
		if !slices.Contains(marked, tt.want) {
			t.Errorf("search %q in %s: marked %q, want %q", tt.q, tt.id, marked, tt.want)
		}
	}
}

// mergedSpans joins overlapping spans as the search package does.
func mergedSpans(spans []Span) []Span {
	var out []Span
	for _, sp := range spans {
		if n := len(out); n > 0 && out[n-1].Page == sp.Page && sp.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

func TestMatcherFindsSubstrings(t *testing.T) {
	page := "全市组织市民学习周,共举办1342场与342场讲座,參與１２．３萬人次。"
	m, err := NewMatcher([]string{page})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		q    string
		want []string
	}{
		{"学习周", []string{"学习周"}},
		{"342场", []string{"342场"}},
		{"12.3万", []string{"１２．３萬"}},
		{"参与", []string{"參與"}},
	}
	for _, tt := range tests {
		var got []string
		for _, sp := range m.Find(tt.q) {
			got = append(got, page[sp.Start:sp.End])
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("Find(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

// A dictionary word of four characters or more is found where the text's
// segmentation cut it between other words (社区教育|网络覆盖 holds 教育网络),
// in traditional characters too; so is a word of the domain vocabulary,
// which is searched as a word (社区教育网络); shorter dictionary words keep
// their boundaries (研究生 is not in 研究|生命).
func TestLongDictionaryWordsInsideOtherWords(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "network", Pages: []string{"本市社区教育网络覆盖全市，形成四级网络体系。"}},
		{ID: "network-trad", Pages: []string{"社區教育網絡覆蓋全市。"}},
		{ID: "institute", Title: "北京教育科学研究院简报", Pages: []string{"监测工作由专家组负责。"}},
		{ID: "life", Pages: []string{"研究生命起源的课程向市民开放。"}},
	})
	for _, tt := range []struct {
		q, want string
		ids     []string
	}{
		{"教育网络", "教育网络", []string{"network", "network-trad"}},
		{"教育網絡", "教育网络", []string{"network", "network-trad"}},
		{"社区教育网络", "社区教育网络", []string{"network", "network-trad"}},
		{"社區教育網絡", "社区教育网络", []string{"network", "network-trad"}},
		{"网络体系", "网络体系", []string{"network"}},
		{"科学研究", "", []string{"institute"}},
		{"研究生", "", nil},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := ids(res); !slices.Equal(got, tt.ids) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.ids)
		}
		for _, h := range res.Hits {
			if tt.want == "" || h.ID != "network" {
				continue
			}
			var marked []string
			for _, sp := range mergedSpans(h.Spans) {
				marked = append(marked, h.Pages[sp.Page-1][sp.Start:sp.End])
			}
			if !slices.Contains(marked, tt.want) {
				t.Errorf("search %q in %s: marked %q, want %q", tt.q, h.ID, marked, tt.want)
			}
		}
	}
}

// A number with a per cent sign is that percentage, not the number with
// another unit, and its sign is marked with it.
func TestPercentagesKeepTheirSign(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "percent", Pages: []string{"全市参与学习的市民比上年增长3.5%,覆盖率达90%。"}},
		{ID: "times", Pages: []string{"社区学校学员增长3.5倍,达到90万人。"}},
		{ID: "longer", Pages: []string{"终身学习账户增长13.5%,达到190%。"}},
	})
	for _, tt := range []struct {
		q, want string
		ids     []string
	}{
		{"3.5%", "3.5%", []string{"percent"}},
		{"增长3.5%", "增长3.5%", []string{"percent"}},
		{"９０％", "90%", []string{"percent"}},
		{"3.5", "", []string{"percent", "times"}},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := ids(res); !slices.Equal(got, tt.ids) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.ids)
		}
		for _, h := range res.Hits {
			if tt.want == "" {
				continue
			}
			var marked []string
			for _, sp := range mergedSpans(h.Spans) {
				marked = append(marked, h.Pages[sp.Page-1][sp.Start:sp.End])
			}
			if !slices.Contains(marked, tt.want) {
				t.Errorf("search %q in %s: marked %q, want %q", tt.q, h.ID, marked, tt.want)
			}
		}
	}
}

// A phrase that runs from one page onto the next is found, and marked on
// both pages.
func TestPhraseAcrossPages(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "two-pages", Pages: []string{"一、基本情况\n截至年底,全市社区学校数量达", "到342所,覆盖所有街道。"}},
		{ID: "paragraphs", Pages: []string{"全市社区学校数量达\n\n到342所。"}},
		{ID: "other", Pages: []string{"全市社区学校数量达", "", "到342所。"}},
	})
	res, err := idx.Search(context.Background(), Query{Clauses: terms("数量达到342所"), Size: 10, WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res); !slices.Equal(got, []string{"two-pages"}) {
		t.Fatalf("search 数量达到342所: got %v, want [two-pages]", got)
	}
	h := res.Hits[0]
	var marked []string
	for _, sp := range mergedSpans(h.Spans) {
		marked = append(marked, fmt.Sprintf("%d:%s", sp.Page, h.Pages[sp.Page-1][sp.Start:sp.End]))
	}
	if want := []string{"1:数量达", "2:到342所"}; !slices.Equal(marked, want) {
		t.Errorf("search 数量达到342所: marked %q, want %q", marked, want)
	}
	// The matcher, which marks a document's page, finds the same.
	m, err := NewMatcher(h.Pages)
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, sp := range m.Find("数量达到342所") {
		found = append(found, fmt.Sprintf("%d:%s", sp.Page, h.Pages[sp.Page-1][sp.Start:sp.End]))
	}
	if !slices.Equal(found, marked) {
		t.Errorf("matcher 数量达到342所: found %q, want %q as search marked", found, marked)
	}
}

// A dictionary word that runs from one page onto the next (a domain word,
// which is searched as a word, or a word of two characters) is found, and
// marked on both pages, as the search marks it; a page that ends a
// sentence is not joined to the next.
func TestWordAcrossPages(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "domain-word", Pages: []string{"我市持续完善社区教育网络，着力建设终身", "教育体系，推动市民学习常态化。"}},
		{ID: "short-word", Pages: []string{"全市建立了学", "分银行制度，开展成果认", "证。"}},
		{ID: "sentence-end", Pages: []string{"全市建立了学分。", "银行开展合作。"}},
		// Page numbers at the foot of the pages, as the 公文 standard
		// and others set them; a bare figure may be text and stays.
		{ID: "foot-dash", Pages: []string{"着力建设终身\n— 1 —", "教育体系，完善社区学\n- 2 -", "校布局。\n— 3 —"}},
		{ID: "foot-page", Pages: []string{"推进学习成果认\n\n第1页 共2页", "证制度建设。\n\n第2页 共2页"}},
		{ID: "foot-bare", Pages: []string{"合计完成学习成果认\n128", "证制度建设。"}},
		{ID: "foot-fraction", Pages: []string{"达标街道占比如下：\n2/3", "以上的街道建成学习中心。"}},
		// A page's number with the number of pages (1/2) is its foot;
		// a fraction that is not the page's number is text.
		{ID: "foot-of-pages", Pages: []string{"推进学习成果认\n1/2", "证制度建设。\n2/2"}},
		{ID: "fraction-not-page", Pages: []string{"第一部分。", "达标街道占比：\n1/3", "以上的街道建成学习中心。"}},
		// A fraction naming its page and the number of pages, which no
		// page beside it follows, and a date, are text.
		{ID: "fraction-as-page", Pages: []string{"全市街道中，已建成社区学校的占比为\n1/2", "以上的街道建成学习中心。"}},
		{ID: "date-on-foot", Pages: []string{"一", "二", "活动定于\n3/15", "在市民中心举行。"}},
	})
	for _, tt := range []struct {
		q    string
		want map[string]string // document → the pages and text marked in it
	}{
		{"终身教育体系", map[string]string{"domain-word": "1:终身 2:教育体系", "foot-dash": "1:终身 2:教育体系"}},
		{"学分银行", map[string]string{"short-word": "1:学 2:分银行"}},
		{"学分", map[string]string{"short-word": "1:学 2:分", "sentence-end": "1:学分"}},
		{"认证", map[string]string{"short-word": "2:认 3:证", "foot-page": "1:认 2:证", "foot-of-pages": "1:认 2:证"}},
		{"社区学校", map[string]string{"foot-dash": "2:社区学 3:校", "fraction-as-page": "1:社区学校"}},
		{"学习成果认证制度", map[string]string{"foot-page": "1:学习成果认 2:证制度", "foot-of-pages": "1:学习成果认 2:证制度"}},
		{"1/3以上的街道", map[string]string{"fraction-not-page": "2:1/3 3:以上的街道"}},
		{"建设终身教育", map[string]string{"domain-word": "1:建设终身 2:教育", "foot-dash": "1:建设终身 2:教育"}},
		// A fraction on a page's last line is a figure, not its number.
		{"2/3", map[string]string{"foot-fraction": "1:2/3"}},
		{"1/2", map[string]string{"fraction-as-page": "1:1/2"}},
		{"3/15", map[string]string{"date-on-foot": "3:3/15"}},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 10, WithText: true})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, h := range res.Hits {
			var marked []string
			for _, sp := range mergedSpans(h.Spans) {
				marked = append(marked, fmt.Sprintf("%d:%s", sp.Page, h.Pages[sp.Page-1][sp.Start:sp.End]))
			}
			m, err := NewMatcher(h.Pages)
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, sp := range m.Find(tt.q) {
				found = append(found, fmt.Sprintf("%d:%s", sp.Page, h.Pages[sp.Page-1][sp.Start:sp.End]))
			}
			if !slices.Equal(found, marked) {
				t.Errorf("search %q in %s: matcher found %q, search marked %q", tt.q, h.ID, found, marked)
			}
			got[h.ID] = strings.Join(marked, " ")
		}
		if tt.want == nil {
			tt.want = map[string]string{}
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// A page number at the foot of a page does not join the number at the
// head of the next: 2017年 is still found there, and 32017年 is not.
func TestPageNumberDoesNotJoinTheNextPage(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "footer", Pages: []string{"第一部分\n\n3", "2017年全市举办讲座。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"2017年全市", []string{"footer"}},
		{"32017年", nil},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// A place name of three characters (长沙市, 北京市) is found where the
// text's segmentation cut it (长沙|市委, 北京市民 as one word); other
// words of three characters so cut are not there (研究生 in 研究|生命,
// 关工委 in 机关|工委, which is 机关工作委员会), nor a place name that
// starts inside a word (汉城市 in 武汉|城市), nor 市长 in 南京市长江大桥.
func TestPlaceNamesInsideOtherWords(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "changsha", Pages: []string{"2013年7月，长沙市委、市政府出台《关于推进学习型城市建设的意见》。"}},
		{ID: "beijing", Pages: []string{"认定为北京市民终身学习品牌项目。"}},
		{ID: "wuhan", Pages: []string{"依托武汉城市职业学院开展社区教育。"}},
		{ID: "bridge", Pages: []string{"南京市长江大桥是城市交通的重要通道。"}},
		{ID: "organs", Pages: []string{"市委市直机关工委制定了推进学习型机关建设的实施方案。"}},
		{ID: "elders", Pages: []string{"市关工委组织老同志开展关心下一代工作，机关关工委积极参与。"}},
		{ID: "civil", Pages: []string{"市民政局负责社区学习点的备案，市民踊跃参加。"}},
		{ID: "life", Pages: []string{"研究生命起源的课程向市民开放。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"长沙市", []string{"changsha"}},
		{"長沙市", []string{"changsha"}},
		{"北京市", []string{"beijing"}},
		{"武汉市", nil},
		{"汉城市", nil},
		{"南京市", []string{"bridge"}},
		{"市长", nil},
		{"关工委", []string{"elders"}},
		{"民政局", []string{"civil"}},
		{"市民", []string{"beijing", "civil", "life"}},
		{"研究生", nil},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// The letters and the number of a code are found alone (ISO in ISO9001),
// and an abbreviation's plural and its singular find each other (MOOC and
// MOOCs); other Latin words keep their boundaries.
func TestLatinPartsOfCodesAndPlurals(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "iso", Pages: []string{"社区学院通过ISO9001质量管理体系认证。"}},
		{ID: "iso-apart", Pages: []string{"开放大学通过ISO 9001认证。"}},
		{ID: "moocs", Pages: []string{"市民可在线学习MOOCs课程，下载各类学习APPs。"}},
		{ID: "mooc", Pages: []string{"上线MOOC课程120门，开发“学习强市”APP。"}},
		{ID: "news", Pages: []string{"订阅学习news频道。"}},
		{ID: "gb", Pages: []string{"城市代码按GB2260填写，共2260个。"}},
	})
	for _, tt := range []struct {
		q, mark string
		want    []string
	}{
		{"ISO", "ISO", []string{"iso", "iso-apart"}},
		{"iso", "ISO", []string{"iso", "iso-apart"}},
		{"9001", "9001", []string{"iso", "iso-apart"}},
		{"MOOC", "MOOC", []string{"mooc", "moocs"}},
		{"MOOCs", "MOOC", []string{"mooc", "moocs"}},
		{"APP", "APP", []string{"mooc", "moocs"}},
		{"APPs", "APP", []string{"mooc", "moocs"}},
		{"ＡＰＰｓ", "APP", []string{"mooc", "moocs"}},
		{"ＩＳＯ", "ISO", []string{"iso", "iso-apart"}},
		{"new", "", nil},
		{"GB", "GB", []string{"gb"}},
		{"226", "", nil},
	} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(tt.q), Size: 20, WithText: true})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		got := ids(res)
		slices.Sort(got)
		if !slices.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
		for _, h := range res.Hits {
			var marked []string
			for _, sp := range mergedSpans(h.Spans) {
				marked = append(marked, h.Pages[sp.Page-1][sp.Start:sp.End])
			}
			if !slices.Contains(marked, tt.mark) {
				t.Errorf("search %q in %s: marked %q, want %q", tt.q, h.ID, marked, tt.mark)
			}
			// The document's page marks what the hit marked.
			m, err := NewMatcher(h.Pages)
			if err != nil {
				t.Fatal(err)
			}
			var found []string
			for _, sp := range m.Find(tt.q) {
				found = append(found, h.Pages[sp.Page-1][sp.Start:sp.End])
			}
			if !slices.Contains(found, tt.mark) {
				t.Errorf("matcher %q in %s: found %q, want %q", tt.q, h.ID, found, tt.mark)
			}
		}
	}
}

// A code is found however its letters and number are written, joined or
// apart (ISO9001, ISO 9001), and marked as the document writes it.
func TestCodesJoinedOrApart(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "joined", Pages: []string{"社区学院通过ISO9001质量管理体系认证。"}},
		{ID: "apart", Pages: []string{"开放大学通过ISO 9001认证，执行GB 2260标准。"}},
		{ID: "other", Pages: []string{"老年大学通过ISO 14001认证，购置MP3播放器。"}},
		{ID: "std-apart", Pages: []string{"按照GB/T 28827—2012和JY/T 0001—2003执行。"}},
		{ID: "std-joined", Pages: []string{"参照GB/T28827-2012、DB33/T2212-2019。"}},
		// A standard's parts, and other standards whose numbers hold the
		// code's digits, which are not it.
		{ID: "std-parts", Pages: []string{"依据GB/T 28827.1-2012和GB/T28827.2开展运行维护评估。"}},
		{ID: "std-others", Pages: []string{"参照GB/T 128827.1、GB/T 288271和ISO 90011.5执行。"}},
		// Numbers after other Latin words: a point there is a fraction,
		// and a number may be grouped.
		{ID: "gdp", Pages: []string{"全市GDP 12345.6亿元，进入TOP 1000.5名单。"}},
		{ID: "gdp-grouped", Pages: []string{"全市GDP 12,345亿元。"}},
		// Standards as file names and other bodies write them.
		{ID: "gbt-part", Pages: []string{"附件：GBT 28827.1-2012信息技术服务运行维护。"}},
	})
	for _, tt := range []struct {
		q    string
		want map[string]string // document → what is marked in it
	}{
		{"ISO 9001", map[string]string{"joined": "ISO9001", "apart": "ISO 9001"}},
		{"ISO9001", map[string]string{"joined": "ISO9001", "apart": "ISO 9001"}},
		{"ｉｓｏ　９００１", map[string]string{"joined": "ISO9001", "apart": "ISO 9001"}},
		{"ISO9001认证", map[string]string{"apart": "ISO 9001认证"}},
		{"GB2260", map[string]string{"apart": "GB 2260"}},
		{"ISO14001", map[string]string{"other": "ISO 14001"}},
		{"MP 3", nil},
		{"GB/T 28827", map[string]string{"std-apart": "GB/T 28827", "std-joined": "GB/T28827", "std-parts": "GB/T 28827|GB/T28827"}},
		{"GB/T28827", map[string]string{"std-apart": "GB/T 28827", "std-joined": "GB/T28827", "std-parts": "GB/T 28827|GB/T28827"}},
		{"ＧＢ／Ｔ２８８２７", map[string]string{"std-apart": "GB/T 28827", "std-joined": "GB/T28827", "std-parts": "GB/T 28827|GB/T28827"}},
		{"GB/T 28827.1", map[string]string{"std-parts": "GB/T 28827.1"}},
		{"GB/T 28827.2", map[string]string{"std-parts": "GB/T28827.2"}},
		{"ISO 9001.5", nil},
		{"GB/T 288", nil},
		{"GDP 12345", map[string]string{"gdp-grouped": "GDP 12,345"}}, // not 12345.6
		{"TOP 1000", nil},
		{"GBT 28827", map[string]string{"gbt-part": "GBT 28827"}},
		{"GDP 12345亿元", map[string]string{"gdp-grouped": "GDP 12,345亿元"}},
		{"DB33/T 2212", map[string]string{"std-joined": "DB33/T2212"}},
		{"JY/T0001", map[string]string{"std-apart": "JY/T 0001"}},
		// A standard's year after a dash, as standards write it (—),
		// typed with a hyphen.
		{"GB/T 28827-2012", map[string]string{"std-apart": "GB/T 28827—2012", "std-joined": "GB/T28827-2012"}},
		{"JY/T 0001-2003", map[string]string{"std-apart": "JY/T 0001—2003"}},
		{"JY/T 0001–2003", map[string]string{"std-apart": "JY/T 0001—2003"}},
	} {
		got := foundBySearch(t, idx, tt.q)
		if len(tt.want) == 0 {
			tt.want = map[string]string{}
		}
		if !maps.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}

// foundBySearch searches q and returns, for each document found, what its
// page marks of q (Matcher.Find), joined by "|"; the hit's own marks must
// be those too.
func foundBySearch(t *testing.T, idx *Bleve, q string) map[string]string {
	t.Helper()
	res, err := idx.Search(context.Background(), Query{Clauses: terms(q), Size: 20, WithText: true})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	got := map[string]string{}
	for _, h := range res.Hits {
		m, err := NewMatcher(h.Pages)
		if err != nil {
			t.Fatal(err)
		}
		var found []string
		for _, sp := range m.Find(q) {
			found = append(found, h.Pages[sp.Page-1][sp.Start:sp.End])
		}
		var marked []string
		for _, sp := range mergedSpans(h.Spans) {
			marked = append(marked, h.Pages[sp.Page-1][sp.Start:sp.End])
		}
		if !slices.Equal(found, marked) {
			t.Errorf("search %q in %s: hit marks %q, document page marks %q", q, h.ID, marked, found)
		}
		got[h.ID] = strings.Join(found, "|")
	}
	return got
}

// A range written with any dash or wave (2021—2025年, 2021～2025年 as
// stored, ～ folded to ~ by extraction, 2021⸺2025年) is found as users
// type it, with a hyphen, and as written.
func TestRangesWithAnyDash(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "dash", Pages: []string{"杭州市终身教育发展规划（2021—2025年）正式印发。"}},
		{ID: "wave", Pages: []string{"宁波市学习型城市建设三年行动计划（2021~2025年）。"}},
		{ID: "wave-fullwidth", Pages: []string{"温州市社区教育发展规划（2021～2025年）。"}},
		{ID: "two-em", Pages: []string{"湖州市老年教育规划（2021⸺2025年）。"}},
		{ID: "other-years", Pages: []string{"嘉兴市规划（2021～2023年）。"}},
	})
	all := map[string]string{"dash": "2021—2025年", "wave": "2021~2025年", "wave-fullwidth": "2021～2025年", "two-em": "2021⸺2025年"}
	for _, q := range []string{"2021-2025年", "2021—2025年", "2021～2025年", "2021~2025年", "2021⸺2025年"} {
		if got := foundBySearch(t, idx, q); !maps.Equal(got, all) {
			t.Errorf("search %q: got %v, want %v", q, got, all)
		}
	}
}

// TestInvisibleCharactersAreNotIndexed: a zero-width space in a title
// copied from a web page, or a direction mark in old stored text, does not
// cut the word it sits in, and the word is marked whole.
func TestInvisibleCharactersAreNotIndexed(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "title", Title: "关于推进学\u200b习型城市建设的意见", Pages: []string{"各区人民政府：现就有关事项通知如下。"}},
		{ID: "page", Title: "工作要点", Pages: []string{"推进社区\u200e教育发展，完善老年教育体系。"}},
	})
	for q, want := range map[string]string{"学习型城市": "title", "社区教育": "page"} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(q), Size: 10, WithText: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 1 || res.Hits[0].ID != want {
			t.Errorf("search %q: got %+v, want %s", q, res.Hits, want)
			continue
		}
		if want != "page" {
			continue
		}
		var marked []string
		for _, sp := range mergedSpans(res.Hits[0].Spans) {
			marked = append(marked, res.Hits[0].Pages[sp.Page-1][sp.Start:sp.End])
		}
		if len(marked) != 1 || !strings.HasPrefix(marked[0], "社区") || !strings.HasSuffix(marked[0], "教育") {
			t.Errorf("search %q: marked %q, want 社区\u200e教育", q, marked)
		}
	}
}
