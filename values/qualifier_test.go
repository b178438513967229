package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestQualifiedFigures: a figure with a word that bounds or approximates
// it, before it (近、将近、约、超过、突破、逾、不少于) or after it or its
// unit (余、多、以上、左右), is a 约数, never the exact figure (probe s40
// #7: 突破10万人 was taken as exactly 100000, 近10万人 held no number). The
// figure a word bounds without reaching it (突破10万, 近10万, 10万余) is not
// found, and said to be written roughly (value_rough: RoughBound); one the
// word reaches (约10万, 10万人以上, 不少于10万) is found within the 约数,
// with the warning to check it (RoughIn). Either way the qualifier is
// shown with the number. A figure written plainly stays exact, and so do
// 节约10万元 and 最近3年.
func TestQualifiedFigures(t *testing.T) {
	e := testenv.New(t)
	const text = "学分银行累计开户人数突破10万人。存入学分银行的社会培训成果人数近10万人。" +
		"学分银行开户人数超过10万人。学分银行开户人数逾10万人。学分银行开户人数将近10万人。" +
		"学分银行开户人数约10万人。学分银行开户人数10万人左右。学分银行开户人数10万人以上。" +
		"学分银行开户人数不少于10万人。学分银行开户人数10万余人。学分银行开户人数10万多人。" +
		"学分银行开户人数达到10万人。成人年参与学习率超过60%。成人年参与学习率60%以上。成人年参与学习率约60%。"
	d := e.Upload(hangzhou, "学分银行年报.txt", text)
	for _, tt := range []struct {
		name, indicator, value, quote string
		found                         bool
		rough                         string
	}{
		{"突破（前）", "2.3.3", "10万", "学分银行累计开户人数突破10万人", false, "突破10万"},
		{"近（前）", "2.3.3", "10万", "存入学分银行的社会培训成果人数近10万人", false, "近10万"},
		{"超过（前）", "2.3.3", "10万", "学分银行开户人数超过10万人", false, "超过10万"},
		{"逾（前）", "2.3.3", "10万", "学分银行开户人数逾10万人", false, "逾10万"},
		{"将近（前）", "2.3.3", "10万", "学分银行开户人数将近10万人", false, "将近10万"},
		{"约（前）", "2.3.3", "10万", "学分银行开户人数约10万人", true, "约10万"},
		{"左右（单位后）", "2.3.3", "10万", "学分银行开户人数10万人左右", true, "10万人左右"},
		{"以上（单位后）", "2.3.3", "10万", "学分银行开户人数10万人以上", true, "10万人以上"},
		{"不少于（前）", "2.3.3", "10万", "学分银行开户人数不少于10万人", true, "不少于10万"},
		{"余（后）", "2.3.3", "10万", "学分银行开户人数10万余人", false, "10万余"},
		{"多（后）", "2.3.3", "10万", "学分银行开户人数10万多人", false, "10万多"},
		{"突破：范围内的数值", "2.3.3", "10.3万", "学分银行累计开户人数突破10万人", true, "突破10万"},
		{"近：范围内的数值", "2.3.3", "9.8万", "存入学分银行的社会培训成果人数近10万人", true, "近10万"},
		{"近：超出的数值", "2.3.3", "10.2万", "存入学分银行的社会培训成果人数近10万人", false, ""},
		{"确切数字", "2.3.3", "10万", "学分银行开户人数达到10万人", true, ""},
		{"超过（百分数前）", "5.1.1", "60%", "成人年参与学习率超过60%", false, "超过60%"},
		{"以上（百分号后）", "5.1.1", "60%", "成人年参与学习率60%以上", true, "60%以上"},
		{"约（百分数前）", "5.1.1", "60%", "成人年参与学习率约60%", true, "约60%"},
	} {
		v, err := e.Values.Record(ctx, coordA, values.Input{Round: 2017, Indicator: tt.indicator, Value: values.Written(tt.value),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: tt.quote}})
		if err != nil {
			t.Fatalf("%s: record %s from %q: %v", tt.name, tt.value, tt.quote, err)
		}
		rough := values.RoughBound(tt.quote, v)
		if v.ValueFound {
			rough = values.RoughIn(tt.quote, v)
		}
		if v.ValueFound != tt.found || rough != tt.rough || !v.Citation.QuoteFound {
			t.Errorf("%s: %s from %q: found %v, rough %q; want found %v, rough %q", tt.name, tt.value, tt.quote, v.ValueFound, rough, tt.found, tt.rough)
		}
	}
	for text, want := range map[string]float64{"全年节约培训经费10万元。": 100000, "最近3年新建社区学校。": 3, "签约10家企业。": 10} {
		ns := values.FindNumbers(text)
		if len(ns) != 1 || ns[0].Approx || ns[0].Value != want {
			t.Errorf("FindNumbers(%q) = %+v, want exactly %v", text, ns, want)
		}
	}
	for _, tt := range []struct {
		text, written string
		least, upTo   float64
	}{
		{"约三成社区建有学习中心。", "约三成", 25, 35},
		{"三成以上社区建有学习中心。", "三成以上", 30, 40},
		{"三成左右的家庭参与亲子共学。", "三成左右", 25, 35},
		{"参与市民将近3000人。", "将近3000", 2500, 3000},
		{"社区学校三百所以上。", "三百", 300, 400},
	} {
		ns := values.FindNumbers(tt.text)
		if len(ns) != 1 || !ns[0].Approx || ns[0].Text != tt.written || ns[0].Value != tt.least || ns[0].Upper != tt.upTo {
			t.Errorf("FindNumbers(%q) = %+v, want %q, a 约数 from %v up to %v", tt.text, ns, tt.written, tt.least, tt.upTo)
		}
	}
	for _, typed := range []string{"约10万", "突破10万", "10万以上", "近10万"} {
		if _, err := values.ParseNumber(typed); err == nil {
			t.Errorf("ParseNumber(%q) accepted a 约数 as a value", typed)
		}
	}
}
