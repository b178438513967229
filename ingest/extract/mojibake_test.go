package extract

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// asANSI is s as Excel shows a UTF-8 file it opened as "ANSI" on a
// Windows-1252 system: each byte one Latin letter or sign, the five bytes
// 1252 leaves undefined as the control characters Windows maps them to.
func asANSI(t *testing.T, s string) string {
	t.Helper()
	var b strings.Builder
	for _, c := range []byte(s) {
		r := charmap.Windows1252.DecodeByte(c)
		if r == utf8.RuneError {
			r = rune(c)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func TestRepairMojibake(t *testing.T) {
	tests := []struct {
		name, in, want  string
		mended, garbled bool
	}{
		{"Chinese untouched", "2018年社区教育工作台账", "2018年社区教育工作台账", false, false},
		{"Latin-1 words untouched", "Müller café 2018", "Müller café 2018", false, false},
		{"a lone sign", "温度 25°C，增长 5‰", "温度 25°C，增长 5‰", false, false},
		// One letter à–ï with two of Chinese text's signs is the UTF-8 of
		// a Han character: é—— read back as 闗.
		{"Café beside Chinese", "Café——咖啡馆", "Café——咖啡馆", false, false},
		{"Café in a cell of its own", "店名 | Café—— | 咖啡馆", "店名 | Café—— | 咖啡馆", false, false},
		{"Café alone", "Café——Bistro", "Café——Bistro", false, false},
		{"naïve in quotes", "naïve“引号”", "naïve“引号”", false, false},
		{"French and German names beside Chinese", "外籍讲师：François Lefèvre、Jürgen Müller——主讲《终身学习》", "外籍讲师：François Lefèvre、Jürgen Müller——主讲《终身学习》", false, false},
	}
	// The mojibake of real text, made as Excel makes it.
	for _, s := range []string{"2018年社区教育工作台账", "上城区 | 社区学校 | 12所", "学分银行累计存入学习成果12万条"} {
		tests = append(tests, struct {
			name, in, want  string
			mended, garbled bool
		}{"mended: " + s, "序号 | " + asANSI(t, s) + " | 备注", "序号 | " + s + " | 备注", true, false})
	}
	// A ledger in mojibake: its cells of one character (是, 否) are
	// turned with the rest, though one alone would not be.
	for _, tt := range []struct{ in, want string }{
		{asANSI(t, "社区学校 | 是\n\n老年大学 | 否"), "社区学校 | 是\n\n老年大学 | 否"},
		{asANSI(t, "是"), asANSI(t, "是")},
	} {
		tests = append(tests, struct {
			name, in, want  string
			mended, garbled bool
		}{"one character: " + tt.want, tt.in, tt.want, tt.in != tt.want, false})
	}
	// A byte of 教 (0x95, •) lost as ? on a save: the run no longer turns
	// back, and is kept as it is, marked.
	lost := strings.Replace(asANSI(t, "2018年社区教育工作台账"), "\u2022", "?", 1)
	tests = append(tests, struct {
		name, in, want  string
		mended, garbled bool
	}{"a byte lost", lost, lost, false, true})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, mended, garbled := repairMojibake(tt.in)
			if got != tt.want || mended != tt.mended || garbled != tt.garbled {
				t.Errorf("repairMojibake(%q) = %q, mended %v, garbled %v; want %q, %v, %v", tt.in, got, mended, garbled, tt.want, tt.mended, tt.garbled)
			}
		})
	}
}

// TestMojibakeLedgerReadsAsChinese reads ledgers made as offices make them
// — a UTF-8 CSV opened in Excel as ANSI, then saved — as .xlsx, .xls,
// .csv and .txt: each is read as the Chinese it was, and one whose bytes
// were partly lost is marked garbled, where both were indexed as
// 2018å¹´ç¤¾åŒº… under 可检索.
func TestMojibakeLedgerReadsAsChinese(t *testing.T) {
	const title, summary, cell = "2018年社区教育工作台账", "2018年社区教育工作总结", "上城区社区学校"
	dir := t.TempDir()
	xlsx := writeXLSX(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", asANSI(t, title))
		f.SetCellValue("Sheet1", "A2", asANSI(t, cell))
		f.SetCellValue("Sheet1", "B2", 12)
	})
	csv := filepath.Join(dir, "台账.csv")
	txt := filepath.Join(dir, "台账.txt")
	lostCSV := filepath.Join(dir, "丢字台账.csv")
	for path, text := range map[string]string{
		// A text file holds no control character: Excel saved these from
		// Latin text without the five bytes 1252 leaves undefined (台 has
		// one), in UTF-8.
		csv:     asANSI(t, summary) + "\n" + asANSI(t, cell) + ",12\n",
		txt:     asANSI(t, summary+"\n"+cell+"12所") + "\n",
		lostCSV: strings.ReplaceAll(asANSI(t, summary+"\n"+cell), "\u2022", "?") + ",12\n",
	} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		name    string
		format  Format
		path    string
		want    []string
		sources []string
	}{
		{"xlsx", FormatXLSX, xlsx, []string{title, cell}, nil},
		{"xls saved by LibreOffice", FormatXLS, fixture("mojibake-ledger.xls"), []string{title, cell}, nil},
		{"csv", FormatCSV, csv, []string{summary, cell}, nil},
		{"txt", FormatTXT, txt, []string{summary, cell + "12所"}, nil},
		{"csv with bytes lost", FormatCSV, lostCSV, []string{"2018"}, []string{SourceGarbled}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Extract(context.Background(), tt.format, tt.path, Limits{})
			if err != nil {
				t.Fatalf("extract %s: %v", tt.path, err)
			}
			text := strings.Join(res.Pages, "\n")
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			if strings.Join(res.PageSources, ",") != strings.Join(tt.sources, ",") {
				t.Errorf("page sources %q, want %q", res.PageSources, tt.sources)
			}
		})
	}
}
