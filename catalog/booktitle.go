package catalog

import "strings"

// innerBookMarks turns the book-title marks inside a title into the single
// ones: a title inside a title.
var innerBookMarks = strings.NewReplacer("《", "〈", "》", "〉")

// BookTitle is title between the marks 《》 a Chinese message puts around a
// document's title, with the 《》 inside it turned into 〈〉, the usual rule
// for a title inside a title: 《关于印发〈杭州市终身教育促进条例实施办法〉的通知》,
// never 《关于印发《…》的通知》.
func BookTitle(title string) string {
	return "《" + innerBookMarks.Replace(title) + "》"
}

// TitleWords is title quoted in each language, for a message's argument:
// BookTitle in Chinese, between “” in English (which keeps 《》 inside as
// they are).
func TitleWords(title string) Words {
	return Words{Chinese: BookTitle(title), English: "“" + title + "”"}
}
