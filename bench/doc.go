// Package bench measures the archive: ingest speed through the real
// pipeline, memory, index size, search latency, start-up, PDF extraction,
// Chinese search quality and OCR of scans, each beside a baseline measured
// in the same run, because absolute times drift on shared machines and the
// ratio is what to watch. cmd/evidence-bench (make bench, make bench-quick)
// runs it; bench/README.md holds the figures and the tuning notes.
//
// The corpus is generated (Generator): sentences of the shared monitoring
// report and of material written for the benchmark, with content words
// swapped for gse dictionary words of the same part of speech drawn by
// frequency, so that terms are spread over documents as in real text.
// PDFs are made once with LibreOffice and cached outside the repository.
// Scanned pages for the OCR figures are drawn in Go (scanpage.go: Noto CJK
// text laid out as an official document, red mastheads and headings, red
// seals pressed over the signature or the text, skew and noise) and bound
// into image-only PDFs at run time, so nothing large is committed.
//
// The archive runs as child processes (`evidence serve` on a temporary data
// folder) so that its memory, read from /proc, is its own. Bleve and gse
// stay behind the index package: the baselines (raw Bleve, bigrams, exact
// mode, segmentation alone) live in index/indexbench, which the archive
// itself never links.
package bench
