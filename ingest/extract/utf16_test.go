package extract

import (
	"context"
	"math/rand"
	"strings"
	"testing"

	textunicode "golang.org/x/text/encoding/unicode"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// utf16Prose is a Chinese text of several lines, as a department writes a
// summary (digits, a 文号, full-width punctuation, line breaks).
var utf16Prose = strings.Repeat("杭州市学习型城市建设工作总结（2023年）\r\n"+
	"根据《关于推进学习型城市建设的实施意见》（杭政办发〔2018〕12号），全市共建成社区学习共同体342个，"+
	"市民终身学习参与率达到87.6%。\r\n", 20)

// TestUTF16WithoutBOM (probe s44 #3): UTF-16 text without a byte order
// mark, little- or big-endian, Chinese or mostly Latin, is read as text,
// not refused as an unknown binary file; random bytes, which any two of
// make a UTF-16 code unit, are still refused.
func TestUTF16WithoutBOM(t *testing.T) {
	encode := func(order textunicode.Endianness, s string) []byte {
		b, err := textunicode.UTF16(order, textunicode.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	latin := "Learning City monitoring 2023: report of Hangzhou\r\n学习型城市\r\n"
	pure := "杭州市学习型城市建设监测工作总结社区学习共同体建设情况"
	for _, tt := range []struct {
		name, encoding, want string
		data                 []byte
	}{
		{"中文 UTF-16LE 无 BOM", "utf-16le", "全市共建成社区学习共同体342个", encode(textunicode.LittleEndian, utf16Prose)},
		{"中文 UTF-16BE 无 BOM", "utf-16be", "全市共建成社区学习共同体342个", encode(textunicode.BigEndian, utf16Prose)},
		{"无换行的中文 UTF-16LE", "utf-16le", pure, encode(textunicode.LittleEndian, pure)},
		{"无换行的中文 UTF-16BE", "utf-16be", pure, encode(textunicode.BigEndian, pure)},
		{"英文为主 UTF-16LE", "utf-16le", "Learning City monitoring 2023", encode(textunicode.LittleEndian, latin)},
		{"英文为主 UTF-16BE", "utf-16be", "Learning City monitoring 2023", encode(textunicode.BigEndian, latin)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "工作总结.txt", tt.data)
			format, mime, err := Sniff(tt.data[:min(len(tt.data), SniffLen)], "工作总结.txt")
			if err != nil {
				t.Fatalf("sniff: %v (%s); want plain text", err, catalog.ErrorMessage(err))
			}
			if format != FormatTXT || !strings.Contains(mime, tt.encoding) {
				t.Errorf("sniffed %s %q, want txt with charset %s", format, mime, tt.encoding)
			}
			res, err := Extract(context.Background(), format, path, Limits{})
			if err != nil {
				t.Fatalf("extract: %v", err)
			}
			if res.Encoding != tt.encoding || !strings.Contains(res.Pages[0], tt.want) {
				t.Errorf("read as %s: %q, want %s holding %q", res.Encoding, res.Pages[0][:min(len(res.Pages[0]), 120)], tt.encoding, tt.want)
			}
		})
	}
	rng := rand.New(rand.NewSource(44))
	for i := range 200 {
		data := make([]byte, 16+rng.Intn(8192))
		rng.Read(data)
		if enc := spreadsheet.BOMlessUTF16(data); enc != "" {
			t.Fatalf("随机字节 %d (%d bytes) taken for %s", i, len(data), enc)
		}
	}
	_, err := sniffAndExtract(t, "random.txt", Limits{})
	wantError(t, "random.txt", err, catalog.EINVALID, "文本编码无法识别")
}
