package neardup_test

import (
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// stationNotice is the text layer of a short notice (ingest/extract
// testdata station.pdf, the s43 probe's hz-scan.pdf): its first page is
// blank.
var stationNotice = []string{"", "上政发〔2022〕18 号\n\n关于建设城市书房读书驿站的通知\n全区建成读书驿站 36 个，年接待读者 8.6 万人次。\n上城区人民政府\n2022 年 6 月 1 日"}

// TestShortScanWithMisreadsIsNearDuplicate: a short notice and its scan,
// which OCR read with a few misreads (8.6 FAK. for 8.6万人次, 184 for
// 18号: the s43 probe's hz-scanned.pdf as stored), are near duplicates,
// though each misread weighs on a text of 60 characters (Jaccard 0.75,
// under OCRFloor); a short notice of the same template with another
// district and figures, and the scan of the notice with a figure
// changed, are not.
func TestShortScanWithMisreadsIsNearDuplicate(t *testing.T) {
	tests := []struct {
		name string
		scan []string
		same bool
	}{
		{"the probe's scan: 8.6 FAK., 184", []string{"", "上政发 [2022] 184关于建设城市书房读书驿站的通知全区建成读书驿站36个,年接待读者8.6 FAK.\n上城区人民政府\n\n2022年6月1日"}, true},
		{"read again with chi_sim: 人座, 184", []string{"上政发 [2022] 184\n\n关于建设城市书房读书驿站的通知全区建成读书驿站36个,年接待读者8.6万人座。\n\n上城区人民政府\n\n2022年6月1日"}, true},
		{"a figure changed: 46个", []string{"", "上政发 [2022] 184关于建设城市书房读书驿站的通知全区建成读书驿站46个,年接待读者8.6 FAK.\n上城区人民政府\n\n2022年6月1日"}, false},
		{"another district's notice", []string{"拱政发 [2022] 7关于建设城市书房读书驿站的通知全区建成读书驿站28个,年接待读者5.2 FAK.\n拱墅区人民政府\n\n2022年6月8日"}, false},
	}
	a := neardup.Text{Pages: stationNotice}
	sa := neardup.Shingles(stationNotice...)
	for _, tt := range tests {
		b := neardup.Text{Pages: tt.scan, OCR: true}
		sb := neardup.Shingles(tt.scan...)
		if len(sa) < neardup.MinShingles || len(sb) < neardup.MinShingles {
			t.Fatalf("%s: %d and %d shingles; the test needs texts compared (%d)", tt.name, len(sa), len(sb), neardup.MinShingles)
		}
		sim := neardup.Similarity(a, b, sa, sb)
		if got := sim >= neardup.Threshold; got != tt.same {
			t.Errorf("%s: similarity %.3f (Jaccard %.3f), near duplicate %v; want %v", tt.name, sim, neardup.Jaccard(sa, sb), got, tt.same)
		}
		// A stored text read as a stream gives the same, both ways.
		for _, way := range []struct {
			held *neardup.Held
			read []string
			ocr  bool
		}{{&neardup.Held{Text: a, Set: sa}, tt.scan, true}, {&neardup.Held{Text: b, Set: sb}, stationNotice, false}} {
			r := neardup.NewReader(way.held)
			r.Align = true
			for _, p := range way.read {
				if err := r.Write([]byte(p)); err != nil {
					t.Fatal(err)
				}
				r.EndPage()
			}
			if err := r.End(); err != nil {
				t.Fatal(err)
			}
			if got, err := r.Similarity(0, way.ocr); err != nil || got != sim {
				t.Errorf("%s, streamed: %v, %v; want %v as held whole", tt.name, got, err, sim)
			}
		}
	}
}
