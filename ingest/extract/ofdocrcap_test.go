package extract

import (
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// scannedOFD writes an OFD of n image-only pages, each drawing the PNG
// picture (a scanner's OFD export of a bound report).
func scannedOFD(t *testing.T, n int, picture []byte) string {
	t.Helper()
	var pages strings.Builder
	members := []string{
		"OFD.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:Title>学习型城市建设年报扫描件</ofd:Title></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/DocumentRes.xml", `<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:MultiMedias><ofd:MultiMedia ID="5" Type="Image" Format="PNG"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`,
		"Doc_0/Res/scan.png", string(picture),
	}
	for i := range n {
		fmt.Fprintf(&pages, `<ofd:Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, 100+i, i)
		members = append(members, fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i),
			`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="6"><ofd:ImageObject ID="7" ResourceID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/></ofd:Layer></ofd:Content></ofd:Page>`)
	}
	members = append(members, "Doc_0/Document.xml",
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>9</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData><ofd:Pages>`+pages.String()+`</ofd:Pages></ofd:Document>`)
	return writeOFD(t, members...)
}

// TestALongScannedOFDPastTheOCRCapIsReadUpToIt: an OFD of more
// image-only pages than OCR reads of one file has its first pages read,
// up to the cap, and the others left empty and marked as left out of OCR,
// as a long scanned PDF; each page read moves the reading's deadline out
// by a page's time, as a PDF's do, and the pages left out do not.
func TestALongScannedOFDPastTheOCRCapIsReadUpToIt(t *testing.T) {
	var deadlines []time.Time
	withOCR(t, func(ctx context.Context, _ []byte, _ Limits) (PageOCR, error) {
		at, _ := ctx.Deadline()
		deadlines = append(deadlines, at)
		return PageOCR{Text: fmt.Sprintf("第%d次识别全民终身学习活动周", len(deadlines)), Confidence: 0.9}, nil
	})
	path := scannedOFD(t, 5, pngClaiming(1, 1))
	res, err := Extract(context.Background(), FormatOFD, path, Limits{MaxOCRPages: 3, OCRPageTimeout: time.Hour})
	if err != nil {
		t.Fatalf("5 页扫描 OFD，识别上限 3 页: %v (%s); want its first 3 pages read by OCR and the rest left out", err, catalog.ErrorMessage(err))
	}
	want := []string{SourceOCR, SourceOCR, SourceOCR, SourceOCRSkipped, SourceOCRSkipped}
	if !slices.Equal(res.PageSources, want) || len(res.Pages) != 5 {
		t.Fatalf("%d pages, sources %v; want 5, %v", len(res.Pages), res.PageSources, want)
	}
	for i, p := range res.Pages {
		want := ""
		if i < 3 {
			want = fmt.Sprintf("第%d次识别全民终身学习活动周", i+1)
		}
		if p != want {
			t.Errorf("page %d: %q, want %q", i+1, p, want)
		}
	}
	if len(deadlines) != 3 {
		t.Fatalf("OCR read %d pages, want 3", len(deadlines))
	}
	for i := 1; i < len(deadlines); i++ {
		if d := deadlines[i].Sub(deadlines[i-1]); d != time.Hour {
			t.Errorf("OCR of page %d moved the deadline by %v, want a page's time (1h)", i+1, d)
		}
	}
}

// TestALongScannedOFDAtTheRealOCRCap: 503 image-only pages under the
// default cap of 500, with tesseract reading the pages OCR reads
// (page.png, one picture for all of them, read once a page).
func TestALongScannedOFDAtTheRealOCRCap(t *testing.T) {
	needOCR(t)
	picture, err := os.ReadFile(fixture("page.png"))
	if err != nil {
		t.Fatal(err)
	}
	real := ocrImage
	var calls int
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		calls++
		if calls > 1 {
			return PageOCR{Text: "武汉市学习型城市建设监测数据说明", Confidence: 0.9}, nil
		}
		return real(ctx, image, lim)
	})
	res, err := Extract(context.Background(), FormatOFD, scannedOFD(t, DefaultMaxOCRPages+3, picture), Limits{})
	if err != nil {
		t.Fatalf("503 页扫描 OFD: %v (%s); want its first 500 pages read by OCR and the rest left out", err, catalog.ErrorMessage(err))
	}
	if calls != DefaultMaxOCRPages || len(res.PageSources) != DefaultMaxOCRPages+3 {
		t.Fatalf("OCR read %d pages, %d sources; want 500 read of 503", calls, len(res.PageSources))
	}
	if !strings.Contains(res.Pages[0], "武汉市学习型城市建设监测数据说明") {
		t.Errorf("page 1, read by tesseract: %q", res.Pages[0])
	}
	for i, source := range res.PageSources {
		if want := i >= DefaultMaxOCRPages; (source == SourceOCRSkipped) != want || want && res.Pages[i] != "" {
			t.Errorf("page %d: %q (%s), left out of OCR %v", i+1, res.Pages[i], source, want)
		}
	}
}

// TestALongBlankScannedOFDPastTheOCRCapIsTooLong: when the pages OCR read
// are all blank and the others were not read, nothing says the file is a
// blank scan: it fails as needing too many pages read, as a long blank
// PDF does.
func TestALongBlankScannedOFDPastTheOCRCapIsTooLong(t *testing.T) {
	withOCR(t, func(context.Context, []byte, Limits) (PageOCR, error) { return PageOCR{}, nil })
	_, err := Extract(context.Background(), FormatOFD, scannedOFD(t, 5, pngClaiming(1, 1)), Limits{MaxOCRPages: 2})
	wantError(t, "5 页空白扫描 OFD，识别上限 2 页", err, catalog.ETOOLARGE, "需要文字识别（OCR）的页数为 5 页，超过每个文件 2 页的上限")
}
