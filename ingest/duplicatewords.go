package ingest

import (
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// DuplicateWords says, in both languages, that a file sent is the stored
// document d's file, named as it is stored (a renamed copy is no riddle);
// sent for another round than d's (usedInRound, 0 for none), also d's
// round, or that it has none, and the round its indicators now count in;
// sent with indicators to link (linked) for d's own round, that they count
// in d's round (or, d having none, that they are linked to it), as they
// do.
// It is the one wording of a duplicate upload: the upload page's rows
// (sent by the API), 我的任务's hand-in notice and the API's
// duplicate_notice all say it after 重复文件 (Duplicate).
func DuplicateWords(d *catalog.Document, usedInRound int, linked bool) catalog.Words {
	roundZh, roundEn, countsZh, countsEn := "", "", "", ""
	switch {
	case usedInRound == 0 && linked && d.Round != "":
		countsZh = fmt.Sprintf("\uFF1B本次关联的指标计入 %s 年度", d.Round)
		countsEn = fmt.Sprintf("; the indicators linked now count in round %s", d.Round)
	case usedInRound == 0 && linked:
		countsZh, countsEn = "\uFF1B本次选择的指标已关联到该文档", "; the indicators chosen are now linked to it"
	case usedInRound != 0:
		roundZh, roundEn = "\uFF0C未归入轮次", ", of no round"
		if d.Round != "" {
			roundZh, roundEn = fmt.Sprintf("\uFF0C属于 %s 年度", d.Round), fmt.Sprintf(", of round %s", d.Round)
		}
		countsZh = fmt.Sprintf("\uFF1B本次关联的指标计入 %d 年度", usedInRound)
		countsEn = fmt.Sprintf("; the indicators linked now count in round %d", usedInRound)
	}
	return catalog.Words{
		Chinese: fmt.Sprintf("与已保存的“%s”是同一文件\uFF08内容完全相同%s\uFF09\uFF0C未重复保存%s", d.Filename, roundZh, countsZh),
		English: fmt.Sprintf("the same file as the stored “%s” (exactly the same content%s), not stored twice%s", d.Filename, roundEn, countsEn),
	}
}

// DuplicateLabel is DuplicateWords as a sentence of its own, in English
// when english: 重复文件：与已保存的…
func DuplicateLabel(d *catalog.Document, usedInRound int, linked, english bool) string {
	w := DuplicateWords(d, usedInRound, linked)
	if english {
		return "Duplicate: " + w.English
	}
	return "重复文件\uFF1A" + w.Chinese
}
