package catalog

import (
	"context"
	"database/sql"
	"fmt"
)

// addInfoENColumns is the Go step of migration 026 on SQLite: it adds
// info_en to indicator and round_indicator where the column is missing,
// so the migration may run again under another number (its file's
// comment says when).
func addInfoENColumns(ctx context.Context, tx *sql.Tx) error {
	for _, table := range []string{"indicator", "round_indicator"} {
		if err := addColumnIfMissing(ctx, tx, table, "info_en", `TEXT NOT NULL DEFAULT ''`); err != nil {
			return err
		}
	}
	return nil
}

// addColumnIfMissing adds column to table on SQLite, declared so, unless
// the table has it already: a migration's Go step that may run again.
func addColumnIfMissing(ctx context.Context, tx *sql.Tx, table, column, decl string) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM pragma_table_info(?) WHERE name = ?`, table, column).Scan(&n); err != nil {
		return fmt.Errorf("columns of %s: %w", table, err)
	}
	if n > 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `ALTER TABLE `+table+` ADD COLUMN `+column+` `+decl); err != nil {
		return fmt.Errorf("add %s to %s: %w", column, table, err)
	}
	return nil
}

// demoFramework is the key (id@version) of the demo framework
// (framework/demo-learning-city.yaml).
const demoFramework, demoID, demoVersion = "demo-learning-city@demo-1", "demo-learning-city", "demo-1"

// demoInfoEN is the info_en of the demo framework's indicators, as its
// file gives it (a test holds the two in step). An archive that loaded
// the demo before info_en was kept has it empty; migration 026 fills it
// (fillDemoInfoEN), as EnsureDemo loads the demo only into an archive
// with no framework at all.
var demoInfoEN = []struct{ code, en string }{
	{"1.1.1", "Policy document (document number, date issued, issuing body)"},
	{"1.1.2", "Text of the local regulation and announcement of the municipal People's Congress"},
	{"1.1.3", "Relevant chapters of the economic and social development plan outline"},
	{"1.2.1", "Founding document, list of members and set-up of the office"},
	{"1.2.2", "Document dividing duties, responsibility breakdown table and working rules"},
	{"1.2.3", "Member units listed in the founding document"},
	{"1.3.1", "Budget documents and final accounts"},
	{"1.3.2", "Data from the human-resources and statistics departments"},
	{"1.3.3", "Staff management rules and training records"},
	{"2.1.1", "Education-department statistics and directory of institutions"},
	{"2.1.2", "Standards document for the institutions and evaluation results"},
	{"2.1.3", "Urban–rural coordination documents and twinning records"},
	{"2.2.1", "Recognition document and list of sites"},
	{"2.2.2", "Opening rules, records of activities and news reports"},
	{"2.2.3", "Description of the platform and visitor statistics"},
	{"2.3.1", "Policy documents, pilot plans and case examples"},
	{"2.3.2", "Document issuing the card and description of the system"},
	{"2.3.3", "Statistics from the credit-bank system"},
	{"3.1.1", "Event plan, summary and news reports"},
	{"3.1.2", "Description of the brand, award certificates and case examples"},
	{"3.1.3", "Event statistics"},
	{"3.2.1", "Action plan and summaries of activities"},
	{"3.2.2", "Statistical yearbook"},
	{"3.3.1", "Commendation notices and lists of those commended"},
	{"3.3.2", "Original news reports with the outlet's name and date"},
	{"4.1.1", "Document launching the scheme, evaluation indicators and evaluation results"},
	{"4.1.2", "Statistics on evaluation results"},
	{"4.2.1", "Plan for the scheme, evaluation standard and case examples"},
	{"4.2.2", "Statistics on organisations created"},
	{"4.3.1", "Plans and summaries by the Women's Federation and other departments"},
	{"5.1.1", "Sample survey or statistics"},
	{"5.1.2", "Statistics on education for older people"},
	{"5.1.3", "Plan for fostering the groups, directory and case examples"},
	{"5.2.1", "Statistical yearbook"},
	{"5.2.2", "Award certificate and news reports"},
	{"5.3.1", "Monitoring plan, statistical rules and monitoring reports"},
	{"5.3.2", "Records of data submissions"},
}

// fillDemoInfoEN is the Go step of migration 026 that fills the empty
// info_en of the demo framework's indicators, and of the indicators of
// rounds whose names were kept from it, from demoInfoEN. An info_en a
// file gave is kept, and so it may run again.
func fillDemoInfoEN(ctx context.Context, tx *sql.Tx) error {
	for _, d := range demoInfoEN {
		if _, err := tx.ExecContext(ctx, `UPDATE indicator SET info_en = ? WHERE framework_key = ? AND code = ? AND info_en = ''`,
			d.en, demoFramework, d.code); err != nil {
			return fmt.Errorf("info_en of demo indicator %s: %w", d.code, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE round_indicator SET info_en = ? WHERE code = ? AND info_en = ''
			AND round IN (SELECT round FROM round_framework WHERE framework_id = ? AND version = ?)`,
			d.en, d.code, demoID, demoVersion); err != nil {
			return fmt.Errorf("info_en of demo indicator %s in kept rounds: %w", d.code, err)
		}
	}
	return nil
}

// addInfoENFillDemo is migration 026's Go step on SQLite: the columns,
// then the demo's info_en.
func addInfoENFillDemo(ctx context.Context, tx *sql.Tx) error {
	if err := addInfoENColumns(ctx, tx); err != nil {
		return err
	}
	return fillDemoInfoEN(ctx, tx)
}
