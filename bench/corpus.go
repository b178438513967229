package bench

import (
	"bufio"
	_ "embed"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index/indexbench"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// GeneratorVersion changes whenever the generator's output for a given seed
// changes; cached PDFs are keyed by it.
const GeneratorVersion = 1

//go:embed material.zh.txt
var ownMaterial string

// City is a pilot city of the corpus: its GB/T 2260 code and name.
type City struct{ Code, Name string }

// Cities are the eight pilot cities built into the catalog.
var Cities = []City{
	{"110000", "北京"}, {"310000", "上海"}, {"330100", "杭州"}, {"510100", "成都"},
	{"420100", "武汉"}, {"430100", "长沙"}, {"330200", "宁波"}, {"140100", "太原"},
}

var docTypes = []struct{ code, suffix string }{
	{"policy", "的实施意见"}, {"work_summary", "工作总结"}, {"meeting_notice", "会议的通知"},
	{"press_report", "工作纪实"}, {"honor", "表彰决定"}, {"case", "典型案例"}, {"statistics", "统计报告"},
}

var departments = []string{"教育局", "人民政府办公厅", "文明办", "人力资源和社会保障局", "文化和旅游局", "总工会", "妇联", "民政局"}

// Doc is one generated document.
type Doc struct {
	Name     string // file name, unique in the corpus
	Title    string
	City     string // city code
	DocType  string
	IssuedOn string   // YYYY-MM-DD
	Pages    []string // normalised text, as the extractor will return it
}

// Body is the document as a UTF-8 text file: pages separated by form feeds.
func (d *Doc) Body() []byte { return []byte(strings.Join(d.Pages, "\f")) }

// TextBytes is the size of the document's text in bytes.
func (d *Doc) TextBytes() int {
	n := 0
	for _, p := range d.Pages {
		n += len(p)
	}
	return n
}

// Generator writes a reproducible Chinese corpus. Sentences come from the
// shared monitoring report and from material written for the benchmark;
// each content word (noun, verb, adjective) is replaced, with some
// probability, by a dictionary word of the same part of speech drawn by
// frequency. So frequent words occur in many documents and rare ones in few,
// as in real text, and the same seed always gives the same corpus.
type Generator struct {
	seed      uint64
	sentences [][]indexbench.TaggedWord
	samplers  map[string]*sampler
	keep      map[string]bool // words never replaced: domain vocabulary, city names
	// DomainSentences and OwnSentences count the source sentences by origin.
	DomainSentences, OwnSentences int
}

// replaceProbability is the chance that a content word is swapped for a
// dictionary word of the same part of speech.
const replaceProbability = 0.35

// replaceable are the parts of speech that are swapped.
var replaceable = []string{"n", "v", "a", "vn", "nz", "ad", "an"}

// NewGenerator prepares a generator. domainDir holds the shared Chinese
// domain texts (*.txt); when it is empty or missing, only the benchmark's
// own material is used.
func NewGenerator(seed uint64, domainDir string) (*Generator, error) {
	g := &Generator{seed: seed, samplers: map[string]*sampler{}, keep: map[string]bool{}}
	var lines []string
	if domainDir != "" {
		files, _ := filepath.Glob(filepath.Join(domainDir, "*.txt"))
		sort.Strings(files)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read domain text: %w", err)
			}
			s := splitSentences(string(b))
			g.DomainSentences += len(s)
			lines = append(lines, s...)
		}
	}
	own := splitSentences(stripComments(ownMaterial))
	g.OwnSentences = len(own)
	lines = append(lines, own...)
	for _, s := range lines {
		words, err := indexbench.TagWords(s)
		if err != nil {
			return nil, err
		}
		g.sentences = append(g.sentences, words)
	}
	for _, w := range indexbench.DomainWords() {
		g.keep[w] = true
	}
	for _, c := range Cities {
		g.keep[c.Name], g.keep[c.Name+"市"] = true, true
	}
	dict, err := indexbench.DictionaryWords()
	if err != nil {
		return nil, err
	}
	for _, pos := range replaceable {
		g.samplers[pos] = newSampler(dict, pos)
	}
	return g, nil
}

// splitSentences cuts text after 。!?; and at line ends, keeping sentences
// of at least 8 characters.
func splitSentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		for i, r := range line {
			if r == '。' || r == '!' || r == '?' || r == ';' || r == '！' || r == '？' || r == '；' {
				out = appendSentence(out, line[start:i+utf8.RuneLen(r)])
				start = i + utf8.RuneLen(r)
			}
		}
		out = appendSentence(out, line[start:])
	}
	return out
}

func appendSentence(out []string, s string) []string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) >= 8 {
		out = append(out, s)
	}
	return out
}

func stripComments(s string) string {
	var b strings.Builder
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		if !strings.HasPrefix(sc.Text(), "#") {
			b.WriteString(sc.Text())
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// sampler draws words of one part of speech with probability proportional
// to their dictionary frequency raised to 0.75 (a little flatter than the
// raw counts, as word2vec does, so the long tail appears at all).
type sampler struct {
	words []string
	cum   []float64
}

func newSampler(dict []indexbench.DictWord, pos string) *sampler {
	s := &sampler{}
	total := 0.0
	for _, w := range dict {
		if w.Pos != pos || w.Freq <= 0 || utf8.RuneCountInString(w.Text) < 2 || !allHan(w.Text) {
			continue
		}
		total += math.Pow(w.Freq, 0.75)
		s.words = append(s.words, w.Text)
		s.cum = append(s.cum, total)
	}
	return s
}

func (s *sampler) draw(r *rand.Rand) string {
	if len(s.words) == 0 {
		return ""
	}
	x := r.Float64() * s.cum[len(s.cum)-1]
	return s.words[sort.SearchFloat64s(s.cum, x)]
}

// rng returns the random stream of one document: documents are independent,
// so they can be made in any order and in parallel.
func (g *Generator) rng(stream, i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(stream)<<40|uint64(i)))
}

// Random streams, one per kind of thing generated.
const (
	streamDocs = iota + 1
	streamPDFs
	streamQueries
	streamQuality
	streamWarmup
	streamScans
	streamLongDocs
)

// Doc returns document i of the corpus: about 3 KB of text on one to three
// pages.
func (g *Generator) Doc(i int) Doc {
	r := g.rng(streamDocs, i)
	d := g.meta(r, i, fmt.Sprintf("doc-%06d.txt", i))
	target := 1600 + r.IntN(2000)
	d.Pages = g.pages(r, d, target, 1+r.IntN(3))
	return d
}

// PDFDoc returns PDF document i: three to eight pages of about 1.2 KB.
func (g *Generator) PDFDoc(i int) Doc {
	return g.pagedDoc(streamPDFs, i, fmt.Sprintf("pdf-%04d.pdf", i), 3, 8, 1200)
}

// LongDoc returns long document i: four to eight pages of about 2.4 KB
// (an A4 page of Chinese text holds 800 or so characters), 17 KB on
// average, the size of a real policy document or work summary; the
// corpus's documents are a fifth of that.
func (g *Generator) LongDoc(i int) Doc {
	return g.pagedDoc(streamLongDocs, i, fmt.Sprintf("long-%05d.txt", i), 4, 8, 2400)
}

// pagedDoc returns document i of stream: minPages to maxPages pages of
// about perPage bytes.
func (g *Generator) pagedDoc(stream, i int, name string, minPages, maxPages, perPage int) Doc {
	r := g.rng(stream, i)
	d := g.meta(r, i, name)
	n := minPages + r.IntN(maxPages-minPages+1)
	d.Pages = g.pages(r, d, n*perPage, n)
	return d
}

// Docs returns documents 0..n-1, made in parallel.
func (g *Generator) Docs(n int) []Doc {
	docs := make([]Doc, n)
	var wg sync.WaitGroup
	workers := runtime.NumCPU()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += workers {
				docs[i] = g.Doc(i)
			}
		}()
	}
	wg.Wait()
	return docs
}

func (g *Generator) meta(r *rand.Rand, i int, name string) Doc {
	c := Cities[r.IntN(len(Cities))]
	dt := docTypes[r.IntN(len(docTypes))]
	year := 2014 + r.IntN(7)
	d := Doc{
		Name: name, City: c.Code, DocType: dt.code,
		IssuedOn: fmt.Sprintf("%d-%02d-%02d", year, 1+r.IntN(12), 1+r.IntN(28)),
	}
	dept := departments[r.IntN(len(departments))]
	d.Title = fmt.Sprintf("%s市%s关于%s%s%s", c.Name, dept, g.word(r, "vn"), g.word(r, "n"), dt.suffix)
	return d
}

// word draws a dictionary word of part of speech pos.
func (g *Generator) word(r *rand.Rand, pos string) string { return g.samplers[pos].draw(r) }

// pages writes about target bytes of text over n pages. The first line is a
// document number unique to the document, so no two files are identical.
func (g *Generator) pages(r *rand.Rand, d Doc, target, n int) []string {
	cityName := cityName(d.City)
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s〔%s〕%d号\n%s\n", cityName, "教", d.IssuedOn[:4], 1000+r.IntN(9000), d.Title)
	per := target / n
	var pages []string
	for len(pages) < n {
		for b.Len() < per {
			para := 2 + r.IntN(4)
			for range para {
				g.sentence(&b, r, cityName)
			}
			b.WriteByte('\n')
		}
		pages = append(pages, extract.Normalize(b.String()))
		b.Reset()
	}
	return pages
}

// sentence writes one source sentence with content words replaced, and the
// pilot city names replaced by the document's city.
func (g *Generator) sentence(b *strings.Builder, r *rand.Rand, city string) {
	for _, w := range g.sentences[r.IntN(len(g.sentences))] {
		switch {
		case g.keep[w.Text] && isCityName(w.Text):
			b.WriteString(strings.Replace(w.Text, strings.TrimSuffix(w.Text, "市"), city, 1))
		case g.keep[w.Text] || g.samplers[w.Pos] == nil || r.Float64() >= replaceProbability:
			b.WriteString(w.Text)
		default:
			if s := g.word(r, w.Pos); s != "" {
				b.WriteString(s)
			} else {
				b.WriteString(w.Text)
			}
		}
	}
}

func cityName(code string) string {
	for _, c := range Cities {
		if c.Code == code {
			return c.Name
		}
	}
	return ""
}

func isCityName(w string) bool {
	return cityName(cityCode(strings.TrimSuffix(w, "市"))) != ""
}

func cityCode(name string) string {
	for _, c := range Cities {
		if c.Name == name {
			return c.Code
		}
	}
	return ""
}

func allHan(s string) bool {
	for _, r := range s {
		if r < 0x4e00 || r > 0x9fff {
			return false
		}
	}
	return true
}
