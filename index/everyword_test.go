package index

import (
	"bufio"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// TestSearchFindsEveryWordOfText: every substring of two to six
// characters of the bench's sentences that a query cuts as one word is
// found in the sentence that holds it, but where the text cannot be cut
// at one of its ends: neither a word of the text nor one of its sub-words
// ends there (市长 in 南京市|长江大桥, whose 长江大桥 parts into 长江|大桥).
// Those are kept apart on purpose, as is a number cut out of a longer
// one (十万人 is not in 八十万人); any other miss is a class of misses to
// mend (几十万 in 几十|万人次 was one). It logs how many of each.
func TestSearchFindsEveryWordOfText(t *testing.T) {
	if testing.Short() {
		t.Skip("searches every word of the bench's sentences")
	}
	docs := benchSentences(t, "../bench/material.zh.txt")
	idx := newIndexOf(t, docs)
	seg, err := zh.Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	tried, kept := 0, 0
	for _, d := range docs {
		text := string(zh.Fold([]byte(d.Pages[0])).Text)
		cuts := map[int]bool{}
		for _, tk := range zh.Segment(seg, []byte(text), true) {
			cuts[tk.Start], cuts[tk.End] = true, true
		}
		seen := map[string]bool{}
		for s := range text {
			for e, n := s, 0; e < len(text) && n < 6; {
				_, size := utf8.DecodeRuneInString(text[e:])
				e, n = e+size, n+1
				w := text[s:e]
				if n < 2 || seen[w] || !oneQueryWord(w) {
					continue
				}
				seen[w] = true
				tried++
				res, err := idx.Search(t.Context(), Query{Clauses: terms(w), Size: 1, Filter: Filter{IDs: []string{d.ID}}})
				if err != nil {
					t.Fatalf("search %q: %v", w, err)
				}
				if len(res.Hits) == 1 {
					continue
				}
				if !cuts[s] || !cuts[e] || inLongerNumber(text, s) {
					kept++
					continue
				}
				t.Errorf("search %q: not found in %q, which holds it with a word ending at each of its ends", w, text)
			}
		}
	}
	t.Logf("%d words searched; %d not found across a place the text cannot be cut", tried, kept)
}

// inLongerNumber reports whether a numeral starts text at s and another
// stands before it.
func inLongerNumber(text string, s int) bool {
	r, _ := utf8.DecodeRuneInString(text[s:])
	before, _ := utf8.DecodeLastRuneInString(text[:s])
	return numeral(r) && numeral(before)
}

func numeral(r rune) bool {
	return r >= '0' && r <= '9' || strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r)
}

// oneQueryWord reports whether a query cuts w into one word, w itself.
func oneQueryWord(w string) bool {
	terms, err := QueryTerms(w)
	return err == nil && len(terms) == 1 && terms[0] == strings.ToLower(w)
}

// benchSentences reads a file of sentences, one a line (# starts a
// comment), as documents of one page.
func benchSentences(t *testing.T, path string) []Document {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer f.Close()
	var docs []Document
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		docs = append(docs, Document{ID: fmt.Sprintf("s%03d", len(docs)), Pages: []string{line}})
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return docs
}
