// Package framework reads and writes indicator frameworks: the nested YAML
// shape of demo-learning-city.yaml, and flat XLSX or CSV tables with the
// columns code, name, kind, info, keywords (optionally name_en, info_en
// and unit), where each indicator's parent is taken from its dotted code.
// Parsing validates every row and reports all problems at once, so a
// framework is imported whole or not at all.
package framework
