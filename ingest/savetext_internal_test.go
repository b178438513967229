package ingest

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// savedTexts are stored texts as the pipeline saves them: the fields
// fixtures' pages, with every optional field, and generated pages with
// what JSON escapes (HTML's <, > and &, U+2028, control characters,
// bytes that are not UTF-8), longest first so a reused buffer would show
// what it held before.
func savedTexts(t testing.TB) []*StoredText {
	paths, err := filepath.Glob(filepath.Join("fields", "testdata", "*.txt"))
	if err != nil || len(paths) < 40 {
		t.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	conf := 0.87
	texts := []*StoredText{{Extractor: "text", Version: 1, Pages: []string{strings.Repeat("学习型城市建设", 20000)}}}
	for i, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(string(body), "\f")
		st := &StoredText{Extractor: "pdf", Version: 3, Pages: pages, Title: filepath.Base(p), Head: pages[0][:min(len(pages[0]), 300)]}
		if i%2 == 0 {
			st.Encoding, st.PageSources, st.OCRConfidence, st.SealPages = "GB18030", []string{"ocr"}, &conf, []int{1}
		}
		texts = append(texts, st)
	}
	pieces := []string{"杭州市教育局", "<b>关于</b>", "A&B", "\u2028", "\u2029", "\x00", "\x1f", "\t", "\n", `"引号"`, `\`,
		"\xff", "\xe6\x9d", "𠀀", "\u007f", "\ufffd", "/", "'",
		// What the hand-written encoder passes or escapes by its bytes
		// (appendJSONString): the other control characters with short
		// escapes, full-width marks, a surrogate's and an overlong
		// encoding's bytes, a character cut after its first byte, the
		// neighbours of U+2028.
		"\b", "\f", "\r", ">", "&", "，；：（）", "\ue000", "\xed\xa0\x80", "\xe0\x80\xaf", "\xe9",
		"\u2027", "\u202a", "\u3000", "\uffff", "é"}
	rng := rand.New(rand.NewPCG(16, 1))
	for range 200 {
		var b strings.Builder
		for range rng.IntN(200) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		texts = append(texts, &StoredText{Extractor: "docx", Version: 2, Pages: []string{b.String(), ""}, Title: b.String()})
	}
	return append(texts, &StoredText{Extractor: "text", Version: 1, Pages: []string{}})
}

// TestEncodeTextIsMarshal: the text blob's bytes are json.Marshal's, as
// before the pooled buffer (ingest step 16), byte for byte: the catalog
// holds the hash of what was written, and check holds blobs to it. A
// buffer used for a longer text before leaves nothing of it behind.
func TestEncodeTextIsMarshal(t *testing.T) {
	buf := new([]byte)
	for i, st := range savedTexts(t) {
		want, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeText(buf, st)
		if err != nil {
			t.Fatalf("text %d: %v", i, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("text %d (%.60q): encodeText gave %d bytes, json.Marshal %d, not the same", i, st.Pages, len(got), len(want))
		}
		if hashText(got) != hashText(want) {
			t.Fatalf("text %d: the hash differs", i)
		}
	}
}

// FuzzEncodeTextIsMarshal holds the hand-written encoder to json.Marshal
// on any page and title, seeded with what the table above pieces texts
// from.
func FuzzEncodeTextIsMarshal(f *testing.F) {
	for _, s := range []string{"杭州市教育局<b>关于</b>A&B", "\u2028\u2029\x00\x1f\b\f\r\t\n", "\xff\xe6\x9d\xed\xa0\x80", "，；：（）\u3000", "\"\\/'\u007f"} {
		f.Add(s, s[:len(s)/2])
	}
	buf := new([]byte)
	f.Fuzz(func(t *testing.T, page, title string) {
		st := &StoredText{Extractor: "text", Version: 1, Title: title, Pages: []string{page, title}, Head: page, PageSources: []string{title}}
		want, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		got, err := encodeText(buf, st)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("page %q, title %q: encodeText gave %q (%v), json.Marshal %q", page, title, got, err, want)
		}
	})
}

// BenchmarkEncodeText is a text blob's JSON as SaveText encoded it before
// step 16 ("reference", json.Marshal), before session 50 ("encoder",
// json.Encoder into a pooled buffer) and now (by hand into a pooled
// slice), on the fields fixtures.
func BenchmarkEncodeText(b *testing.B) {
	texts := savedTexts(b)[1:48]
	b.Run("reference", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			if _, err := json.Marshal(texts[i%len(texts)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoder", func(b *testing.B) {
		b.ReportAllocs()
		buf := new(bytes.Buffer)
		for i := 0; b.Loop(); i++ {
			buf.Reset()
			if err := json.NewEncoder(buf).Encode(texts[i%len(texts)]); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			buf := textBuffers.Get().(*[]byte)
			if _, err := encodeText(buf, texts[i%len(texts)]); err != nil {
				b.Fatal(err)
			}
			putTextBuffer(buf)
		}
	})
}
