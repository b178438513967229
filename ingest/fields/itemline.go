package fields

import "regexp"

// itemNumber matches the number that opens an item of a document's body:
// 一、 (一) 1. 1、 (1). Such a line is a heading inside the body, never the
// document's title, though it is short and reads like a headline: a scan
// whose first page OCR read as garbage (a page lying sideways) had item 3
// of its second page, 三、学分银行建设稳步推进, taken as its title. A year
// (2018年…) or a number with a decimal point (1.5万人) is no item number.
var itemNumber = regexp.MustCompile(`^(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十]{1,3}[)）]|[0-9]{1,2}(?:[、．]|\.(?:[^0-9]|$))|[(（][0-9]{1,2}[)）])`)

// itemLine reports whether line opens with an item's number.
func itemLine(line string) bool {
	return itemNumber.MatchString(line)
}
