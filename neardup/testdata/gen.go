//go:build ignore

// gen writes the labelled pairs of pairs.tsv from the hand-written texts in
// base/: scan-like copies with OCR noise, drafts and finals, the same
// template filled for another city and year, unrelated documents and
// degenerate texts. It is deterministic; run it from this folder with
//
//	go run gen.go
//
// and commit what it writes. The labels are decided here, per kind, before
// any similarity is computed (see README.md).
package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

type pair struct {
	a, b, label, kind, note string
}

// readByOCR says which texts of a pair were read by OCR (the "-ocr"
// copies gen makes), as the pipeline knows it from the page sources.
func (p pair) readByOCR() string {
	var s string
	if strings.Contains(p.a, "-ocr") {
		s += "a"
	}
	if strings.Contains(p.b, "-ocr") {
		s += "b"
	}
	return s
}

var pairs []pair

func main() {
	names, _ := filepath.Glob("base/*.txt")
	sort.Strings(names)
	base := map[string]string{}
	for _, n := range names {
		b, err := os.ReadFile(n)
		check(err)
		base[strings.TrimSuffix(filepath.Base(n), ".txt")] = string(b)
	}
	check(os.RemoveAll("pairs"))
	check(os.MkdirAll("pairs", 0o755))
	rng := rand.New(rand.NewPCG(2019, 1017))
	for i, n := range names {
		id := strings.TrimSuffix(filepath.Base(n), ".txt")
		text := base[id]
		// The DOCX and the PDF export of one document: other line breaks,
		// spaces, half-width punctuation, a page footer.
		add(id+".txt", write(id+"-layout.txt", layout(text, rng)), "1", "layout", "same text, other layout")
		// A scan read by OCR: layout plus character errors.
		add(id+".txt", write(id+"-ocr05.txt", layout(ocr(text, 0.005, rng), rng)), "1", "ocr", "OCR, 0.5% characters wrong")
		if i%2 == 0 {
			add(id+".txt", write(id+"-ocr10.txt", layout(ocr(text, 0.01, rng), rng)), "1", "ocr", "OCR, 1% characters wrong")
		}
		if i%3 == 0 {
			add(id+".txt", write(id+"-ocr20.txt", layout(ocr(text, 0.02, rng), rng)), "1", "ocr-heavy", "OCR, 2% characters wrong")
		}
		if e, ok := drafts[id]; ok {
			final := text
			for _, ed := range e {
				if !strings.Contains(final, ed[0]) {
					panic(fmt.Sprintf("%s: %q not found", id, ed[0]))
				}
				final = strings.Replace(final, ed[0], ed[1], 1)
			}
			add(id+".txt", write(id+"-final.txt", final), "1", "draft", fmt.Sprintf("draft and final, %d edits", len(e)))
		}
	}
	for _, u := range unrelated {
		add(u[0]+".txt", u[1]+".txt", "0", "unrelated", "different documents")
	}
	templates(rng)
	degenerate(base)
	copiedAndScanned(rng)
	for n, t := range base {
		check(os.WriteFile(filepath.Join("pairs", n+".txt"), []byte(t), 0o644))
	}
	var b strings.Builder
	b.WriteString("a\tb\tsame\tkind\tnote\tocr\n")
	for _, p := range pairs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", p.a, p.b, p.label, p.kind, p.note, p.readByOCR())
	}
	check(os.WriteFile("pairs.tsv", []byte(b.String()), 0o644))
}

func add(a, b, label, kind, note string) { pairs = append(pairs, pair{a, b, label, kind, note}) }

func write(name, text string) string {
	check(os.WriteFile(filepath.Join("pairs", name), []byte(text), 0o644))
	return name
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// layout re-wraps the text at 18–38 characters, puts spaces between some
// characters, writes some punctuation half-width and adds page footers.
func layout(text string, rng *rand.Rand) string {
	half := map[rune]string{'，': ",", '：': ":", '；': ";", '（': "(", '）': ")", '。': "."}
	var b strings.Builder
	col, wrap, page := 0, 18+rng.IntN(20), 1
	for _, r := range text {
		if r == '\n' {
			b.WriteString("\n")
			col = 0
			continue
		}
		if h, ok := half[r]; ok && rng.IntN(3) == 0 {
			b.WriteString(h)
		} else {
			b.WriteRune(r)
		}
		if unicode.Is(unicode.Han, r) && rng.IntN(25) == 0 {
			b.WriteString(" ")
		}
		col++
		if col >= wrap {
			b.WriteString("\n")
			col, wrap = 0, 18+rng.IntN(20)
			if rng.IntN(20) == 0 {
				fmt.Fprintf(&b, "\n— %d —\n\f", page)
				page++
			}
		}
	}
	fmt.Fprintf(&b, "\n— %d —\n", page)
	return b.String()
}

// confusable are characters OCR mistakes for one another.
var confusable = map[rune]rune{
	'己': '已', '已': '己', '未': '末', '末': '未', '土': '士', '士': '土', '日': '曰', '人': '入', '入': '人',
	'大': '太', '天': '夭', '千': '干', '干': '千', '民': '氏', '市': '巿', '年': '车', '育': '盲', '工': '丁',
	'0': 'O', '1': 'l', '5': 'S', '8': 'B', '教': '救', '区': '匹', '员': '贝', '会': '合', '学': '孛', '建': '廷',
	'设': '没', '体': '休', '治': '冶', '开': '升', '办': '力', '力': '刀', '由': '田', '田': '由', '目': '日',
}

// ocr changes a share of the Han characters and digits: a confusable one
// where there is one, else the character is lost or becomes 口.
func ocr(text string, rate float64, rng *rand.Rand) string {
	rs := []rune(text)
	var pos []int
	for i, r := range rs {
		if unicode.Is(unicode.Han, r) || unicode.IsDigit(r) {
			pos = append(pos, i)
		}
	}
	n := max(1, int(float64(len(pos))*rate+0.5))
	for _, k := range rng.Perm(len(pos))[:n] {
		i := pos[k]
		switch c, ok := confusable[rs[i]]; {
		case ok:
			rs[i] = c
		case rng.IntN(2) == 0:
			rs[i] = 0
		default:
			rs[i] = '口'
		}
	}
	var b strings.Builder
	for _, r := range rs {
		if r != 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// drafts turn a 征求意见稿 into its final version: a few words, a number,
// a date or a sentence changed, as a round of comments changes them.
var drafts = map[string][][2]string{
	"01-xuefen": {
		{"全市市民终身学习账户开户人数达到200万人", "全市市民终身学习账户开户人数达到300万人"},
		{"会同市人力社保局、市总工会等部门", "会同市人力社保局、市总工会、市文广新局等部门"},
		{"本意见自2018年4月1日起施行。", "本意见自2018年5月1日起施行，有效期五年。"},
	},
	"02-xuexizhou": {
		{"推出100门优质微课程", "推出120门优质微课程"},
		{"请于11月5日前", "请于11月10日前"},
	},
	"03-zongjie": {
		{"参与居民12.3万人次", "参与居民12.6万人次"},
		{"力争居民社区教育参与率达到60%以上", "力争居民社区教育参与率达到65%以上"},
	},
	"04-huiyi": {
		{"市行政中心二号楼三楼第一会议室", "市行政中心一号楼五楼大会议室"},
	},
	"06-laonian": {
		{"按照常住老年人口每人每年不低于5元的标准", "按照常住老年人口每人每年不低于8元的标准"},
		{"鼓励普通高校、职业院校举办老年教育", "鼓励普通高校、职业院校、开放大学举办老年教育"},
		{"成都市人民政府办公厅\n2017年9月20日", "成都市人民政府办公厅\n2017年10月9日"},
	},
	"07-zhiye": {
		{"全市建成职工书屋860家", "全市建成职工书屋880家"},
		{"农民工等群体参加继续教育的比例偏低。", "农民工、灵活就业人员等群体参加继续教育的比例偏低。"},
	},
	"08-shequxueyuan": {
		{"每三年开展一次", "每两年开展一次"},
		{"连续两次评估不合格的，予以通报批评。", "连续两次评估不合格的，予以通报批评，并相应核减下一年度专项经费。"},
	},
	"09-anli": {
		{"居民对社区教育的满意度达到96.5%", "居民对社区教育的满意度达到97.2%"},
	},
	"10-tongji": {
		{"全年社区教育培训总量达到286万人次，比上年增长8.2%", "全年社区教育培训总量达到287万人次，比上年增长8.4%"},
		{"上线课程1.05万门", "上线课程1.06万门"},
	},
}

// unrelated pairs are different documents, several of the same genre.
var unrelated = [][2]string{
	{"01-xuefen", "06-laonian"}, {"01-xuefen", "08-shequxueyuan"}, {"02-xuexizhou", "04-huiyi"},
	{"03-zongjie", "07-zhiye"}, {"03-zongjie", "10-tongji"}, {"05-xinwen", "09-anli"},
	{"06-laonian", "10-tongji"}, {"02-xuexizhou", "05-xinwen"}, {"04-huiyi", "08-shequxueyuan"},
	{"07-zhiye", "09-anli"},
}

// week is one city's yearly 全民终身学习活动周 notice, filled into the
// template every city copies from the ministry's.
type week struct {
	city, year, num, dates, theme, venue, courses, due, contact string
	acts                                                        []int
}

const weekTemplate = `关于举办{year}年{city}全民终身学习活动周的通知
{num}

各区县（市）教育局，市级各有关单位：
根据教育部办公厅关于举办{year}年全民终身学习活动周的通知精神，经研究，决定于{dates}在全市举办全民终身学习活动周。现将有关事项通知如下。

一、活动主题
{theme}

二、主要活动
{acts}
三、工作要求
各单位要加强组织领导，制定具体实施方案，广泛宣传发动，确保活动取得实效。{city}终身学习网开设活动周专栏，推出{courses}门优质课程。活动结束后，请于{due}前将活动总结、图片资料和统计表报送市终身教育指导中心。

联系人：{contact}。

{city}教育局
`

var weekActivities = []string{
	"开幕式。在{venue}举行全市活动周开幕式，表彰本年度百姓学习之星和终身学习品牌项目。",
	"社区学习共同体展示。各区县组织社区学习共同体开展成果展示和经验交流，汇编优秀案例。",
	"老年教育系列活动。依托各级老年大学开展智能手机应用、健康养生等体验课程，帮助老年人跨越数字鸿沟。",
	"职工学习周活动。市总工会组织企业开展职工技能比武和读书分享，推动学习型企业建设。",
	"家庭教育公益讲座。市妇联联合社区学院开展家庭教育讲座进社区活动，普及科学育儿知识。",
	"非遗文化体验。组织非物质文化遗产传承人走进社区学校，开展剪纸、刺绣、陶艺等体验课程。",
	"乡村振兴培训。面向新型职业农民开展电子商务、农产品营销和种养殖技术培训。",
	"图书馆阅读推广。市图书馆开展经典诵读、亲子共读和读书沙龙活动，评选书香家庭。",
	"青少年研学实践。组织中小学生走进博物馆、科技馆开展研学活动，培养终身学习习惯。",
	"退役军人技能培训。联合退役军人事务局开展创业就业指导和职业技能培训。",
}

func (w week) text() string {
	var acts strings.Builder
	for i, a := range w.acts {
		fmt.Fprintf(&acts, "（%s）%s\n", []string{"一", "二", "三", "四", "五"}[i], weekActivities[a])
	}
	r := strings.NewReplacer("{acts}", acts.String(), "{year}", w.year, "{city}", w.city, "{num}", w.num,
		"{dates}", w.dates, "{theme}", w.theme, "{courses}", w.courses, "{due}", w.due, "{contact}", w.contact)
	return strings.ReplaceAll(r.Replace(weekTemplate), "{venue}", w.venue)
}

// templates pairs the template filled for two cities or two years: the
// same wording around other activities, dates and people. They are other
// documents and must not be linked.
func templates(rng *rand.Rand) {
	weeks := []week{
		{"宁波市", "2019", "甬教终〔2019〕8号", "2019年10月20日至26日", "学习新思想，奋进新时代。", "宁波市文化广场", "100", "11月5日", "陈老师，电话：87654321", []int{0, 1, 2, 3}},
		{"温州市", "2019", "温教终〔2019〕15号", "2019年11月1日至7日", "终身学习，人人出彩。", "温州市会展中心", "80", "11月20日", "林老师，电话：88961234", []int{0, 4, 5, 6}},
		{"宁波市", "2020", "甬教终〔2020〕11号", "2020年11月8日至14日", "全民学习，共建共享。", "宁波市图书馆新馆", "150", "12月1日", "张老师，电话：87651111", []int{0, 7, 8, 2}},
		{"绍兴市", "2018", "绍教终〔2018〕6号", "2018年10月14日至20日", "学习成就梦想，创新引领未来。", "绍兴市文化中心", "60", "11月1日", "赵老师，电话：85123456", []int{0, 9, 1, 4}},
		{"湖州市", "2019", "湖教终〔2019〕9号", "2019年10月20日至26日", "学习新思想，奋进新时代。", "湖州市文化广场", "100", "11月5日", "陈老师，电话：82654321", []int{0, 1, 2, 3}},
	}
	texts := make([]string, len(weeks))
	for i, w := range weeks {
		texts[i] = write(fmt.Sprintf("week-%d-%s.txt", i+1, w.year), w.text())
	}
	add(texts[0], texts[1], "0", "template", "same template, another city, other activities")
	add(texts[0], texts[2], "0", "template", "same template, next year, other activities")
	add(texts[1], texts[3], "0", "template", "same template, another city and year")
	add(texts[2], texts[3], "0", "template", "same template, another city and year")
	add(texts[1], texts[2], "0", "template", "same template, another city and year")
	// The hardest: a city that copied another's notice and changed only its
	// name, number, venue and contact.
	add(texts[0], texts[4], "0", "template", "same notice copied by another city, names changed")
	_ = rng
}

// degenerate texts must match nothing: a page of one line repeated, a
// near-empty OCR page.
func degenerate(base map[string]string) {
	line := "学习型城市建设工作简报\n"
	rep := write("repeat-line.txt", strings.Repeat(line, 5000))
	add(rep, "03-zongjie.txt", "0", "degenerate", "one line repeated 5000 times vs a summary")
	add(rep, write("repeat-line-2.txt", strings.Repeat(line, 3)), "0", "degenerate", "the same line repeated, too few shingles")
	a := write("empty-ocr-1.txt", "— 3 —\n学习型城市\n\f")
	b := write("empty-ocr-2.txt", "  学习型城市 \n — 7 —")
	add(a, b, "0", "degenerate", "two near-empty OCR pages")
	_ = base
}

// copiedAndScanned are the pairs that hold the OCR second look
// (neardup.Forgiven) to misreads: the copy with names changed, read by
// OCR, must still not be linked to the notice it copied, and a scan of
// the copy must be linked to the copy.
func copiedAndScanned(rng *rand.Rand) {
	copied, err := os.ReadFile(filepath.Join("pairs", "week-5-2019.txt"))
	check(err)
	for _, rate := range []struct {
		r          float64
		name, kind string
	}{{0.01, "ocr10", "ocr"}, {0.02, "ocr20", "ocr-heavy"}} {
		scan := write("week-5-2019-"+rate.name+".txt", layout(ocr(string(copied), rate.r, rng), rng))
		add("week-1-2019.txt", scan, "0", "template",
			fmt.Sprintf("a copy with names changed, read by OCR (%.0f%% characters wrong), vs the notice copied", rate.r*100))
		add("week-5-2019.txt", scan, "1", rate.kind, fmt.Sprintf("OCR, %.0f%% characters wrong", rate.r*100))
	}
}
