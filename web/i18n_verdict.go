package web

// The words of giving a verdict on the version shown, kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up.
func init() {
	for k, m := range verdictMessages {
		messages[k] = m
	}
}

var verdictMessages = map[string]map[Lang]string{
	"claim.quote_checked": {Chinese: "引文在文字中未找到，已核对原件图像", English: "Quote not found in the text; original image checked"},
}
