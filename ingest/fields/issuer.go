package fields

import (
	"regexp"
	"strings"
)

// issuerEnds are the endings of the names of issuing bodies.
var issuerEnds = []string{"人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "领导小组", "联合会",
	"协会", "大学", "学院", "学校", "党委", "党组", "中心", "研究院", "局", "厅", "委", "会", "府", "部", "院", "处", "社", "馆", "署", "所"}

// IsOrgName reports whether s ends as the name of an issuing body does
// (局, 委员会, 人民政府…): extract tells a signature's line above its
// date by it.
func IsOrgName(s string) bool { return isOrgName(s) }

// isOrgName reports whether s ends like the name of an issuing body.
func isOrgName(s string) bool {
	s = strings.TrimSpace(s)
	for _, e := range issuerEnds {
		if strings.HasSuffix(s, e) {
			return true
		}
	}
	return false
}

// bodyStart is how the name of a second issuing body starts in a joint
// masthead or signature run together: 中共…, a province, city, county or
// district, a municipality named without 市 before a name of its own
// (北京教育科学研究院, not the 北京分会 of a national body), or a national
// body.
var bodyStart = regexp.MustCompile(`^(?:中共|共青团|国务院|教育部|民政部|财政部|(?:北京|上海|天津|重庆)\p{Han}{4}|\p{Han}{1,3}(?:省|市|县|区|自治区))`)

// issuerName tidies the name of one or more issuing bodies: joint bodies
// run together ("杭州市教育局杭州市财政局") are separated by "、"; "" when s
// does not end like a body's name or is implausibly short or long.
func issuerName(s string) string {
	s = strings.Trim(s, " 、")
	if !isOrgName(s) {
		return ""
	}
	var names []string
	seen := map[string]bool{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '、' }) {
		for _, n := range splitJoint(part) {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	out := strings.Join(names, "、")
	if n := runeLen(out); n < 3 || n > 60 {
		return ""
	}
	return out
}

// splitJoint splits names of bodies run together: after the end of a
// body's name, where another body's name starts.
func splitJoint(s string) []string {
	r := []rune(s)
	for i := 3; i < len(r)-3; i++ {
		head, tail := string(r[:i]), string(r[i:])
		if isOrgName(head) && isOrgName(tail) && bodyStart.MatchString(tail) {
			return append([]string{head}, splitJoint(tail)...)
		}
	}
	return []string{s}
}

// mastheadIssuer returns the body named by the masthead ("杭州市教育局文件"
// → 杭州市教育局), "" when the head has none.
func mastheadIssuer(head string) string {
	for _, l := range strings.SplitN(head, "\n", 4) {
		m := findMasthead(l)
		if m == nil || strings.ContainsAny(l[:m[1]], "关于的《") {
			continue
		}
		if name := issuerName(l[m[2]:m[3]]); name != "" {
			return name
		}
	}
	return ""
}

// titleIssuer returns the body named before 关于 in a title
// ("杭州市人民政府办公厅关于…" → 杭州市人民政府办公厅).
func titleIssuer(title string) string {
	i := strings.Index(title, "关于")
	if i <= 0 {
		return ""
	}
	return issuerName(title[:i])
}

// signatureIssuer returns the body signing above or before a date: the
// run of the name just before it, after the end of the last sentence,
// clause or line; "" when that is no body's name. A clause of the body
// ("…按要求,市教育局2019年3月15日…") is no signature.
func signatureIssuer(before string) string {
	name := afterLast(strings.TrimRight(before, " \n"), "\n。!;:,)》")
	if i := strings.LastIndexFunc(name, func(r rune) bool { return r >= '0' && r <= '9' }); i >= 0 {
		name = name[i+1:]
	}
	// An attachment's title can run into the signature in joined text:
	// "附件:2018年杭州市学习型社区名单杭州市教育局".
	// Only where a body's name starts after it: the kind of document a
	// name may hold (卫生和计划生育委员会's 计划) is no title's end.
	if ends := titleEnds(name); len(ends) > 0 {
		if rest := name[ends[len(ends)-1][1]:]; runeLen(rest) >= 3 && startsLikeABody(rest) {
			name = rest
		}
	}
	if runeLen(name) > 30 {
		return ""
	}
	return issuerName(name)
}

// startsLikeABody says whether s begins as a body's name does: with a
// place (杭州市, 浙江省, 西湖区, 淳安县) within its first characters, or
// with a national or party prefix.
func startsLikeABody(s string) bool {
	for _, p := range []string{"中共", "中国", "国家", "共青团", "全国", "国务院"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	for i, r := range []rune(s) {
		if i >= 8 {
			break
		}
		if strings.ContainsRune("省市区县州盟旗镇乡", r) && i > 0 {
			return true
		}
	}
	return false
}
