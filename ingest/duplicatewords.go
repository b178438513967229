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
//
// When the upload chose a round or a type that d, kept as stored, does not
// have (un), it also says who uploaded d and when, and that the choice was
// not applied and where to change it: a coordinator who chose 2019 took
// the old answer to mean the file now counts in 2019.
func DuplicateWords(d *catalog.Document, usedInRound int, linked bool, un Unapplied) catalog.Words {
	roundZh, roundEn, countsZh, countsEn := "", "", "", ""
	switch {
	case usedInRound == 0 && linked && d.Round != "":
		countsZh = fmt.Sprintf("\uFF1B本次关联的指标计入 %s年度", d.Round)
		countsEn = fmt.Sprintf("; the indicators linked now count in round %s", d.Round)
	case usedInRound == 0 && linked:
		countsZh, countsEn = "\uFF1B本次选择的指标已关联到该文档", "; the indicators chosen are now linked to it"
	case usedInRound != 0:
		roundZh, roundEn = "\uFF0C未归入轮次", ", of no round"
		if d.Round != "" {
			roundZh, roundEn = fmt.Sprintf("\uFF0C属于 %s年度", d.Round), fmt.Sprintf(", of round %s", d.Round)
		}
		countsZh = fmt.Sprintf("\uFF1B本次关联的指标计入 %d年度", usedInRound)
		countsEn = fmt.Sprintf("; the indicators linked now count in round %d", usedInRound)
	}
	if !un.None() {
		roundZh, roundEn = "\uFF0C未归入轮次", ", of no round"
		if d.Round != "" {
			roundZh, roundEn = fmt.Sprintf("\uFF0C属于 %s年度", d.Round), fmt.Sprintf(", of round %s", d.Round)
		}
		day := d.UploadedAt.In(catalog.ChinaTime).Format("2006-01-02")
		by := d.UploadedBy
		if un.UploadedBy != "" {
			by = un.UploadedBy
		}
		roundZh += fmt.Sprintf("\uFF0C%s 于 %s 上传", by, day)
		roundEn += fmt.Sprintf(", uploaded by %s on %s", by, day)
		zh, en := un.words(d)
		countsZh, countsEn = countsZh+zh, countsEn+en
	}
	return catalog.Words{
		Chinese: fmt.Sprintf("与已保存的“%s”是同一文件\uFF08内容完全相同%s\uFF09\uFF0C未重复保存%s", d.Filename, roundZh, countsZh),
		English: fmt.Sprintf("the same file as the stored “%s” (exactly the same content%s), not stored twice%s", d.Filename, roundEn, countsEn),
	}
}

// Unapplied is what an upload chose for a file whose bytes were stored
// already that the stored document does not have; the zero value is
// nothing.
type Unapplied struct {
	Round   string          // a round other than the document's
	DocType catalog.DocType // a type other than the document's
	// AskCoordinator: the uploader may not make these changes on the
	// document's page (a department contributor's page of it has no form
	// for them), so the words send them to the city's coordinator, who
	// may.
	AskCoordinator bool
	// UploadedBy is who the words say uploaded the stored document, when
	// not its account (Document.UploadedBy): the 责任单位 of another
	// department's account, since a department contributor is not shown
	// the accounts of other departments (uploaderFor).
	UploadedBy string
}

// None reports whether the upload chose nothing the document lacks; who
// uploaded it (UploadedBy) is no choice.
func (un Unapplied) None() bool { return un.Round == "" && un.DocType == "" }

// words says, after 未重复保存, that the choices of un were not applied to
// d and how to apply them.
func (un Unapplied) words(d *catalog.Document) (zh, en string) {
	if un.AskCoordinator {
		return un.coordinatorWords(d)
	}
	if un.Round != "" {
		zh += fmt.Sprintf("\uFF1B其监测轮次未改动\uFF0C如需计入 %s年度\uFF0C请在文档页修改", un.Round)
		en += fmt.Sprintf("; its round was not changed: to count it in round %s, change it on its page", un.Round)
	}
	if un.DocType != "" {
		zh += fmt.Sprintf("\uFF1B其类型仍为%s\uFF0C如需改为%s\uFF0C请在文档页修改", catalog.DocTypeLabels[d.DocType], catalog.DocTypeLabels[un.DocType])
		en += fmt.Sprintf("; its type is still %s: to make it %s, change it on its page", catalog.DocTypeLabelsEN[d.DocType], catalog.DocTypeLabelsEN[un.DocType])
	}
	return zh, en
}

// coordinatorWords is words for an uploader who may not make the changes
// themselves: who can.
func (un Unapplied) coordinatorWords(d *catalog.Document) (zh, en string) {
	if un.Round != "" {
		zh += fmt.Sprintf("\uFF1B其监测轮次未改动\uFF0C如需计入 %s年度\uFF0C请联系本市协调员在文档页修改", un.Round)
		en += fmt.Sprintf("; its round was not changed: to count it in round %s, ask the city's coordinator to change it on its page", un.Round)
	}
	if un.DocType != "" {
		zh += fmt.Sprintf("\uFF1B其类型仍为%s\uFF0C如需改为%s\uFF0C请联系本市协调员在文档页修改", catalog.DocTypeLabels[d.DocType], catalog.DocTypeLabels[un.DocType])
		en += fmt.Sprintf("; its type is still %s: to make it %s, ask the city's coordinator to change it on its page", catalog.DocTypeLabelsEN[d.DocType], catalog.DocTypeLabelsEN[un.DocType])
	}
	return zh, en
}

// DuplicateLabel is DuplicateWords as a sentence of its own, in English
// when english: 重复文件：与已保存的…
func DuplicateLabel(d *catalog.Document, usedInRound int, linked bool, un Unapplied, english bool) string {
	w := DuplicateWords(d, usedInRound, linked, un)
	if english {
		return "Duplicate: " + w.English
	}
	return "重复文件\uFF1A" + w.Chinese
}
