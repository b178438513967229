// Package fields reads the metadata of a Chinese official document — its
// title, 文号, 发文机关 and 成文日期 — from its extracted text, so that an
// upload without them still has a year, a round and a name a coordinator
// recognises.
//
// It works on the text as the pipeline stores it (ingest/extract
// Normalize: single line breaks between Han characters are gone, so the
// masthead, the 文号 and the title of a 红头文件 often run together on
// one line) as well as on raw text with its lines, stray OCR spaces and
// titles wrapped over two lines. Read is a pure function: no I/O, no
// state, the same answer for the same text. The title it reads from the
// stored text has its full-width marks folded, (试行); Unfold gives it
// back the （试行） the document wrote, from the head of its text as
// written (ingest/extract Result.Head).
//
// The layout it relies on is GB/T 9704 (党政机关公文格式): the masthead
// "XX文件" on top, the 文号 under it, then the title ("…关于…的通知"),
// the addressees ending in a colon, the body, and at the foot the
// signature (the issuing body) above the date. A 文号 the text only cites
// (in brackets after a 《…》 title, after 根据…, followed by 以下简称…) is
// not the document's own, and a sentence of the body is not its title: a
// report without a title line gets none, and keeps its file name. Each
// value comes with its Source, so a caller can say where it was read;
// Evaluate measures the accuracy of Read on labelled cases
// (testdata/cases.json).
//
// A spreadsheet (a 台账) is no 公文: ReadSheet reads its fields from the
// rows of one cell outside its table (a title row, a 落款 or 填报日期,
// a 文号 above it) and its sheet's name, never from its header or cells.
package fields
