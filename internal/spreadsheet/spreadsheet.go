// Package spreadsheet keeps text written to CSV and XLSX files text, and
// reads the first sheet of an XLSX a person imports within bounds, and of
// what offices send as "Excel" besides (ReadWorkbook). The rules that tell
// and decode such text — DecodeText, DecodeHTML, LooksText, LooksHTML,
// LooksMHT, MHTPages, TabRecords, Separator — are the ones ingest/extract
// reads documents by too, so that a file reads alike imported or
// uploaded.
//
// A cell that begins with =, +, -, @ (or a tab or carriage return, which
// some programs skip before looking) is run as a formula by Excel and
// LibreOffice when the file is opened, or once it is saved as CSV and
// opened again: =HYPERLINK(…) sends the reader elsewhere, =cmd|… runs
// programs on old versions (OWASP "CSV injection"). Every text cell an
// export writes goes through Neutralize; every cell an import reads goes
// through Restore, so that an export imports back unchanged.
package spreadsheet

import "strings"

// formulaStart holds the first characters a spreadsheet may take for a
// formula's.
const formulaStart = "=+-@\t\r"

// Neutralize returns s prefixed with an apostrophe when a spreadsheet
// would read it as a formula, and unchanged otherwise. A value that
// already looks neutralised gets another apostrophe, so that Restore
// gives it back exactly.
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune(formulaStart, rune(s[0])) || s != Restore(s) {
		return "'" + s
	}
	return s
}

// Restore undoes Neutralize: one leading apostrophe is removed when what
// follows it would have been neutralised.
func Restore(s string) string {
	if len(s) >= 2 && s[0] == '\'' && (strings.ContainsRune(formulaStart, rune(s[1])) || Restore(s[1:]) != s[1:]) {
		return s[1:]
	}
	return s
}
