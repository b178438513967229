package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/search"
)

var markTags = regexp.MustCompile(`</?mark>`)

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, data := newFlags("search", stderr)
	city := fs.String("city", "", "city codes, comma-separated")
	indicator := fs.String("indicator", "", "indicator codes, comma-separated")
	docType := fs.String("type", "", "document types, comma-separated")
	year := fs.String("year", "", "years, comma-separated")
	size := fs.Int("size", 10, "number of hits")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(reorderFlags(args)); err != nil {
		return err
	}
	req := search.Request{Query: strings.Join(fs.Args(), " "), Cities: catalog.SplitList(*city),
		Indicators: catalog.SplitList(*indicator), DocTypes: catalog.SplitList(*docType), Size: *size}
	for _, y := range catalog.SplitList(*year) {
		n, err := strconv.Atoi(y)
		if err != nil {
			return catalog.Errorf(catalog.EINVALID, "年份应为四位数字,收到 %q", y)
		}
		req.Years = append(req.Years, n)
	}
	a, err := openApp(ctx, *data, quietLogger(stderr), appOptions{withIndex: true})
	if err != nil {
		return err
	}
	defer a.close()
	res, err := a.search.Search(ctx, req)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		return enc.Encode(res)
	}
	fmt.Fprintf(stdout, "共 %d 条结果(%d ms)\n", res.Total, res.TookMS)
	for i, h := range res.Hits {
		fmt.Fprintf(stdout, "\n%d. %s  [%s · %s]  %s\n", req.From+i+1, h.Title, h.City,
			catalog.DocTypeLabels[catalog.DocType(h.DocType)], h.ID)
		for _, f := range h.Fragments {
			fmt.Fprintf(stdout, "   第%d页:%s\n", f.Page, plainFragment(f.HTML))
		}
	}
	return nil
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
