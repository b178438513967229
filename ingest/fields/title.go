package fields

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// docKinds are the words an official document's title ends with, longest
// first where one ends another; a title may add (试行), (征求意见稿) or
// the years it covers (kindSuffix).
var docKinds = []string{"实施意见", "指导意见", "若干意见", "意见", "通知", "决定", "实施办法", "管理办法", "办法",
	"实施方案", "工作方案", "方案", "规划", "纲要", "报告", "请示", "批复", "复函", "函", "通报", "公告", "通告", "决议",
	"规定", "细则", "要点", "计划", "总结", "纪要", "条例", "章程", "标准", "指南", "名单", "命令", "议案", "公报", "公示",
	"安排", "制度", "准则", "清单", "简报", "快报", "专报"}

// kindSuffix is what a title may add after its docKind: (试行) and its
// like, the years it covers, and the issue of a series, (第17期),
// (总第120期), (第3号), (编号B001), without which forty 通报 of one
// series would share one title.
var kindSuffix = regexp.MustCompile(`^(?:\((?:试行|暂行|征求意见稿|草案|修订稿?|送审稿|\d{4}\s*[-—–~至]+\s*\d{4}年?|总?第\s*\d{1,5}\s*[期号]|编号\s*[A-Za-z0-9][A-Za-z0-9-]{0,15})\))`)

// kindStarts holds the first character of every docKind.
var kindStarts = func() string {
	var b strings.Builder
	for _, k := range docKinds {
		if r, _ := utf8.DecodeRuneInString(k); !strings.ContainsRune(b.String(), r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}()

// titleEnds returns the title ends in s, each a docKind with its suffix,
// leftmost first and not overlapping, as the regexp of the kinds'
// alternation would (title_internal_test.go holds them to it). That regexp
// has no literal to look for first, so it ran its machine from every byte
// of every line of a document's head: a fifth to a third of the
// pipeline's field reading. Here only a character that can begin a docKind
// is tried, against the kinds in order, the match the regexp's
// leftmost-first alternation prefers.
func titleEnds(s string) [][]int {
	var ends [][]int
	for i := 0; i < len(s); {
		j := strings.IndexAny(s[i:], kindStarts)
		if j < 0 {
			break
		}
		i += j
		end := -1
		for _, k := range docKinds {
			if strings.HasPrefix(s[i:], k) {
				end = i + len(k)
				break
			}
		}
		if end < 0 {
			_, n := utf8.DecodeRuneInString(s[i:])
			i += n
			continue
		}
		if strings.HasPrefix(s[end:], "(") {
			if m := kindSuffix.FindStringIndex(s[end:]); m != nil {
				end += m[1]
			}
		}
		ends = append(ends, []int{i, end})
		i = end
	}
	return ends
}

// masthead is the red header "XX文件" at the start of a line: one or
// more issuing bodies, then 文件. OCR may read a mark or a letter of
// the red ink before it ("4杭州市教育局文件").
var masthead = regexp.MustCompile(`^[^\p{Han}\n]{0,6}?(?:(?:绝密|机密|秘密|特急|加急|平急|特提)[★\d年]*)*([\p{Han}()、 ]{2,60}?)文件`)

// mastheadMisread is masthead with its 文件 misread, one of the two
// characters read as another (湖州市人民政府办公室区件, …注件, …文仵): a
// masthead only when what stands before is a body's name (findMasthead).
var mastheadMisread = regexp.MustCompile(`^[^\p{Han}\n]{0,6}?(?:(?:绝密|机密|秘密|特急|加急|平急|特提)[★\d年]*)*([\p{Han}()、 ]{2,60}?)(?:文\p{Han}|\p{Han}件)`)

// findMasthead returns the submatch indexes of the masthead at the start
// of l, nil when it has none: "XX文件", or a body's name with its 文件
// misread by OCR.
func findMasthead(l string) []int {
	// A masthead's 文件 is in its line: most lines have none, and the
	// regexp, run at their start anyway, cleared a bit a byte of the line
	// for each of its instructions before it failed.
	if strings.Contains(l, "文件") {
		if m := masthead.FindStringSubmatchIndex(l); m != nil {
			return m
		}
	}
	if head := cutBytes(l, mastheadBytes); !strings.Contains(head, "文") && !strings.Contains(head, "件") {
		return nil // most lines: no regexp run for them
	}
	if m := mastheadMisread.FindStringSubmatchIndex(l); m != nil && isOrgName(l[m[2]:m[3]]) {
		return m
	}
	return nil
}

// mastheadBytes bounds what a masthead takes of the start of its line:
// six marks, an urgency and a secrecy mark, 60 characters and 文件.
const mastheadBytes = 6 + 3*20 + 4*60 + 6

// headJunk is what may stand before the title in joined text: a secrecy
// mark, an urgency.
var headJunk = regexp.MustCompile(`^(?:(?:绝密|机密|秘密)(?:★[\d年个月]*)?|特急|加急|平急|特提)*`)

// ocrBorders are what OCR reads a table's or a box's vertical rules as
// (|, ｜, ¦, and 丨, the ideograph of one stroke): a scanned title in a
// frame reads "|关于…的实施意见丨", which no title begins or ends with.
const ocrBorders = "|｜¦丨 "

// salutation follows the title: the addressees up to a colon.
var salutation = regexp.MustCompile(`^[^。;:!?]{1,80}:`)

// sentenceOpener starts a sentence of the body, never a title: what it
// is for (为落实…, 为进一步…), what it follows (根据…, 按照…), or when
// (近日, 今年以来).
var sentenceOpener = regexp.MustCompile(`^(?:根据|按照|依据|依照|遵照|为了|为(?:进一步|深入|全面|加快|落实|贯彻|推进|推动|切实|做好|加强|促进|认真|积极|充分|更好|确保|有效|实现|适应|规范|提高)|近日|日前|近年来|今年以来|随着|经研究|现将|现就)`)

// reportMarks start the body after a headline: a list, or the byline
// and source of a press report.
var reportMarks = []string{"一、", "本报讯", "本报记者", "(记者", "记者", "新华社", "日电", "讯(", "来源:", "发布时间", "发布日期", "作者:"}

// readTitle finds the title line in the head of a document (the own 文号
// already cut out as a line of its own): a line under the masthead that
// ends in the kind of document (…关于…的通知), joined with the next line
// or two when the title wraps; failing that, the first line that reads
// like a headline.
//
// A title whose 关于 OCR misread as a few Latin letters, after the body's
// name run into it or on a line of its own (garbledAbout), is read with
// 关于 and without the body, which is issuer: "" for any other title.
func readTitle(head string) (title Field, issuer string) {
	segs := segments(head)
	var weak, headline, weakIssuer string
	for i := range segs {
		if isMasthead(segs[i]) || docNumberLine(segs[i]) || itemLine(segs[i]) {
			continue
		}
		for n := 1; n <= 3 && i+n <= len(segs); n++ {
			if n > 1 && !wraps(segs[i+n-2], segs[i+n-1]) {
				break
			}
			t, strong := titleOf(strings.Join(segs[i:i+n], ""), n == 1)
			if t == "" {
				continue
			}
			above, iss := "", ""
			if i > 0 {
				above = segs[i-1]
			}
			if about, body, ok := garbledAbout(t, above); ok {
				t, iss, strong = about, body, true
			}
			if strong {
				return Field{Value: t, Source: SourceTitleLine}, iss
			}
			if weak == "" {
				weak, weakIssuer = t, iss
			}
		}
		if headline == "" && i < 6 && !coverLine(segs, i) {
			headline = headlineOf(stripMedia(segs[i]))
		}
	}
	switch {
	case weak != "":
		return Field{Value: weak, Source: SourceTitleLine}, weakIssuer
	case headline != "":
		return Field{Value: headline, Source: SourceHead}, ""
	}
	return Field{}, ""
}

// ocrAbout is what OCR may read a title's 关于 as: one to three Latin
// letters (RF, Xf), then maybe a space.
var ocrAbout = regexp.MustCompile(`^[A-Za-z]{1,3} ?`)

// garbledAbout reads a title whose 关于 OCR misread as a few Latin
// letters (ocrAbout) after the name of the body that wrote it: that name
// run into the title in the stored text ("<body>RF 2018年度…的统计报告":
// OCR's lines are joined where no sentence ends), or on the line above
// a title that starts with the letters. Only where what follows reads as
// the rest of an official title, starting with a Han character or a
// digit and ending "…的<kind>" (关于…的通知, …的统计报告), are the
// letters 关于: a title may hold a word in Latin letters (推进AI赋能…),
// and one may start with it when no body's name stands before. It
// returns 关于 and the rest, without the body, whose name is issuer; ok
// false for any other title.
func garbledAbout(t, above string) (title, issuer string, ok bool) {
	at := strings.IndexFunc(t, func(r rune) bool { return r < utf8.RuneSelf && unicode.IsLetter(r) })
	if at < 0 {
		return "", "", false
	}
	body := t[:at]
	if body == "" {
		body = above
	}
	if runeLen(body) < 4 || issuerName(body) == "" {
		return "", "", false
	}
	m := ocrAbout.FindStringIndex(t[at:])
	if m == nil {
		return "", "", false
	}
	rest := t[at+m[1]:]
	first, _ := utf8.DecodeRuneInString(rest)
	if !isHan(first) && !unicode.IsDigit(first) || strings.Contains(rest, "关于") {
		return "", "", false
	}
	ends := titleEnds(rest)
	if len(ends) == 0 || ends[len(ends)-1][1] != len(rest) || !strings.Contains(rest[:ends[len(ends)-1][0]], "的") {
		return "", "", false
	}
	return "关于" + rest, issuerName(body), true
}

// coverLine reports whether segs[i] names the bodies that wrote a report
// on its cover, above its date ("中国成人教育协会 北京教育科学研究院",
// then "2019年3月15日"): the issuer, not a headline.
func coverLine(segs []string, i int) bool {
	if i+1 >= len(segs) || issuerName(segs[i]) == "" {
		return false
	}
	next := segs[i+1]
	ds := findDates(next)
	return len(ds) == 1 && ds[0].start == 0 && ds[0].end == len(next)
}

// wraps reports whether next may continue a title begun on line: neither
// is a masthead, next is short, line is no stray fragment OCR read (a
// photo's "Fx sy" above the title), and a line that is only a body's name
// (the masthead of a letter) goes on only into "关于…".
func wraps(line, next string) bool {
	switch {
	case isMasthead(next) || runeLen(next) > 40 || ocrFragment(line) || docNumberLine(line) || docNumberLine(next):
		return false
	case isOrgName(line) && !strings.Contains(line, "关于"):
		return strings.HasPrefix(next, "关于")
	}
	return true
}

// ocrFragment reports whether line is a stray fragment OCR read off a
// photo's noise or a stamp ("Fx sy", "y IAS ~"): a few Latin letters and
// no Han character, at most 12 characters, in two or more tokens or with a
// stray mark (~ . , `). A single word a title may start with (MOOC, 5G,
// iPad, e-Learning) is none, nor is anything with a digit.
func ocrFragment(line string) bool {
	if line == "" || runeLen(line) > 12 {
		return false
	}
	letters, stray := 0, false
	for _, r := range line {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			letters++
		case strings.ContainsRune(".,`~", r):
			stray = true
		case strings.ContainsRune(" '-_", r):
		default:
			return false // a digit, a Han character, a bracket: part of a title
		}
	}
	return letters > 0 && (stray || strings.Contains(strings.TrimSpace(line), " "))
}

// segments splits the head into lines, also where joined text ran them
// together: after a masthead, and at the end of each sentence. The body
// after the first "。" is left out.
func segments(head string) []string {
	var out []string
	for _, l := range strings.Split(head, "\n") {
		l = stripCopyNumber(l)
		if m := findMasthead(l); m != nil && !strings.ContainsAny(l[:m[1]], "关于的《") && isOrgName(l[m[2]:m[3]]) {
			out = append(out, l[:m[1]])
			l = l[m[1]:]
		}
		l = stripSigner(l)
		body := strings.Contains(l, "。")
		if i := strings.Index(l, "。"); i >= 0 {
			l = l[:i]
		}
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
		if body {
			break
		}
	}
	return out
}

// stripCopyNumber removes the six-digit copy number (份号) that may start
// the first line, but not a year ("2019年度…").
func stripCopyNumber(l string) string {
	if len(l) >= 6 && strings.Trim(l[:6], "0123456789") == "" {
		if rest := l[6:]; rest == "" || rest[0] < '0' || rest[0] > '9' {
			if !strings.HasPrefix(rest, "年") {
				return rest
			}
		}
	}
	return l
}

// signer is the 签发人 of a report to a higher body, written beside the
// 文号.
var signer = regexp.MustCompile(`签发人:?`)

// stripSigner removes "签发人:张三" from a line; in joined text the name
// runs into the title, so it ends where a body's name or 关于 starts.
func stripSigner(l string) string {
	loc := signer.FindStringIndex(l)
	if loc == nil {
		return l
	}
	rest := []rune(l[loc[1]:])
	for n := 2; n <= 4 && n <= len(rest); n++ {
		after := string(rest[n:])
		if after == "" || strings.HasPrefix(after, "关于") || bodyStart.MatchString(after) {
			return l[:loc[0]] + after
		}
	}
	return l[:loc[0]]
}

// titleOf returns the title a line holds, cut before the addressees; strong
// when it reads "…关于…<kind>", the shape of nearly every official title.
// With runOn, a title the body runs into ("…工作总结今年以来,…") is taken
// up to its first kind word when no cleaner end is found. A sentence of the
// body is no title: one that opens like a sentence (为落实…, 根据…) or
// whose cut leaves a 《…》 or (…) open ("为落实《国家中长期教育改革和
// 发展规划" of "…规划纲要(2010-2020年)》提出的…").
func titleOf(line string, runOn bool) (title string, strong bool) {
	line = headJunk.ReplaceAllString(strings.Trim(line, ocrBorders), "")
	line, stray := trimStrayMarks(line)
	if strings.HasSuffix(line, ":") && !strings.Contains(line, "关于") {
		return "", false // the addressees
	}
	ends := titleEnds(line)
	ok := func(t string) bool {
		return !strings.ContainsAny(t, ":;,") && runeLen(t) >= 5 && runeLen(t) <= 100 && !isMasthead(t) && !isBreadcrumb(t) &&
			balanced(t) && !sentenceOpener.MatchString(t)
	}
	for k := len(ends) - 1; k >= 0; k-- {
		end := ends[k][1]
		rest := line[end:]
		if rest != "" && !strings.HasPrefix(rest, "各") && !salutation.MatchString(rest) {
			continue
		}
		// A seal's junk before the title may leave a mark unbalanced
		// ("Se”湖州市…关于…"): the title without it is judged too.
		if t := strings.TrimSpace(line[:end]); ok(t) || ok(trimBeforeIssuer(t)) {
			return noiseBeforeAbout(trimBeforeIssuer(t), stray), strings.Contains(t, "关于")
		}
	}
	if !runOn {
		return "", false
	}
	for _, e := range ends {
		if rest := line[e[1]:]; strings.HasPrefix(rest, "的") || strings.HasPrefix(rest, "》") || strings.HasPrefix(rest, "”") {
			continue
		}
		// A kind word a clause mark follows ends a clause of the body
		// ("宁波市建立健全了工作推进制度,经费投入逐年增加"), not a title
		// run into it.
		if rest := line[e[1]:]; rest != "" && strings.ContainsRune(",;、。", []rune(rest)[0]) {
			break
		}
		if t := strings.TrimSpace(line[:e[1]]); (ok(t) || ok(trimBeforeIssuer(t))) && runeLen(t) <= 60 {
			return noiseBeforeAbout(trimBeforeIssuer(t), stray), strings.Contains(t, "关于")
		}
		break
	}
	return "", false
}

// strayMarks are marks no title begins with; OCR reads them off the
// speckles of a scan (a heading read "、、二种不一可关于…的实施意见").
// Its quotes may also open a title's quoted term ("学分银行"建设…的通知),
// which keeps them (quotedTerm).
const strayMarks = "、,.;:。!?·`'\""

// trimStrayMarks cuts the strayMarks that begin line, and says whether
// there were any: a sign that OCR's noise stands before the title. A
// quote that opens a quoted term ends the cut, and what follows is no
// noise: the term and what stands after it before 关于 are the title's
// ("学分银行"试点单位关于…).
func trimStrayMarks(line string) (string, bool) {
	t := line
	for t != "" {
		r, size := utf8.DecodeRuneInString(t)
		if !strings.ContainsRune(strayMarks, r) {
			break
		}
		if quotedTerm(t) {
			return strings.TrimSpace(t), false
		}
		t = t[size:]
	}
	return strings.TrimSpace(t), t != line
}

// maxQuotedTermRunes bounds a quoted term: a name (学分银行, 十四五,
// 1+X), not a sentence.
const maxQuotedTermRunes = 20

// quotedTerm reports whether s opens with an ASCII quote (OCR's and
// Normalize's for “ and ‘) closed by its pair within maxQuotedTermRunes,
// around a term of letters or digits with no clause marks and no spaces: a
// title that names what it quotes ("学分银行"建设…, "学在·杭州"品牌…).
// OCR's noise seldom closes what it opens, and the marks that come with
// it (、、) make no term.
func quotedTerm(s string) bool {
	var closers string
	switch s[0] {
	case '"':
		closers = "\"”"
	case '\'':
		closers = "'’"
	default:
		return false
	}
	n, words := 0, false
	for _, r := range s[1:] {
		switch {
		case strings.ContainsRune(closers, r):
			return words
		case n == maxQuotedTermRunes || unicode.IsSpace(r) || strings.ContainsRune("、,;:。!?\"'", r):
			return false
		}
		n++
		words = words || unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return false
}

// noiseBeforeAbout cuts from a title that began with stray marks what
// stands before its 关于 unless that is a body's name: the characters OCR
// read off the same noise ("二种不一可关于…"), which trimBeforeIssuer,
// looking for Latin letters and digits, keeps.
func noiseBeforeAbout(t string, stray bool) string {
	i := strings.Index(t, "关于")
	if !stray || i <= 0 || isOrgName(t[:i]) {
		return t
	}
	return t[i:]
}

// trimBeforeIssuer cuts from a title "<body>关于…" or "关于…" what stands
// before the issuing body or 关于 when that holds a Latin letter or a
// digit: OCR of a red masthead in large bold type ("TBA A BBO IPS T
// SCPE"), of a seal over the page ("eee", "Se") or a 文号 it misread
// ("甬政办发(2018) 455", 号 read as 5) run into the title line of a scan.
// It cuts only when what is left before 关于 is a body's name or nothing.
func trimBeforeIssuer(t string) string {
	i := strings.Index(t, "关于")
	if i <= 0 {
		return t
	}
	cut := strings.LastIndexFunc(t[:i], func(r rune) bool {
		return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r))
	})
	if cut < 0 {
		return t
	}
	rest := strings.TrimLeft(t[cut+1:], " )]」〕>.,”’|")
	if strings.HasPrefix(rest, "关于") {
		return rest // junk of a stamp or a 文号 OCR misread before "关于…"
	}
	if body := rest[:strings.Index(rest, "关于")]; !isOrgName(body) || runeLen(body) < 4 ||
		strings.ContainsAny(string([]rune(rest)[0]), "年月日号期届次个项名万亿元") {
		return t // "2019年宁波市教育局关于…": the digits belong to the title
	}
	return rest
}

// headlineOf returns a line that reads like the headline of a report or a
// summary without the words of an official title: 6 to 50 characters,
// mostly Chinese, no sentence, no colon, not a row of a table's cells
// (separated by " | "), not a date or a masthead.
func headlineOf(line string) string {
	for _, m := range reportMarks {
		if i := strings.Index(line, m); i > 0 {
			line = line[:i]
		}
	}

	line = trimBeforeIssuer(strings.TrimSpace(line))
	n := runeLen(line)
	if n < 6 || n > 50 || strings.ContainsAny(line, ":;,|") || isMasthead(line) || isBreadcrumb(line) ||
		dates.match(line) || docNumbers.match(line) || strings.HasPrefix(line, "附件") ||
		!balanced(line) || sentenceOpener.MatchString(line) {
		return ""
	}
	han := 0
	for _, r := range line {
		if isHan(r) {
			han++
		}
	}
	if han*3 < n*2 {
		return ""
	}
	return line
}

// mediaName is the paper, station or site a news headline is credited to
// before a colon: 杭州日报:我市…开幕, 浙江在线:…, 杭州发布:….
var mediaName = regexp.MustCompile(`^\p{Han}{1,8}(?:日报|晚报|早报|商报|时报|新闻网|新闻|在线|电视台|广播电台|电台|发布|报|网):\s*`)

// stripMedia cuts the name of the paper or site a news headline is
// credited to ("杭州日报:") from the start of line; a headline has no
// colon of its own.
func stripMedia(line string) string {
	if m := mediaName.FindStringIndex(line); m != nil {
		return line[m[1]:]
	}
	return line
}

// breadcrumbMarks separate the steps of a web page's breadcrumb
// (首页 > 教育 > 正文), which a page printed from a browser shows above
// its headline; no title has them.
const breadcrumbMarks = ">＞›»"

// isBreadcrumb reports whether line is a web page's breadcrumb or its
// site's chrome: steps between breadcrumbMarks, or a line that starts with
// 首页, 当前位置 or 您的位置 or ends with 首页 (返回首页). A title may
// name a 首页 inside it (关于做好学习型城市网站首页改版工作的通知).
func isBreadcrumb(line string) bool {
	if strings.ContainsAny(line, breadcrumbMarks) || strings.HasSuffix(line, "首页") {
		return true
	}
	for _, p := range []string{"首页", "当前位置", "您的位置"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// isMasthead reports whether s is a masthead, "XX文件", also with its
// 文件 misread after a body's name (湖州市人民政府办公室区件).
func isMasthead(s string) bool {
	if strings.ContainsAny(s, "关于的《") {
		return false
	}
	if strings.HasSuffix(s, "文件") {
		return true
	}
	r := []rune(s)
	if len(r) < 5 || !(r[len(r)-2] == '文' && isHan(r[len(r)-1]) || r[len(r)-1] == '件' && isHan(r[len(r)-2])) {
		return false
	}
	return isOrgName(string(r[:len(r)-2]))
}

// cleanEmbeddedTitle returns the title a file carries when it is
// meaningful, else "": not a file name, not "Microsoft Word - …" or an
// editor's default, not a bare masthead, 文号 or generic word. An HTML
// title loses its site name ("…的通知_杭州市人民政府门户网站").
func cleanEmbeddedTitle(t string) string {
	t = strings.TrimSpace(strings.ReplaceAll(prepare(t), "\n", ""))
	if t == "" || placeholderTitle.MatchString(t) || fileNameTitle.MatchString(t) {
		return ""
	}
	t = dropSiteName(t)
	n, han := runeLen(t), 0
	for _, r := range t {
		if isHan(r) {
			han++
		}
	}
	switch {
	case n < 6 || han < 4 || n > 120:
		return ""
	case isMasthead(t) || docNumberPattern.FindString(t) == t || genericTitles[t]:
		return ""
	}
	return t
}

var (
	placeholderTitle = regexp.MustCompile(`(?i)^(?:microsoft (?:word|powerpoint|excel)|wps|untitled|无标题|新建|文档\s*\d*$|document\s*\d*$|powerpoint 演示文稿|演示文稿\d*$|工作簿\d*$|book\d*$|slide\s*\d*$|标题$|title$)`)
	fileNameTitle    = regexp.MustCompile(`(?i)\.(?:docx?|wps|pdf|ofd|txt|html?|odt|rtf|xlsx?|pptx?|jpe?g|png|tiff?)$|^[\w\-. ]+$`)
	yearSpan         = regexp.MustCompile(`(\d)[-—–~](\d)`)
	siteSeparators   = regexp.MustCompile(`\s*(?:_|\||——|--| - |—|-)\s*`)
	siteWords        = []string{"网站", "门户", "首页", "官网", "网", "频道", "政务", "信息公开", "平台", "在线", "之窗"}
	genericTitles    = map[string]bool{"通知": true, "公告": true, "正文": true, "详情": true, "文章": true, "新闻": true,
		"政策文件": true, "信息公开": true, "政府信息公开": true, "通知公告": true, "工作动态": true, "文件": true}
)

// dropSiteName keeps the part of an HTML title that is the document's:
// the longest part between separators that is not a site name.
func dropSiteName(t string) string {
	// A dash between digits is a span of years, not a separator.
	parts := siteSeparators.Split(yearSpan.ReplaceAllString(t, "$1\x00$2"), -1)
	if len(parts) == 1 {
		return t
	}
	best := ""
	for _, p := range parts {
		p = strings.ReplaceAll(p, "\x00", "-")
		site := false
		for _, w := range siteWords {
			site = site || strings.HasSuffix(p, w) || strings.Contains(p, "网站")
		}
		if !site && runeLen(p) > runeLen(best) {
			best = p
		}
	}
	if best == "" {
		return t
	}
	return best
}
