// Package suggesteval measures indicator suggestions on a hand-labelled
// set of documents (testdata/suggest): how often search.Service's
// SuggestIndicators ranks a document's labelled key indicator first and in
// the top three, for a document of its city: the set is indexed first,
// so that the city's common words count as they do in the archive. TestSuggestionQuality holds the archive to its goal and
// the benchmark (package bench, cmd/evidence-bench) reports the figure.
//
// It is an evaluation harness, not part of the archive: it feeds the
// suggester text normalised as extraction would (ingest/extract), which
// the search package itself must not depend on. Nothing in cmd/evidence
// imports it.
package suggesteval
