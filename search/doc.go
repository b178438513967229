// Package search turns a user's query into results: it parses the query
// language (AND by default, "phrases", -exclusions, OR), applies filters and
// the user's city scope, runs the index, and returns hits with catalog
// metadata and highlighted fragments that carry their page numbers. A
// search never misses silently a word the text holds: when its dictionary
// words, matched as words, miss documents that hold them where the text
// made other words of them (健全 in 建立|健|全市), it counts those
// (Result.AsSubstring), and a search of substrings (Request.Substring)
// finds them.
package search
