package catalog_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestChooseFormsFollowsItsVerb: a choice takes the count of the verb just
// before it, whatever the verbs between; %% is no verb.
func TestChooseFormsFollowsItsVerb(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []any
		want   string
	}{
		{"%d {item|items} in %s", []any{1, "x"}, "%d item in %s"},
		{"%s has %d {item|items}", []any{"x", 1}, "%s has %d item"},
		{"%s has %d {item|items}", []any{"x", 2}, "%s has %d items"},
		{"100%% of %d {item|items}", []any{1}, "100%% of %d item"},
		{"%5.1f {unit|units}", []any{1.0}, "%5.1f units"},
		{"{item|items} first", []any{1}, "items first"},
		{"%d {item|items} {is|are} here", []any{1}, "%d item is here"},
		{"no choice {here}", []any{1}, "no choice {here}"},
		{"%d {item|items}", nil, "%d items"},
	} {
		if got := catalog.ChooseForms(tt.format, tt.args); got != tt.want {
			t.Errorf("catalog.ChooseForms(%q, %v) = %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
}

// TestEnglishMessagesCountInTheRightForm: an error or a command's message
// in English names one page, row, document or file in the singular (“x”
// has 1 page, never 1 pages) and several in the plural.
func TestEnglishMessagesCountInTheRightForm(t *testing.T) {
	for _, tt := range []struct {
		format string
		args   []any
		want   string
	}{
		{"页码 %d 不存在：《%s》共 %d 页", []any{3, "通知", 1}, "There is no page 3: “通知” has 1 page"},
		{"页码 %d 不存在：《%s》共 %d 页", []any{3, "通知", 2}, "There is no page 3: “通知” has 2 pages"},
		{"页码 %d 超出范围：文档共 %d 页", []any{2, 1}, "Page 2 is out of range: the document has 1 page"},
		{"页码 %d 超出范围：该文档共 %d 页", []any{2, 1}, "Page 2 is out of range: the document has 1 page"},
		{"本文件共 %d 页，没有第 %d 页", []any{1, 2}, "The document has 1 page; there is no page 2"},
		{"需要文字识别（OCR）的页数为 %d 页，超过每个文件 %d 页的上限；请拆分后分别上传", []any{1, 50}, "1 page needs OCR, over the limit of 50 pages a file; split the file and upload the parts"},
		{"已恢复到 %s\uFF1A%d 个文档可检索", []any{"/data", 1}, "Restored to /data: 1 document searchable"},
		{"核验通过：%d 个文件与 manifest.csv 一致", []any{1}, "Verified: 1 file matches manifest.csv"},
	} {
		if got := catalog.EnglishOf(tt.format, tt.args...); got != tt.want {
			t.Errorf("English of %q with %v: %q, want %q", tt.format, tt.args, got, tt.want)
		}
	}
}
