// Package index is the archive's full-text index: a Bleve (scorch) index
// with Chinese analysis by gse. Nothing outside index/ imports Bleve or gse:
// the rest of the program sees the Index interface and plain types. Inside
// it, internal/zh holds the analysis (the shared segmenter, the tokenizer,
// the analyzers) and indexbench the benchmarks' baselines, which the
// archive never links.
//
// The index is derived data. The catalog and the stored text
// (text/<sha256>.json) are the truth, and `evidence reindex` rebuilds the
// index from them.
//
// # Chinese analysis
//
// Text is indexed with gse in search mode (analyzer zh_index): every word,
// followed by its dictionary sub-words of two or more characters at the
// position of the word that covers them (长沙市 → 长沙市, 长沙). Queries are
// analysed in exact mode (zh_query) and matched as phrases. So 长沙 finds
// 长沙市 and 四级网络 finds 四级网络体系, while 市长 does not find 南京市长江大桥
// (segmented 南京市|长江大桥). ASCII is lower-cased. Whitespace and
// punctuation are not terms. A curated domain vocabulary
// (internal/zh/vocab.txt) is added to the dictionary once per process, so
// 学分银行 is one word.
//
// # Fields of a Bleve document
//
//	title       text, zh_index, term vectors: the document title; matches are boosted ×3.
//	text        text, zh_index, term vectors: the normalised pages joined by PageSeparator
//	            ("\f"); the separator's offsets map every match back to its page.
//	text_stored stored only: the same text deflated, so hits can be highlighted
//	            (Bleve's snappy barely shrinks Chinese; deflate halves it).
//	city        keyword, doc values: GB/T 2260 city code (filter, facet).
//	doc_type    keyword, doc values: policy, work_summary, … (filter, facet).
//	department  keyword, doc values: the submitting department (filter).
//	indicators  keyword, multi-valued, doc values: linked key-indicator codes (filter, facet).
//	year        keyword, doc values: the year of issue as "2017". A keyword rather than a
//	            number because it is faceted by value, which Bleve's numeric fields cannot do.
//	issued_on   datetime: the date of issue, for range queries.
//
// Nothing is put in Bleve's composite _all field; queries name their fields.
package index
