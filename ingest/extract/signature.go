package extract

import (
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// signatureRole is a line's part in a 公文's signature block.
type signatureRole uint8

const (
	notSignature  signatureRole = iota
	signatureBody               // an issuing body's name (发文机关署名)
	signatureDate               // the 成文日期 below the names
)

// maxSignatureRunes is the longest line taken for the names of the
// issuing bodies of a signature (two or three bodies side by side).
const maxSignatureRunes = 40

// signatures are the roles of lines in signature blocks: a line that is
// a date alone below one or more lines that are the names of issuing
// bodies (empty lines between them aside). Their widths are not asked:
// a last page of a few lines measures its body by them (policy.pdf's
// 杭州市人民政府办公厅 was its widest but two), and neither a date alone
// nor a body's name alone above one is a line of prose wrapped, but for
// a body's name on a full line that the line above runs on into: prose
// wrapped there (…领导小组办公室和市社区教育指导委员会 / 2023年5月6日 /
// 在市民中心联合主办。) stays one paragraph.
func (pg layoutPage) signatures(lines []layoutLine) []signatureRole {
	roles := make([]signatureRole, len(lines))
	for i, l := range lines {
		if !fields.IsDate(squeezed(l.text)) {
			continue
		}
		for j := i - 1; j >= 0; j-- {
			if squeezed(lines[j].text) == "" {
				continue
			}
			if !signatureName(lines[j].text) || pg.runsOnInto(lines, j) {
				break
			}
			roles[j], roles[i] = signatureBody, signatureDate
		}
	}
	return roles
}

// runsOnInto reports whether lines[j] is a full line that the nearest
// line above it, one that ends no sentence, runs on into.
func (pg layoutPage) runsOnInto(lines []layoutLine, j int) bool {
	if pg.body <= 0 || lines[j].width() < fullLine*pg.body {
		return false
	}
	for k := j - 1; k >= 0; k-- {
		if p := squeezed(lines[k].text); p != "" {
			last, _ := utf8.DecodeLastRuneInString(p)
			return !endsSentence(last)
		}
	}
	return false
}

// signatureName reports a line that may name the issuing bodies of a
// signature: no longer than maxSignatureRunes, ending as a body's name
// does (fields.IsOrgName), with no sentence's punctuation, list's 、 or
// figures in it.
func signatureName(line string) bool {
	t := squeezed(line)
	if utf8.RuneCountInString(t) > maxSignatureRunes {
		return false
	}
	return fields.IsOrgName(t) && !strings.ContainsAny(t, "。，；：！？,;:!?、0123456789")
}

// signatureBreak reports whether the break between prev (whose role is
// was) and the next line (is) ends a paragraph by the signature rule:
// each line of a block is a paragraph, and the block one apart from what
// follows it and from the body above it, unless the body's last line is
// full and ends no sentence (a wrapped line runs on into the next).
func (pg layoutPage) signatureBreak(prev layoutLine, was, is signatureRole) bool {
	p := squeezed(prev.text)
	switch {
	case p == "" || was == notSignature && is == notSignature:
		return false
	case was != notSignature:
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	full := pg.body > 0 && prev.width() >= fullLine*pg.body
	return !full || endsSentence(last) || strings.HasPrefix(p, "附件")
}
