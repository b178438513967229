package extract

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// needCatdoc skips a test when catdoc is missing, and fails it when CI=true,
// where the tool must be installed.
func needCatdoc(t *testing.T) {
	t.Helper()
	if catdoc.path() != "" {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("catdoc is not installed, but CI=true requires it: apt-get install catdoc")
	}
	t.Skip("catdoc is not installed; install the Debian package catdoc to run this test")
}

// withToolPath makes tool resolve to path ("" for missing) for the rest of
// the test.
func withToolPath(t *testing.T, tool *externalTool, path string) {
	t.Helper()
	tool.override.Store(&path)
	t.Cleanup(func() { tool.override.Store(nil) })
}

// TestSecondWaveFixtures reads each LibreOffice-made or hand-written fixture
// (testdata/README.md) as an upload would, and finds its phrases on the
// right pages.
func TestSecondWaveFixtures(t *testing.T) {
	tests := []struct {
		file      string
		name      string // uploaded name, the file's own if ""
		catdoc    bool   // needs catdoc
		extractor string
		pages     int
		title     string
		want      map[int][]string // 1-based page → phrases on it
		absent    []string         // nowhere in the text
	}{
		{file: "report.doc", catdoc: true, extractor: "catdoc", pages: 1,
			want: map[int][]string{1: {"杭州市学习型城市建设工作总结\n\n杭政办发〔2018〕12号", "学分银行已为12.3万名市民", "全市社区学校数量达到342所", "社区学校数量 | 342 | 365"}}},
		{file: "report.wps", catdoc: true, extractor: "catdoc", pages: 1,
			want: map[int][]string{1: {"杭政办发〔2018〕12号", "学分银行"}}},
		{file: "report.odt", extractor: "odt", pages: 2, title: "杭州市学习型城市建设工作总结",
			want: map[int][]string{1: {"杭政办发〔2018〕12号\n\n一、基本情况", "全市社区学校数量达到342所", "社区学校数量 | 342 | 365"}, 2: {"三、存在的问题和下一步打算", "2018年3月12日"}}},
		{file: "report.rtf", extractor: "rtf", pages: 2, title: "杭州市学习型城市建设工作总结",
			want: map[int][]string{1: {"杭政办发〔2018〕12号", "学分银行已为12.3万名市民", "社区学校数量 | 342 | 365"}, 2: {"社区学习共同体"}}},
		{file: "rtf-named.doc", extractor: "rtf", pages: 2,
			want: map[int][]string{1: {"杭政办发〔2018〕12号"}, 2: {"社区学习共同体"}}},
		{file: "html-named.doc", extractor: "html", pages: 1,
			want: map[int][]string{1: {"杭政办发〔2018〕12号", "社区学习共同体"}}},
		{file: "notice.gbk.rtf", extractor: "rtf", pages: 2, title: "隐藏的标题",
			want:   map[int][]string{1: {"关于推进学分银行建设的通知", "各区、县(市)教育局:", "为实现终身学习成果的认证与转换"}, 2: {"开户人数 | 123000\n\n杭州市教育局"}},
			absent: []string{"宋体", "页脚不进正文", "Msftedit", "隐藏的标题", "89504e47", "_GoBack"}},
		{file: "stats.xls", extractor: "xls", pages: 2,
			want: map[int][]string{
				1: {"社区教育\n\n指标 | 2017 | 2018", "社区学校数量 | 342 | 365", "学分银行开户人数 | 123,000 | 156,800", "居民参与率 | 85.3% | 88.1%"},
				2: {"学习活动", "全民终身学习大讲堂 | 342", "全民终身学习活动周 | 18", "合计 | 360"}}}, // 360 is =SUM(B2:B3)
		{file: "stats.xlsx", extractor: "xlsx", pages: 2,
			want: map[int][]string{
				1: {"指标 | 2017 | 2018", "社区学校数量 | 342 | 365", "学分银行开户人数 | 123,000 | 156,800", "居民参与率 | 85.3% | 88.1%"},
				2: {"全民终身学习大讲堂 | 342", "合计 | 360"}}},
		{file: "stats.gbk.csv", extractor: "csv", pages: 1,
			want: map[int][]string{1: {"指标 | 2017 | 2018\n\n社区学校数量 | 342 | 365", "学分银行开户人数 | 123,000 | 156,800", "居民参与率(%) | 85.3 | 88.1"}}},
		{file: "slides.pptx", extractor: "pptx", pages: 3,
			want: map[int][]string{1: {"学习型城市建设工作汇报"}, 2: {"一、社区教育网络\n\n全市社区学校数量达到342所"}, 3: {"二、学分银行", "12.3万名市民"}}},
		{file: "notice.ofd", extractor: "ofd", pages: 2, title: "关于推进学分银行建设的通知",
			want: map[int][]string{1: {"杭州市教育局文件", "杭政办发〔2018〕12号"}, 2: {"杭州市教育局文件", "全市社区学校数量达到342所"}}},
	}
	for _, tt := range tests {
		name := tt.name
		if name == "" {
			name = tt.file
		}
		t.Run(name, func(t *testing.T) {
			if tt.catdoc {
				needCatdoc(t)
			}
			res, err := sniffAndExtract(t, tt.file, Limits{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if res.Extractor != tt.extractor || len(res.Pages) != tt.pages {
				t.Fatalf("%s: got %d pages via %s, want %d via %s: %q", name, len(res.Pages), res.Extractor, tt.pages, tt.extractor, res.Pages)
			}
			if res.Title != tt.title && tt.title != "" {
				t.Errorf("%s: title %q, want %q", name, res.Title, tt.title)
			}
			for page, phrases := range tt.want {
				for _, p := range phrases {
					if !strings.Contains(res.Pages[page-1], p) {
						t.Errorf("%s: page %d lacks %q:\n%s", name, page, p, res.Pages[page-1])
					}
				}
			}
			all := strings.Join(res.Pages, "\n")
			for _, a := range tt.absent {
				if strings.Contains(all, a) {
					t.Errorf("%s: text contains %q, which is not body text:\n%s", name, a, all)
				}
			}
			for i, p := range res.Pages {
				if p != Normalize(p) {
					t.Errorf("%s: page %d is not normalised", name, i+1)
				}
			}
		})
	}
}

func TestEncryptedOfficeFiles(t *testing.T) {
	for _, file := range []string{"encrypted-word97.doc", "encrypted-excel97.xls"} {
		_, err := sniffAndExtract(t, file, Limits{})
		wantError(t, file, err, catalog.EINVALID, "文件已加密（设置了打开密码），无法读取其中的文字；请在 Word、Excel 或 WPS 中取消密码后重新上传")
	}
	// Whatever the stored format says, the OLE directory decides.
	for _, f := range []Format{FormatDOC, FormatXLS} {
		_, err := Extract(context.Background(), f, fixture("encrypted.xlsx"), Limits{})
		wantError(t, "encrypted.xlsx as "+string(f), err, catalog.EINVALID, "文件已加密")
	}
}

func TestOLERoutedByContent(t *testing.T) {
	res, err := Extract(context.Background(), FormatDOC, fixture("stats.xls"), Limits{})
	if err != nil || res.Extractor != "xls" || !strings.Contains(res.Pages[0], "社区学校数量 | 342") {
		t.Fatalf("an .xls stored as DOC: got %v, %v; want it read as a workbook", res, err)
	}
	needCatdoc(t)
	res, err = Extract(context.Background(), FormatXLS, fixture("report.doc"), Limits{})
	if err != nil || res.Extractor != "catdoc" {
		t.Fatalf("a .doc stored as XLS: got %v, %v; want it read by catdoc", res, err)
	}
}

func TestNotOLE(t *testing.T) {
	_, err := Extract(context.Background(), FormatDOC, fixture("news.utf8.txt"), Limits{})
	wantError(t, "text as DOC", err, catalog.EINVALID, "旧版 Office 文件(.doc/.xls/.wps)已损坏")
}
