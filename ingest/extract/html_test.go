package extract

import (
	"context"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

func TestHTMLFixture(t *testing.T) {
	res, err := sniffAndExtract(t, "news.gbk.html", Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Extractor != "html" || res.Encoding != "gbk" {
		t.Errorf("got %s/%s, want html/gbk", res.Extractor, res.Encoding)
	}
	if res.Title != "宁波市学分积累转换和认证制度建设" {
		t.Errorf("title %q", res.Title)
	}
	if len(res.Pages) != 1 {
		t.Fatalf("got %d pages, want 1", len(res.Pages))
	}
	page := res.Pages[0]
	for _, want := range []string{
		"市民学分银行在这方面做了大胆的探索",
		"首页 > 新闻中心",                   // entity decoded
		"发布日期:2018年5月",                // numeric entity decoded, full-width colon folded
		"宁波市学分积累转换和认证制度建设\n\n宁波市初步探索", // block elements break lines
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	for _, banned := range []string{"脚本里的秘密词", "样式表里的字", "请启用浏览器脚本", "color"} {
		if strings.Contains(page, banned) {
			t.Errorf("page contains %q from script, style or noscript:\n%s", banned, page)
		}
	}
}

func TestHTMLCases(t *testing.T) {
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name, page, encoding, want string
	}{
		{"utf-8 page declaring gb2312",
			`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>学分银行</p></body></html>`,
			"utf-8", "学分银行"},
		{"http-equiv gb2312",
			gbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>终身学习</p></body></html>`),
			"gbk", "终身学习"},
		{"undeclared GB bytes",
			gbk(`<html><body><p>杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。</p></body></html>`),
			"gb18030", "杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。"},
		{"template, head text and comments",
			`<head><title>题</title><link rel="x">头部文字</head><body><!-- 注释 --><template><p>模板</p></template><div>正文<br>第二行</div></body>`,
			"utf-8", "正文第二行"}, // a <br> is a line break, which Normalize removes between Han
		{"a page set in one layout cell keeps its lines",
			`<table><tr><td><p>关于开展全民终身学习活动周的通知</p><p>甬教发〔2018〕12号</p><p>各区县(市)教育局:</p></td></tr></table>`,
			"utf-8", "关于开展全民终身学习活动周的通知\n\n甬教发〔2018〕12号\n\n各区县(市)教育局:"},
		{"table cells",
			`<table><tr><td>城市</td><td>场次</td></tr><tr><td>太原</td><td>342</td></tr></table>`,
			"utf-8", "城市 | 场次\n\n太原 | 342"},
		{"a table saved by Word or exported as .xls",
			`<p>2017年社区教育统计表</p><table border=1><tr><td><p class=MsoNormal>区县(市)</p></td><td><p class=MsoNormal>参与人次</p></td><td>备注</td>` +
				`<tr><td><p class=MsoNormal>海曙区</p></td><td><p>12.3万人次</p><p>(含网上)</p><td></table><p>以上数据由教育局提供。</p>`,
			"utf-8", "2017年社区教育统计表\n\n区县(市) | 参与人次 | 备注\n\n海曙区 | 12.3万人次(含网上)\n\n以上数据由教育局提供。"},
		{"source line breaks are not line breaks",
			"<p>学分\n   银行 credit\n bank</p>",
			"utf-8", "学分银行credit bank"},
		{"pre keeps lines",
			"<pre>credit\nbank</pre>",
			"utf-8", "credit\nbank"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "page.html", []byte(tt.page))
			res, err := Extract(context.Background(), FormatHTML, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Encoding != tt.encoding || res.Pages[0] != tt.want {
				t.Fatalf("got %q (%s), want %q (%s)", res.Pages[0], res.Encoding, tt.want, tt.encoding)
			}
		})
	}
}

func TestHTMLLimits(t *testing.T) {
	page := "<p>" + strings.Repeat("学分银行", 1000) + "</p>"
	path := writeTemp(t, "big.html", []byte(page))
	_, err := Extract(context.Background(), FormatHTML, path, Limits{MaxTextBytes: 1024})
	wantError(t, "1 KiB limit", err, catalog.ETOOLARGE, "上限")

	path = writeTemp(t, "empty.html", []byte("<html><head><title>只有标题</title></head><body><script>x()</script></body></html>"))
	_, err = Extract(context.Background(), FormatHTML, path, Limits{})
	wantError(t, "no body text", err, catalog.EINVALID, "没有可提取的文字")
}
