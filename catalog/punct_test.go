package catalog

import (
	"errors"
	"strings"
	"testing"
)

func TestFullwidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"缺少城市代码 city(如 330100 杭州)", "缺少城市代码 city\uFF08如 330100 杭州\uFF09"},
		{"格式不正确;请重新上传,谢谢", "格式不正确\uFF1B请重新上传\uFF0C谢谢"},
		{"第 %d 页:文字层", "第 %d 页\uFF1A文字层"},
		{"%s: %v", "%s: %v"},
		{"10:30 a(1).pdf", "10:30 a(1).pdf"},
		{"文件“%s”:扩展名", "文件“%s”\uFF1A扩展名"},
		{"Page %d: text layer", "Page %d: text layer"},
		{"TXT(UTF-8 或 GBK)、HTML", "TXT\uFF08UTF-8 或 GBK\uFF09、HTML"},
		{"(检测到的内容:%s)", "\uFF08检测到的内容\uFF1A%s\uFF09"},
		{"用逗号分隔,如 2.3.1)", "用逗号分隔\uFF0C如 2.3.1)"},
	}
	for _, tt := range tests {
		if got := Fullwidth(tt.in); got != tt.want {
			t.Errorf("Fullwidth(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	e := Errorf(EINVALID, "文件 %s 无法读取(已损坏)", "通知(1).pdf")
	if e.Message != "文件 通知(1).pdf 无法读取\uFF08已损坏\uFF09" {
		t.Errorf("Errorf converts the message but not its values: %q", e.Message)
	}
}

// TestGenericErrorMessageIsFullwidth: the message shown for an error the
// program cannot explain uses the UI's full-width punctuation.
func TestGenericErrorMessageIsFullwidth(t *testing.T) {
	msg := ErrorMessage(errors.New("disk on fire"))
	if strings.ContainsAny(msg, ",;") || !strings.Contains(msg, "，") {
		t.Errorf("generic message %q: want full-width punctuation", msg)
	}
}
