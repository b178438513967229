package extract

import (
	"bytes"
	"context"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	textunicode "golang.org/x/text/encoding/unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// newsText is testdata/news.utf8.txt after Normalize, in part.
var newsPhrases = []string{
	"八城市启动学习型城市建设监测项目实践\n\n本报讯2017年9月", // full-width digits and U+3000 folded
	"(教职成司函〔2017〕84号)",
	"于2019年3月15日发布了8城市学习型城市建设监测项目实践报告。",
}

func TestTXTEncodings(t *testing.T) {
	tests := []struct {
		file, encoding string
	}{
		{"news.utf8.txt", "utf-8"},
		{"news.bom.txt", "utf-8"},
		{"news.gb18030.txt", "gb18030"},
	}
	var first string
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, err := sniffAndExtract(t, tt.file, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Extractor != "txt" || res.Encoding != tt.encoding {
				t.Fatalf("got %s/%s, want txt/%s", res.Extractor, res.Encoding, tt.encoding)
			}
			if len(res.Pages) != 1 {
				t.Fatalf("got %d pages, want 1", len(res.Pages))
			}
			for _, p := range newsPhrases {
				if !strings.Contains(res.Pages[0], p) {
					t.Errorf("%s lacks %q:\n%s", tt.file, p, res.Pages[0])
				}
			}
			if first == "" {
				first = res.Pages[0]
			} else if res.Pages[0] != first {
				t.Errorf("%s decodes to different text than news.utf8.txt", tt.file)
			}
		})
	}
}

func TestTXTRejected(t *testing.T) {
	_, err := sniffAndExtract(t, "random.txt", Limits{})
	wantError(t, "random.txt", err, catalog.EINVALID, "文本编码无法识别：既不是 UTF-8 也不是 GB18030/GBK；请另存为 UTF-8 后重新上传")

	_, err = sniffAndExtract(t, "empty.txt", Limits{})
	wantError(t, "empty.txt", err, catalog.EINVALID, "文件为空")

	_, err = Extract(context.Background(), FormatTXT, fixture("news.utf8.txt"), Limits{MaxTextBytes: 100})
	wantError(t, "100-byte limit", err, catalog.ETOOLARGE, "上限")
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDecodeText(t *testing.T) {
	gb := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string, e textunicode.Endianness) []byte {
		b, err := textunicode.UTF16(e, textunicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	// Rare characters only: valid GB18030, implausible as a document.
	rare := strings.Repeat("龘靐齉爩麤鱻", 5)
	const longGB = "杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。"
	binaryish := []byte(strings.Repeat("学分银行\x01\x02", 10))
	rng := rand.New(rand.NewSource(1))
	noise := make([]byte, 4096)
	for i := range noise {
		noise[i] = byte(0x81 + rng.Intn(0x7e)) // lead and trail bytes only: no 0x80, no 0xff
	}
	// Random code units behind a big-endian BOM, surrogates left out so
	// that every unit decodes: 2,048 characters, none of them a word.
	noise16 := []byte{0xfe, 0xff}
	for len(noise16) < 4096 {
		u := rng.Intn(0x10000)
		if u >= 0xd800 && u <= 0xdfff {
			continue
		}
		noise16 = append(noise16, byte(u>>8), byte(u))
	}

	tests := []struct {
		name     string
		data     []byte
		encoding string // "" means rejected
		text     string
	}{
		{"utf-8", []byte("学分银行"), "utf-8", "学分银行"},
		{"utf-8 BOM", []byte("\xef\xbb\xbf学分银行"), "utf-8", "学分银行"},
		{"utf-16le", utf16("学分银行", textunicode.LittleEndian), "utf-16le", "学分银行"},
		{"utf-16be", utf16("学分银行", textunicode.BigEndian), "utf-16be", "学分银行"},
		{"gb18030", gb("杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。"), "gb18030", "杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。"},
		{"short gbk", gb("学分银行"), "gb18030", "学分银行"},
		{"rare characters", gb(rare), "", ""},
		{"noise without 0x80 or 0xff", noise, "", ""},
		{"noise behind a UTF-16BE BOM", noise16, "", ""},
		{"utf-16be document", utf16("杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。", textunicode.BigEndian), "utf-16be", "杭州市地区所有区县都已开展成人学校社会培训成果信息录入工作,探索学分银行建设。"},
		{"truncated gb18030", gb("学分银行")[:7], "", ""},
		// A stray byte, a file cut inside its last character: the text is
		// read without them.
		{"gbk with a stray byte, cut short", slices.Concat(gb(strings.Repeat(longGB, 60)), []byte{0xff}, gb(longGB), gb("学")[:1]),
			"gb18030", strings.Repeat(longGB, 61)},
		{"utf-8 with a stray byte, cut short", slices.Concat([]byte(strings.Repeat(longGB, 60)), []byte{0xff}, []byte(longGB), []byte("学")[:2]),
			"utf-8", strings.Repeat(longGB, 61)},
		{"gbk with a bad byte in every sentence", bytes.Repeat(slices.Concat(gb(longGB), []byte{0xff}), 40), "", ""},
		// A stray byte inside a character takes no character with it.
		{"utf-8 with a stray byte inside a character", slices.Concat([]byte(strings.Repeat(longGB, 30)), []byte("成")[:2], []byte{0xff}, []byte("成")[2:], []byte("人教育"), []byte(strings.Repeat(longGB, 30))),
			"utf-8", strings.Repeat(longGB, 30) + "成人教育" + strings.Repeat(longGB, 30)},
		// Bad bytes are forgiven only in Chinese: a Latin-1 text's high
		// bytes are no GBK (Caf閟) nor UTF-8.
		{"latin-1 english", []byte(strings.Repeat("The cafe serves resume writing workshops for adult learners in the city. ", 40)[:2900] + "Caf\xe9s r\xe9sum\xe9 \xe9t\xe9"), "", ""},
		{"bad utf-8 after BOM", []byte("\xef\xbb\xbf\xff\xfe"), "", ""},
		{"control characters", binaryish, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, enc, err := decodeText(tt.data)
			if tt.encoding == "" {
				wantError(t, tt.name, err, catalog.EINVALID, "文本编码无法识别")
				return
			}
			if err != nil || enc != tt.encoding || Normalize(text) != tt.text {
				t.Fatalf("got %q, %q, %v; want %q, %q", text, enc, err, tt.text, tt.encoding)
			}
		})
	}
}

func TestTXTPages(t *testing.T) {
	path := writeTemp(t, "pages.txt", []byte("第一页:学分\r\n银行。\f第二页。\f"))
	res, err := Extract(context.Background(), FormatTXT, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"第一页:学分银行。", "第二页。"}
	if strings.Join(res.Pages, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", res.Pages, want)
	}
}
