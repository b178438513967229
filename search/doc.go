// Package search turns a user's query into results: it parses the query
// language (AND by default, "phrases", -exclusions, OR), applies filters and
// the user's city scope, runs the index, and returns hits with catalog
// metadata and highlighted fragments that carry their page numbers.
package search
