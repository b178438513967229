// Package zh is the Chinese analysis of the index: the process-wide gse
// segmenter with the domain vocabulary (vocab.txt), segmentation into
// positioned words, and the Bleve tokenizer and analyzers built on it
// (zh_index, zh_query). index/doc.go describes what they do to text.
//
// It is internal to index so that the archive's index and the benchmarks'
// baselines (index/indexbench) share one analysis while nothing outside
// index/ imports Bleve or gse.
package zh
