// Package indexbench is only for benchmarks (package bench and
// cmd/evidence-bench): the baselines the archive's Chinese analysis is
// measured against, and the narrow views of the segmentation dictionary the
// benchmark's corpus generator needs. It holds the raw-Bleve phrase indexes
// built with other analyzers (Bleve's cjk bigrams, gse exact mode on both
// sides), segmentation alone, and the dictionary's words with their parts
// of speech.
//
// It lives under index/ because it uses Bleve and gse directly, which
// nothing outside index/ may; it shares the archive's analysis through
// index/internal/zh. The archive never imports it: cmd/evidence's tests
// check that it stays out of the production binary.
package indexbench
