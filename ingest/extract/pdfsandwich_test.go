package extract

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ledongthuc/pdf"
)

// TestSandwichPDFJunkLayerIsOCRd reads testdata/sandwich.pdf: the same scan
// three times under an invisible text layer, as scanner apps write it.
// Latin junk (page 1) and mojibake (page 3) give way to OCR; the good
// layer (page 2) is kept as it is and its page is not OCR'd.
func TestSandwichPDFJunkLayerIsOCRd(t *testing.T) {
	needOCR(t)
	var ocrd atomic.Int32
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		ocrd.Add(1)
		return ocrPage(ctx, image, lim)
	})
	res, err := Extract(context.Background(), FormatPDF, fixture("sandwich.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		source  string
		want    []string
		notWant string
	}{
		{SourceOCR, []string{"学习型城市建设", "学分银行", "社区教育"}, "BURRESS"},
		{SourceText, []string{"杭政办发〔2018〕12号", "学习型城市建设", "学分银行"}, "〈"},
		{SourceOCR, []string{"学习型城市建设", "学分银行", "社区教育"}, "鏉"},
	}
	for i, tt := range tests {
		page := Normalize(res.Pages[i])
		if got := res.PageSources[i]; got != tt.source {
			t.Errorf("page %d: source %q, want %q; text %q", i+1, got, tt.source, page)
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("page %d: %q not found in %q", i+1, w, page)
			}
		}
		if strings.Contains(page, tt.notWant) {
			t.Errorf("page %d: %q kept in %q", i+1, tt.notWant, page)
		}
	}
	if n := ocrd.Load(); n != 2 {
		t.Errorf("OCR'd %d pages, want 2 (the good layer of page 2 needs none)", n)
	}
}

func TestInvisibleLayerOverImage(t *testing.T) {
	tests := []struct {
		file string
		want []bool
	}{
		{"sandwich.pdf", []bool{true, true, true}},
		{"stamped.pdf", []bool{false, false}},      // visible text, no picture
		{"stamped-scan.pdf", []bool{false, false}}, // a picture, no text
		{"mixed.pdf", []bool{false, false, false}},
	}
	for _, tt := range tests {
		f, r, err := pdf.Open(fixture(tt.file))
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range tt.want {
			if got := readPageText(r.Page(i+1), nil).sandwich(); got != want {
				t.Errorf("%s page %d: sandwich %v, want %v", tt.file, i+1, got, want)
			}
		}
		f.Close()
	}
}

func TestTrustedInvisibleLayer(t *testing.T) {
	tests := []struct {
		name, text string
		want       bool
	}{
		{"Chinese OCR layer", "杭州市人民政府办公厅关于推进学习型城市建设的实施意见。各区、县（市）人民政府，市政府各部门、各直属单位：为加快构建服务全民终身学习的教育体系，经市政府同意，现就推进学习型城市建设提出如下实施意见。", true},
		{"Chinese with OCR slips", "杭州市人民政府办公厅关于推进学习型城市建设的实施意各区、县〈市)人民政府,市政府各部门、各直属单位 :为加快构建服务全民终身学习的教育体系,经市政府同意,现就推进学习型城市建设提出如下实施意见,一、建立学分银行。", true},
		{"English prose", "The credit bank recognised the learning of 12,000 residents in 2017, and the city opened 365 community schools.", true},
		{"English OCR of a Chinese page", "BUN THT A ERNE D287 THEME Fy SR TT EBS Se HERE @K. A OH) ARBON, HBOS, @ Em Mfr: DU RSENMRA 2 RA Se IWC KA, ATH BUMIRLR, BURRESS", false},
		{"UTF-8 read as GBK", "鏉窞甯備汉姘戞斂搴滃姙鍏巺鍏充簬鎺ㄨ繘瀛︿範鍨嬪煄甯傚缓璁剧殑瀹炴柦鎰忚鍚勫尯銆佸幙锛堝競锛変汉姘戞斂搴滐紝甯傛斂搴滃悇閮ㄩ棬銆佸悇鐩村睘鍗曚綅",
			false},
		{"too little Chinese to judge", "第3页 共5页", false},
	}
	for _, tt := range tests {
		if got := trustedInvisibleLayer(tt.text); got != tt.want {
			t.Errorf("%s: trusted %v, want %v (%q)", tt.name, got, tt.want, tt.text)
		}
	}
}

func TestOCRReadsMoreWords(t *testing.T) {
	chinese := "杭 州 市 人 民 政 府 办 公 厅 关 于 推 进 学 习 型 城 市 建 设 的 实 施 意 见"
	tests := []struct {
		name, layer, ocr string
		want             bool
	}{
		{"Chinese under Latin junk", "BUN THT A ERNE D287 THEME Fy SR", chinese, true},
		{"English scan", "The credit bank recognised the learning of residents.", "The credit bank recogmsed the learning of residents.", false},
		{"OCR no better than the layer", "杭州市人民政府办公厅关于推进学习型城市建设的实施意见", chinese, false},
	}
	for _, tt := range tests {
		if got := ocrReadsMoreWords(tt.layer, tt.ocr); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
