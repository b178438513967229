package testenv

// The 通知 whose 文号 OCR misread as 杭教发（2018] 125, which the field
// reader takes for GuessedNumber and marks a guess, with GuessedRead (what
// the text has, as it is kept) beside it: the tests that a guess is never
// shown as fact share it.
const (
	GuessedNotice = "杭州市教育局文件\n\n杭教发（2018] 125\n\n关于开展社区教育示范街道评选工作的通知\n\n" +
		"各区、县（市）教育局：\n    现将社区教育示范街道评选工作通知如下。\n\n杭州市教育局\n2018年5月8日\n"
	GuessedNumber = "杭教发〔2018〕12号"
	GuessedRead   = "杭教发(2018]125"
)
