package extract

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// garbageSamples are what the readers made of damaged PDFs (the start of a
// page, normalised): the fixtures of testdata/gen/damaged.go, corrupt.pdf,
// and damages tried on stamped.pdf and policy.pdf (testdata/README.md).
var garbageSamples = []struct{ how, text string }{
	{"wrongcmap.pdf: ToUnicode shifted by one code point (pdftotext)",
		"杮敀功叒〕3129〖23司\n\n杮巟布亻氒敀庝功六历兴亏掩远孧乡垌埏布廻访皅実斾愐观吅医。叀)布*亻氒敀庝-布敀庝吅郩闩。吅盵屟卖低;\n主务忬"},
	{"ToUnicode shifted by U+1000: rare Han, Myanmar, Tibetan, Yi",
		"睭甿択揑䀔\nဲူေး\n䀕\nေဲ\n揷睭淞渂庺簑甿溜択慬掅慳庎玨鿛武幠枋柎渂滺鮾蚄殞疽焏駁搄挺䀁掿༈渂༉庺簑甿溜༌渂甿溜搄ꃨꗨ䀁搄蛴汞捕彍༚\n帺"},
	{"ToUnicode in the wrong byte order: Hangul, Extension A, Cyrillic, IPA",
		"浧㽥鹒텓ᐰ\n㈀ 㠀\nᔰ\n浧ɞ멎ᅬ㽥鱞鹒汑蕓獑蹎ꡣ晛恎譗칗ɞ艹뺋葶鹛뵥ཡ\n솉\nє㩓İ뽓ࣿɞ멎ᅬ㽥鱞ɞ㽥鱞єİє幜啓䵏"},
	{"ToUnicode with damaged digits: half the characters right",
		"二、主要\u0efb刁H一@ḃ立㭦圆银行㼂挍熇メ捙江眆旙育厉劙ꅬꊤ关亁弉屗昐ꂼ㭦株褮⼚埼训昐垜䣤息歜兠㭦圆银行巣䁜玄鄚知》要鱂ナ吆嬽、厷H干@弉屗昐ꂼ"},
	{"soup.pdf page 1: ToUnicode dropped, WinAnsiEncoding (pdftotext)",
		"!\"#$%\n)67\nA\n\nV\n\n/\n\n01\n\n2345(\n\n\"89:;<=>1?@\n\n\"B(CDE@45\n\n=2\nT\n\n&'()*+,-.\n"},
	{"soup.pdf page 2",
		"a\n\nWXbcd>@\n\nk\n\nl\n\n[\n\nr1?s\n\nmino\n\ne\"B()67\n\n\"8fghij\n\nIpq=@\n\ntuvw>E@\n\nx\ny"},
	{"corrupt.pdf page 1: flate streams inflated past the damage (pdftotext)",
		"杭州市人杭F府办公厅文杭政办\n\nF市\n\"#$%&’\n\n人杭F府\n()\n\n市政府\n\n!\n\n*+,-./01市234567\n\n;<=2>?@A"},
	{"corrupt.pdf page 2",
		"h\n\niPj?\nN\n\n2k.lmnMop%qrs&’厅办公t*+uv9人.wWXxy9z\n\n{|}~.lmn‘a4\n{|\n\n~‘a\n\n7PQ"},
	{"two fonts' ToUnicode maps swapped",
		"a进WXbcd>@于推进学习型城e\"B()67型\"8fghij\nk实l施意mino实Ipq=@\n[进r1?s人tuvw>E@\nx杭y型建设州"},
	{"mojibake.pdf: GBK bytes in a WinAnsi font",
		"º¼ÖÝÊÐÈËÃñÕþ¸®°ì¹«Ìü¹ØÓÚÍÆ½øÑ§Ï°ÐÍ³ÇÊÐ½¨ÉèµÄÊµÊ©Òâ¼û\n¸÷Çø¡¢ÏØ£¨ÊÐ£©ÈËÃ"},
	{"UTF-8 read as Windows-1252", windows1252("杭州市人民政府办公厅关于推进学习型城市建设的实施意见")},
	{"replacement characters (a font without a usable map)", "\ufffd\ufffd\ufffd学习"},
	{"private-use characters", "\ue001\ue002\ue003\ue004"},
	{"control characters", "\x00\x12\x00\x34\x00\x56"},
}

// realSamples are real text of the kinds a PDF page holds, some at the
// edges of the rules.
var realSamples = []struct{ what, text string }{
	{"policy", "杭州市人民政府办公厅关于推进学习型城市建设的实施意见 杭政办〔2016〕12号 各区、县（市）人民政府，市政府各部门、各直属单位："},
	{"one odd character", "学习型城市建设监测工作机制\ufffd"},
	{"English", "Learning City Monitoring 2017. Page one is plain ASCII text."},
	{"traditional characters", "臺北市政府教育局關於推動學習型城市建設的實施計畫，建立學分銀行，發展社區大學與樂齡學習中心。"},
	{"names with rare characters", "表彰名单：王喆、李堃、张珺、陈玥、刘昇、赵旻、孙犇、周淼、吴垚、郑鑫、冯琍、褚瑄。"},
	{"units, formulas and signs", "人均藏书=总藏量÷年末常住人口；面积1,200m²，气温25℃±2°，增长12.3%，①②③，¥100，Ⅳ级，5A级，ISO9001认证。"},
	{"addresses", "详见 https://www.hangzhou.gov.cn/art/2018/3/12/art_1229063382_1234.html?id=5&type=2 ，联系邮箱 hzjyj@163.com，www.hzedu.gov.cn"},
	{"files and codes", "附件：学习型城市申报表.xls、监测数据.pdf、汇总.docx（GB/T 33190-2016，OFD）"},
	{"file types and units as words", "材料格式为pdf、ppt或xls，每页不超过2mb；年用电量120kwh。采用GB/T 33190-2016，ISBN 978-7-04-012345-6。"},
	{"brand names", "通过WeChat公众号、iPhone和iPad客户端、PowerPoint课件、LibreOffice与WPS开展线上学习。"},
	{"OCR of a sealed scan", "杭政办发 [2018] DE杭州市人民政府办公厅关于推进学习型城市建设的实施意各区、县(ai)人民政府"},
	{"OCR of a masthead", "» ¥\n4杭州市教育局文件杭教成 [2018] 5号关于做好社区教育示范街道评估"},
	{"Kangxi radicals for Han, as some PDFs write them", "⽂件指出，各区⻓期坚持终身学习，⻅成效。"},
	{"a Korean line", "학습도시 국제 네트워크 회의 (UNESCO GNLC)"},
	{"a Russian line", "Город обучения: международная конференция ЮНЕСКО"},
	{"a German name", "Prof. Dr. Jürgen Müller, Universität Hamburg"},
	{"a Japanese title", "学習都市に関する国際会議の報告書"},
	{"a table", "社区学校数量 | 342 | 365\n学习共同体 | 5,000 | 5,800"},
}

func windows1252(s string) string {
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		panic(err)
	}
	return out
}

func TestIsGarbled(t *testing.T) {
	for _, g := range garbageSamples {
		if !isGarbled(g.text) {
			var c garbleCount
			c.scan(g.text)
			t.Errorf("%s: not garbled (%+v): %q", g.how, c, g.text)
		}
	}
	for _, r := range realSamples {
		if isGarbled(r.text) {
			var c garbleCount
			c.scan(r.text)
			t.Errorf("%s: garbled (%+v): %q", r.what, c, r.text)
		}
	}
}

// TestIsGarbledNeverFlagsRealText runs every real text of the repository
// through isGarbled: whole, in pages of at most 1,000 characters and in
// windows of 60 characters, for texts from 60 characters long to the
// length of a PDF page. The texts: the extraction fixtures, the labelled
// official documents of ingest/fields, the near-duplicate pairs (with
// their simulated OCR errors), the indicator-suggestion set, the bench
// material and the CLI's fixtures.
func TestIsGarbledNeverFlagsRealText(t *testing.T) {
	texts := realTexts(t)
	if len(texts) < 150 {
		t.Fatalf("found %d real texts, want at least 150: have the fixtures moved?", len(texts))
	}
	checked := 0
	for name, text := range texts {
		for _, size := range []int{0, 1000, 60} {
			for _, piece := range pieces(text, size) {
				checked++
				if isGarbled(piece) {
					var c garbleCount
					c.scan(piece)
					t.Errorf("%s: %q is taken for garbage (%+v)", name, piece, c)
				}
			}
		}
	}
	t.Logf("%d texts, %d pieces: none garbled", len(texts), checked)
}

// realTexts reads the UTF-8 and GB18030 text fixtures of the repository.
func realTexts(t *testing.T) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for _, root := range []string{"testdata", "../fields/testdata", "../../neardup/testdata", "../../search/suggesteval/testdata", "../../cmd/evidence/testdata", "../../bench"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if strings.Contains(path, "gb18030") {
				data, _ = simplifiedchinese.GB18030.NewDecoder().Bytes(data)
			}
			if utf8.Valid(data) && len(data) > 0 {
				texts[path] = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return texts
}

// pieces cuts text into pieces of size characters (0: the whole text).
func pieces(text string, size int) []string {
	r := []rune(text)
	if size == 0 || len(r) <= size {
		return []string{text}
	}
	var out []string
	for i := 0; i < len(r); i += size {
		out = append(out, string(r[i:min(i+size, len(r))]))
	}
	return out
}

func TestCommonHan(t *testing.T) {
	for _, r := range "杭州市学习型城市建设亻學習銀行臺灣" {
		if !isCommonHan(r) {
			t.Errorf("%c is not common", r)
		}
	}
	// Rare in names (喆 堃 瑄), or the neighbours a shifted map gives.
	for _, r := range "喆堃瑄杮巟氒敀庝叀孧" {
		if isCommonHan(r) {
			t.Errorf("%c is common", r)
		}
	}
}

func TestPlausibleWord(t *testing.T) {
	for w, want := range map[string]bool{
		"km": true, "UNESCO": true, "Learning": true, "WeChat": true, "iPhone": true, "PowerPoint": true,
		"TestSandboxReusesOnlyACleanChild": true, "rhythm": true,
		"xls": true, "pdf": true, "ppt": true, "kwh": true,
		"qrsvw": false, "lmnMop": false, "iPj": false, "Pqrs": false,
	} {
		if got := plausibleWord(w); got != want {
			t.Errorf("plausibleWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// BenchmarkIsGarbled measures the check on a page of Chinese (the eight-city
// report, 3,000 characters) and on a page of garbage; it runs on every PDF
// page a reader gives.
func BenchmarkIsGarbled(b *testing.B) {
	data, err := os.ReadFile(fixture("eight-city-report.zh.txt"))
	if err != nil {
		b.Fatal(err)
	}
	page := string([]rune(string(data))[:3000])
	garbage := strings.Repeat(garbageSamples[0].text+garbageSamples[5].text, 20)
	isGarbled(page) // build the table of common characters
	for _, bm := range []struct{ name, text string }{{"chinese", page}, {"garbage", garbage}} {
		b.Run(bm.name, func(b *testing.B) {
			b.SetBytes(int64(len(bm.text)))
			for b.Loop() {
				if isGarbled(bm.text) != (bm.name == "garbage") {
					b.Fatal("wrong verdict")
				}
			}
		})
	}
}
