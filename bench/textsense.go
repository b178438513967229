package bench

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/ingest/fields"
	"github.com/lcmonitor/evidence/neardup"
)

// TextSenseDetails are the figures of reading documents beyond their words:
// official-document fields and near duplicates, each on its labelled set.
type TextSenseDetails struct {
	Fields         fields.Accuracy `json:"fields"`
	FieldsBaseline fields.Accuracy `json:"fields_baseline"` // first line, first 文号-like string, last date
	NearDup        neardupFigures  `json:"near_duplicates"`
}

type neardupFigures struct {
	Pairs                             int
	Precision, Recall                 float64
	BaselinePrecision, BaselineRecall float64 // identical text only, as exact duplicates are found today
}

// textSense measures field reading (ingest/fields) on its labelled
// documents, as the pipeline stores text (normalised), against a naive
// reader; and near duplicates (neardup) on its labelled pairs against
// linking identical texts only.
func (r *run) textSense(ctx context.Context) error {
	d := &TextSenseDetails{}
	cases, err := fields.LoadCases(r.cfg.FieldsDir)
	if err != nil {
		r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("fields: no labelled set (%v)", err))
	} else {
		d.Fields = fields.Evaluate(cases, extract.Normalize)
		d.FieldsBaseline = naiveFields(cases)
		g := fields.Goals
		pct := func(x float64) float64 { return 100 * x }
		r.res.Figures = append(r.res.Figures,
			figure("fields read from the text: 文号", pct(d.Fields.DocNumber), "%", pct(d.FieldsBaseline.DocNumber),
				"% first 〔〕号-like string", "≥ 95%", ptr(d.Fields.DocNumber >= g.DocNumber)),
			figure("fields read from the text: 成文日期", pct(d.Fields.IssuedOn), "%", pct(d.FieldsBaseline.IssuedOn),
				"% last date in the text", "≥ 90%", ptr(d.Fields.IssuedOn >= g.IssuedOn)),
			figure("fields read from the text: 发文机关", pct(d.Fields.Issuer), "%", pct(d.FieldsBaseline.Issuer),
				"% none read", "≥ 85%", ptr(d.Fields.Issuer >= g.Issuer)),
			figure("fields read from the text: title", pct(d.Fields.Title), "%", pct(d.FieldsBaseline.Title),
				"% first line", "≥ 85%", ptr(d.Fields.Title >= g.Title)))
	}
	pairs, err := neardup.LoadPairs(r.cfg.NearDupDir)
	if err != nil {
		r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("near duplicates: no labelled pairs (%v)", err))
	} else {
		ev := neardup.Evaluate(pairs)
		bp, br := identicalOnly(pairs)
		d.NearDup = neardupFigures{Pairs: len(pairs), Precision: ev.Precision, Recall: ev.Recall,
			BaselinePrecision: bp, BaselineRecall: br}
		r.res.Figures = append(r.res.Figures,
			figure("near duplicates: precision", 100*ev.Precision, "%", 100*bp, "% identical text only", "≥ 95%",
				ptr(ev.Precision >= 0.95)),
			figure("near duplicates: recall", 100*ev.Recall, "%", 100*br, "% identical text only", "≥ 95%",
				ptr(ev.Recall >= 0.95)))
	}
	r.res.TextSense = d
	return nil
}

var (
	naiveDocNumber = regexp.MustCompile(`\p{Han}+[〔\[【(（]\d{4}[〕\]】)）]\d+号`)
	naiveDate      = regexp.MustCompile(`(\d{4})年(\d{1,2})月(\d{1,2})日`)
)

// naiveFields is what a reader without knowledge of official documents
// gets: the first line as title, the first 文号-like string, the last date.
func naiveFields(cases []fields.Case) fields.Accuracy {
	a := fields.Accuracy{Cases: len(cases)}
	if len(cases) == 0 {
		return a
	}
	var ok [4]int
	for _, c := range cases {
		text := extract.Normalize(strings.Join(c.Pages, "\n"))
		title, _, _ := strings.Cut(strings.TrimSpace(text), "\n")
		num := naiveDocNumber.FindString(text)
		num = strings.NewReplacer("[", "〔", "]", "〕", "【", "〔", "】", "〕", "(", "〔", ")", "〕", "（", "〔", "）", "〕").Replace(num)
		date := ""
		if m := naiveDate.FindAllStringSubmatch(text, -1); m != nil {
			last := m[len(m)-1]
			date = fmt.Sprintf("%s-%02s-%02s", last[1], last[2], last[3])
			date = strings.ReplaceAll(date, " ", "0")
		}
		for i, got := range []string{strings.TrimSpace(title), num, "", date} {
			want := []string{c.Want.Title, c.Want.DocNumber, c.Want.Issuer, c.Want.IssuedOn}[i]
			if got == want {
				ok[i]++
			}
		}
	}
	n := float64(len(cases))
	a.Title, a.DocNumber, a.Issuer, a.IssuedOn = float64(ok[0])/n, float64(ok[1])/n, float64(ok[2])/n, float64(ok[3])/n
	return a
}

// identicalOnly links a pair only when its normalised texts are equal.
func identicalOnly(pairs []neardup.Pair) (precision, recall float64) {
	var tp, fp, fn int
	for _, p := range pairs {
		linked := extract.Normalize(p.TextA) == extract.Normalize(p.TextB)
		switch {
		case linked && p.Same:
			tp++
		case linked:
			fp++
		case p.Same:
			fn++
		}
	}
	precision, recall = 1, 1
	if tp+fp > 0 {
		precision = float64(tp) / float64(tp+fp)
	}
	if tp+fn > 0 {
		recall = float64(tp) / float64(tp+fn)
	}
	return precision, recall
}
