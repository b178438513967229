package fields

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestTitleEndsAsTheRegexp holds titleEnds to the regexp it replaced, the
// alternation of docKinds with kindSuffix, on every line of the fixtures
// and on lines made to test the order of the kinds and the suffixes.
func TestTitleEndsAsTheRegexp(t *testing.T) {
	titleEnd := regexp.MustCompile(`(?:` + strings.Join(docKinds, "|") + `)` + kindSuffix.String()[1:] + `?`)
	lines := []string{
		"杭州市人民政府关于推进学习型城市建设的实施意见",
		"关于印发《社区教育工作方案(试行)》的通知",
		"宁波市终身教育促进条例(2015-2020年)实施办法(暂行)",
		"管理办法(征求意见稿)办法(修订稿)方案(修订)函(送审稿)复函函",
		"规划纲要(2010-2020年)报告(2018 至 2019年)请示(草案",
		"意见意见见意通知知通告告公告公报简报快报专报",
		"没有文件种类的一行",
		"",
		"(试行)",
		"实施",
	}
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, strings.Split(prepare(string(body)), "\n")...)
	}
	matched := 0
	for _, l := range lines {
		got, want := titleEnds(l), titleEnd.FindAllStringIndex(l, -1)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("title ends of %q: got %v, want %v", l, got, want)
		}
		matched += len(want)
	}
	if matched < 100 {
		t.Errorf("only %d title ends in %d lines: the test no longer tries the kinds", matched, len(lines))
	}
}
