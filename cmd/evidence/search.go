package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
	"github.com/lcmonitor/evidence/search"
)

var markTags = regexp.MustCompile(`</?mark>`)

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("search", stderr)
	city := fs.String("city", "", "城市`代码`，多个用逗号隔开")
	indicator := fs.String("indicator", "", "指标`编号`，多个用逗号隔开")
	docType := fs.String("type", "", "文档`类型`，多个用逗号隔开")
	year := fs.String("year", "", "`年份`，多个用逗号隔开")
	var rounds listValue
	fs.Var(&rounds, "round", "监测`轮次`（如 2024），多个用逗号隔开或重复此选项；文档计入的轮次，没有轮次的按成文年份")
	from := fs.String("from", "", "成文日期不早于此`日期`（2018、2018-03、2018-03-20、2018年3月20日）")
	to := fs.String("to", "", "成文日期不晚于此`日期`（只写年或月时为其最后一天）")
	order := fs.String("sort", "", "结果的`顺序`：relevance（按相关度，默认）、issued（按成文日期，新的在前）、issued_asc（按成文日期，旧的在前）、uploaded（按上传时间，新的在前）")
	size := fs.Int("size", 10, "显示的结果条数")
	substring := fs.Bool("substring", false, "在文字中的任何位置匹配每个词，也包括与相邻的字组成了别的词之处（如“南京市长江大桥”中的“市长”）")
	withReturned := fs.Bool("include-returned", false, "也列出协调员已退回、且未作为任何指标佐证材料的文件（默认不列出）")
	asJSON := fs.Bool("json", false, "以 JSON 输出结果")
	server := fs.String("server", os.Getenv("EVIDENCE_SERVER"), "通过运行中的档案系统（此`网址`）检索，而不打开数据文件夹（或 $EVIDENCE_SERVER）")
	token := fs.String("token", os.Getenv("EVIDENCE_TOKEN"), "API `令牌`，用于 --server（或 $EVIDENCE_TOKEN）")
	if err := parseFlags(fs, reorderFlags(args)); err != nil {
		return flagsError(err)
	}
	lang, err := langOf(fs)
	if err != nil {
		return err
	}
	req := search.Request{Query: strings.Join(fs.Args(), " "), Cities: catalog.SplitList(*city),
		Indicators: catalog.SplitList(*indicator), DocTypes: catalog.SplitList(*docType), Size: *size, Substring: *substring,
		IncludeReturned: *withReturned}
	for _, y := range catalog.SplitList(*year) {
		n, err := strconv.Atoi(y)
		if err != nil {
			return catalog.Errorf(catalog.EINVALID, "年份应为四位数字，收到 %q", y)
		}
		req.Years = append(req.Years, n)
	}
	if req.Rounds, err = parseRounds(rounds); err != nil {
		return err
	}
	if req.IssuedFrom, req.IssuedTo, err = search.ParseIssuedRange("from", *from, "to", *to); err != nil {
		return err
	}
	if req.Sort, err = search.ParseSort(*order); err != nil {
		return err
	}
	var res *search.Result
	if *server != "" {
		c := &remote{base: strings.TrimRight(*server, "/"), token: *token, client: &http.Client{}, lang: lang}
		res, err = c.search(ctx, req)
	} else {
		res, err = searchLocally(ctx, *data, req, stderr)
	}
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	sayln(stdout, lang, "共 %d 条结果（%d ms）", res.Total, res.TookMS)
	if len(res.Scope) > 0 {
		names := make([]string, len(res.Scope))
		for i, c := range res.Scope {
			names[i] = c.Name + words(lang, "（"+c.Code+"）", " ("+c.Code+")")
		}
		sayln(stdout, lang, "仅检索了您的账号可查看的城市：%s", strings.Join(names, words(lang, "、", ", ")))
	}
	if res.Notice != "" {
		fmt.Fprintln(stdout, words(lang, res.Notice, res.NoticeEn))
	}
	if res.SubstringNotice != "" {
		fmt.Fprintln(stdout, words(lang, res.SubstringNotice, res.SubstringNoticeEn))
	}
	if res.PassageNotice != "" {
		fmt.Fprintln(stdout, words(lang, res.PassageNotice, res.PassageNoticeEn))
	}
	for i, h := range res.Hits {
		docType := catalog.DocType(h.DocType)
		fmt.Fprintf(stdout, "\n%d. %s  [%s · %s]  %s\n", req.From+i+1, h.Title, hitCity(h, lang),
			words(lang, catalog.DocTypeLabels[docType], catalog.DocTypeLabelsEN[docType]), h.ID)
		for _, f := range h.Fragments {
			sayln(stdout, lang, "   第%d页：%s", f.Page, plainFragment(f.HTML))
		}
	}
	if a := res.AsSubstring; a != nil {
		fmt.Fprintln(stdout)
		sayln(stdout, lang, "另有 %d 份材料含有%s，但它在文中与相邻的字组成了别的词，未按词匹配；加 --substring 可找到这些材料",
			a.Count, quotedWords(a.Words))
	}
	if n := res.ReturnedHidden; n > 0 {
		fmt.Fprintln(stdout)
		sayln(stdout, lang, "另有 %d 份已被协调员退回的文件符合检索条件，未列出；加 --include-returned 可列出", n)
	}
	if a := res.NumberAlone; a != nil {
		fmt.Fprintln(stdout)
		sayln(stdout, lang, "带单位的数字只匹配单位相同的写法（如“人”不匹配“人次”）；只搜数字“%s”可找到 %d 份材料", a.Query, a.Count)
	}
	return nil
}

// listValue is a flag given as a comma-separated list, or repeated, or
// both (--round 2023,2024 --round 2025): every value given, in order.
type listValue []string

func (v *listValue) String() string { return strings.Join(*v, ",") }

func (v *listValue) Set(s string) error {
	*v = append(*v, catalog.SplitList(s)...)
	return nil
}

// parseRounds reads --round as the API reads round= (catalog.ParseListRound),
// so that a round the command line refuses is refused in the same words
// on the search page and by the API.
func parseRounds(values []string) ([]int, error) {
	var rounds []int
	for _, s := range values {
		n, err := catalog.ParseListRound("round", s)
		if err != nil {
			return nil, err
		}
		if n != 0 {
			rounds = append(rounds, n)
		}
	}
	return rounds, nil
}

// quotedWords are words each in Chinese quotation marks, joined by 、.
func quotedWords(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "“" + w + "”"
	}
	return strings.Join(q, "、")
}

// searchLocally opens the data folder's index and searches it. While
// `evidence serve` holds the index the error says to search through it.
func searchLocally(ctx context.Context, data string, req search.Request, stderr io.Writer) (*search.Result, error) {
	a, err := openApp(ctx, data, quietLogger(stderr), appOptions{withIndex: true, existing: true})
	if catalog.ErrorCode(err) == catalog.EUNAVAILABLE && strings.Contains(catalog.ErrorMessage(err), "索引目录") {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "索引正被运行中的 evidence serve 使用；请通过它检索：evidence search --server http://地址 --token 令牌 检索词（或设置 EVIDENCE_SERVER 和 EVIDENCE_TOKEN） / the index is held by a running evidence serve: search through it with --server URL --token TOKEN (or $EVIDENCE_SERVER)")
	}
	if err != nil {
		return nil, err
	}
	defer a.close()
	return a.search.Search(ctx, req)
}

// plainFragment shows a fragment in a terminal: marks become 【】 and
// entities are decoded.
func plainFragment(h string) string {
	h = markTags.ReplaceAllStringFunc(h, func(t string) string {
		if t == "<mark>" {
			return "【"
		}
		return "】"
	})
	r := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", `"`, "&#39;", "'", "&amp;", "&")
	return r.Replace(h)
}

// hitCity names a hit's city as people know it, 杭州 rather than 330100;
// the code stands in only for a city the archive has no name for.
func hitCity(h search.Hit, lang report.Lang) string {
	if strings.TrimSpace(h.CityName) == "" {
		return h.City
	}
	return words(lang, h.CityName, catalog.City{Code: h.City, Name: h.CityName}.EnglishName())
}
