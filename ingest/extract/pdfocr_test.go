package extract

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestShortPageWithoutPictureIsNotOCRd reads a report made by LibreOffice
// whose chapters open on a page holding only their heading and close on a
// page holding only a note: with nothing drawn but text, those pages are
// trusted as they are, and the file never waits for OCR. The same heading
// over a picture is OCR'd.
func TestShortPageWithoutPictureIsNotOCRd(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatPDF, fixture("chapters.pdf"), Limits{DeferOCR: true})
	if err != nil {
		t.Fatalf("chapters.pdf: %v; want its short pages without pictures read from their text layer, no OCR", err)
	}
	if len(res.Pages) != 9 {
		t.Fatalf("chapters.pdf: %d pages, want 9", len(res.Pages))
	}
	for i, want := range []string{"第1章区县统计", "128.6万人次", "(本章完)", "第2章经费保障"} {
		if !strings.Contains(res.Pages[i], want) {
			t.Errorf("chapters.pdf page %d: %q, want it to hold %q", i+1, res.Pages[i], want)
		}
	}
	for i, src := range res.PageSources {
		if src != SourceText {
			t.Errorf("chapters.pdf page %d: source %q, want %q", i+1, src, SourceText)
		}
	}
	if _, err := Extract(context.Background(), FormatPDF, fixture("chapter-picture.pdf"), Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Fatalf("chapter-picture.pdf (a heading over a picture): %v, want ErrNeedsOCR", err)
	}
}

func TestWeakTextLayer(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		images bool
		want   bool
	}{
		{"只有标题的页", "第 44 章 区县统计", false, false},
		{"扫描页上只有页码", "— 3 —", true, true},
		{"不知道有没有图", "第 44 章 区县统计", true, true},
		{"空页", " \n", false, true},
		{"有图但文字够多", strings.Repeat("学习型城市建设监测", 4), true, false},
		{"乱码", "º¼ÖÝÊÐÈËÃñÕþ¸®°ì¹«Ìü", false, true},
	}
	for _, tt := range tests {
		if got := weakTextLayer(tt.text, tt.images); got != tt.want {
			t.Errorf("%s (%q, images %v): weak %v, want %v", tt.name, tt.text, tt.images, got, tt.want)
		}
	}
}

func TestLargestListedImage(t *testing.T) {
	const head = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n" +
		"--------------------------------------------------------------------------------------------\n"
	tests := []struct {
		name, list string
		want       int
	}{
		{"一张竖拍照片", head + "   1     0 image    1241  1754  rgb     3   8  jpeg   no         5  0   150   150  117K 1.8%\n", 1754},
		{"横图取长边", head + "   3     2 image    4000  3000  rgb     3   8  jpeg   no        13  0   342   342  2.1M 6%\n", 4000},
		{"取面积最大的图", head + "   1     0 image      40   900  gray    1   8  image  no         5  0    10    10    1K 1%\n" +
			"   1     1 image    1200  1600  gray    1   8  image  no         6  0   150   150  100K 5%\n", 1600},
		{"蒙版不算", head + "   1     0 smask    5000  5000  gray    1   8  image  no         5  0    10    10    1K 1%\n", 0},
		{"没有图片", head, 0},
		{"乱码", "不是列表\n1 2 image x y\n", 0},
	}
	for _, tt := range tests {
		if got := largestListedImage(tt.list); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
