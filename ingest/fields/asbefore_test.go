package fields_test

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/bench"
	"github.com/lcmonitor/evidence/ingest/fields"
)

var updateAsBefore = flag.Bool("update-as-before", false, "write testdata/read-as-before.sha from what Read reads now")

// asBeforeTexts are the texts whose fields must not move when Read is
// made faster: the fixtures (each page alone and all pages), the first
// 2,000 documents of make bench's corpus (bench.Generator, seed 1) and
// texts pieced together from mastheads, 文号 in every bracket, dates,
// signatures, spaces and marks of every width.
func asBeforeTexts(tb testing.TB) [][]string {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) < 40 {
		tb.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	var texts [][]string
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		pages := strings.Split(string(body), "\f")
		texts = append(texts, pages)
		for _, page := range pages {
			texts = append(texts, []string{page})
		}
	}
	gen, err := bench.NewGenerator(1, "")
	if err != nil {
		tb.Fatal(err)
	}
	for i := range 2000 {
		texts = append(texts, gen.Doc(i).Pages)
	}
	pieces := []string{"杭州市教育局", "湖州市人民政府办公室", "文件", "区件", "文仵", "关于印发", "学习型城市建设", "的通知", "实施意见",
		"杭政办发〔2018〕12号", "杭教成[2017]15号", "浙教职成(2019)3号", "甬政【2020】7号", "﹝2021﹞", "〖2022〗", "〕", "]", "号", "%", "所",
		"（试行）", "２０１９年３月５日", "二〇一九年三月十二日", "2024年", "3月", "5日", "年", "月", "日", "ＡＢＣ", "abc", " ", "  ", "\u3000", "\t",
		"\r\n", "\n", "\n\n", "\f", "\u2028", "\u00a0", "\u200b", "\ufeff", "\xff", "\xe6\x9d", "：", ":", "，", "。", "、", "《", "》",
		"〇", "○", "1", "2018", ".", "(", ")", "—", "绝密★1年", "特急", "各区、县（市）教育局：", "为进一步", "根据", "附件：", "抄送：",
		"（此页无正文）", "丨", "|", "第一条", "一、", "印发", "学习型城市"}
	rng := rand.New(rand.NewPCG(49, 15))
	for range 1500 {
		var pages []string
		for range 1 + rng.IntN(3) {
			var b strings.Builder
			for range rng.IntN(200) {
				b.WriteString(pieces[rng.IntN(len(pieces))])
			}
			pages = append(pages, b.String())
		}
		texts = append(texts, pages)
	}
	return texts
}

// TestReadAsBefore: Read reads of every text what it read before the
// forty-ninth session's speed-ups (testdata/read-as-before.sha, a digest
// of its fields a text), so Revision need not move.
func TestReadAsBefore(t *testing.T) {
	texts := asBeforeTexts(t)
	got := make([]string, len(texts))
	for i, pages := range texts {
		sum := sha256.Sum256(fmt.Appendf(nil, "%#v", fields.Read(pages, "")))
		got[i] = hex.EncodeToString(sum[:8])
	}
	path := filepath.Join("testdata", "read-as-before.sha")
	if *updateAsBefore {
		if err := os.WriteFile(path, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var want []string
	for sc := bufio.NewScanner(f); sc.Scan(); {
		want = append(want, sc.Text())
	}
	if len(want) != len(got) {
		t.Fatalf("%d texts, %s has %d", len(got), path, len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("text %d (%.200q): fields %+v differ from what Read read before", i, texts[i], fields.Read(texts[i], ""))
		}
	}
}

// BenchmarkReadCorpus is Read of make bench's corpus documents, as the
// pipeline reads the bulk load's uploads (≈ 3 KB of Chinese text each).
func BenchmarkReadCorpus(b *testing.B) {
	gen, err := bench.NewGenerator(1, "")
	if err != nil {
		b.Fatal(err)
	}
	texts := make([][]string, 500)
	for i := range texts {
		texts[i] = gen.Doc(i).Pages
	}
	b.ReportAllocs()
	start := cpuTime(b)
	n := 0
	for i := 0; b.Loop(); i++ {
		fields.Read(texts[i%len(texts)], "")
		n++
	}
	// The process's CPU, the collector's included, is what the pipeline
	// pays; other processes' load stretches ns/op but not this.
	b.ReportMetric(float64((cpuTime(b)-start).Microseconds())/float64(n), "cpu-µs/doc")
}

func cpuTime(tb testing.TB) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		tb.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
