package values

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// A ledger names a value's source document the way a coordinator knows
// it: by its internal number (文档编号), its 文号, its file name or its
// title. Each source column matches some of these fields.
const (
	byAny      = "document"   // 文档编号, 文档, 佐证材料: any of them
	byNumber   = "doc_number" // 文号
	byFilename = "filename"   // 文件名
	byTitle    = "title"      // 标题
)

// sourceColumns are the ledger's source columns, in the order a row's
// references are listed in a message.
var sourceColumns = []string{byAny, byNumber, byFilename, byTitle}

// sources resolves a ledger's references to a city's documents.
type sources struct {
	docs []*catalog.Document
	keys []docKeys // of docs, by index: computed once, not per row
}

// docKeys are a document's names as compared (nameKey).
type docKeys struct {
	number, title, file, fileStem string
}

func keysOf(d *catalog.Document) docKeys {
	k := docKeys{number: nameKey(d.DocNumber), title: nameKey(d.Title)}
	if d.Filename != "" {
		k.file, k.fileStem = nameKey(d.Filename), nameKey(strings.TrimSuffix(d.Filename, path.Ext(d.Filename)))
	}
	return k
}

func (s *Service) sources(ctx context.Context, city string) (*sources, error) {
	docs, err := s.cat.CityDocuments(ctx, city)
	if err != nil {
		return nil, err
	}
	src := &sources{docs: docs, keys: make([]docKeys, len(docs))}
	for i, d := range docs {
		src.keys[i] = keysOf(d)
	}
	return src, nil
}

// resolve returns the ID of the one document every reference of refs
// (source column → cell) names, "" with no reference; EINVALID about
// document_id when none or several match, the several named. A cell is
// read first as its column names a document (a 文号 as a 文号); when that
// names none, as any name a document has (文档编号, 文号, 文件名 or 标题),
// for coordinators write a file name under 标题 as often as a title.
func (src *sources) resolve(refs map[string]string) (string, error) {
	var said []string
	var match []*catalog.Document
	first := true
	for _, col := range sourceColumns {
		ref := refs[col]
		if ref == "" {
			continue
		}
		said = append(said, ref)
		next := src.named(match, first, col, ref)
		if len(next) == 0 && col != byAny {
			// A file name under 标题, a title under 文号: what the
			// coordinator wrote names the document all the same.
			next = src.named(match, first, byAny, ref)
		}
		match, first = next, false
	}
	switch {
	case len(said) == 0:
		return "", nil
	case len(match) == 1:
		return match[0].ID, nil
	case len(match) == 0:
		return "", catalog.FieldErrorf("document_id", catalog.EINVALID, "本市没有文档编号、文号、文件名或标题为“%s”的材料；请核对后重填，或改填文档编号",
			strings.Join(said, "”“"))
	}
	// The documents in each language's punctuation: 《…》（文号 …，文件 …，
	// 文档编号 …）、… and “…” (file No. …, file …, document ID …); …. Only
	// the format is full-width: a title and a file name read as written
	// (方案(定稿).docx).
	var zh, en []string
	for i, d := range match {
		if i == 5 {
			zh, en = append(zh, fmt.Sprintf("等 %d 份", len(match))), append(en, fmt.Sprintf("%d in all", len(match)))
			break
		}
		// A 文号 guessed from what was read says so, as every list does;
		// being in brackets already, the words follow it after a comma, as
		// the web's lists write （杭教发〔2018〕12号，推断，请核对）: a second
		// bracket inside the first would read as a remark on a remark.
		numberZh, numberEn := orNone(catalog.DocNumberAsWritten(d)), catalog.DocNumberAsWritten(d)
		if numberEn == "" {
			numberEn = "none"
		}
		if catalog.DocNumberGuess(d).Chinese != "" {
			numberZh += "，" + catalog.DocNumberGuessWords.Chinese
			numberEn += ", " + catalog.DocNumberGuessWords.English
		}
		zh = append(zh, fmt.Sprintf("《%s》（文号 %s，文件 %s，文档编号 %s）", d.Title, numberZh, d.Filename, d.ID))
		en = append(en, fmt.Sprintf("“%s” (file No. %s, file %s, document ID %s)", d.Title, numberEn, d.Filename, d.ID))
	}
	list := catalog.Words{Chinese: strings.Join(zh, "\u3001"), English: strings.Join(en, "; ")}
	return "", catalog.FieldErrorf("document_id", catalog.EINVALID, "“%s”对应本市多份材料：%s；请改填文档编号，或同时填写文号和标题以区分",
		strings.Join(said, "”“"), list)
}

// named are the documents among match (all when first) that ref, read as
// a source column col reads it, names. ref is folded once; the
// documents' names were folded by sources.
func (src *sources) named(match []*catalog.Document, first bool, col, ref string) []*catalog.Document {
	var out []*catalog.Document
	r := nameKey(ref)
	for i, d := range src.docs {
		if (first || contains(match, d)) && names(d, src.keys[i], col, ref, r) {
			out = append(out, d)
		}
	}
	return out
}

func orNone(s string) string {
	if s == "" {
		return "无"
	}
	return s
}

func contains(docs []*catalog.Document, d *catalog.Document) bool {
	for _, x := range docs {
		if x == d {
			return true
		}
	}
	return false
}

// names reports whether ref (r its nameKey), from a source column col,
// names d (k its keys).
func names(d *catalog.Document, k docKeys, col, ref, r string) bool {
	switch col {
	case byNumber:
		return r == k.number
	case byFilename:
		return sameFilename(k, r)
	case byTitle:
		return r == k.title
	}
	return ref == d.ID || r == k.number || sameFilename(k, r) || r == k.title
}

// sameFilename: a file name as typed (r its nameKey), with or without its
// extension.
func sameFilename(k docKeys, r string) bool {
	return k.file != "" && (k.file == r || k.fileStem == r)
}

// nameKey is a 文号, title or file name as compared: without spaces or
// title marks 《》, traditional characters simplified (index.FoldText),
// with full-width forms half-width and brackets of
// every kind around a 文号's year as 〔〕 (杭政办发[2017]12号 names
// 杭政办发〔2017〕12号).
func nameKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '\uFF01' && r <= '\uFF5E' {
			r -= 0xFEE0 // half-width first: ［2017］ is [2017], then 〔2017〕
		}
		switch {
		case r == ' ' || r == '\u3000' || r == '\t' || r == '《' || r == '》':
			continue
		case strings.ContainsRune("[【(（﹝〖", r):
			r = '〔'
		case strings.ContainsRune("]】)）﹞〗", r):
			r = '〕'
		}
		b.WriteRune(r)
	}
	// Traditional characters simplified as search and quotes fold them
	// (学习型城市 names 學習型城市); without the tables, as typed.
	folded, _, err := index.FoldText(b.String())
	if err != nil {
		folded = b.String()
	}
	return strings.ToLower(folded)
}
