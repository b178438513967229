package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// A claim or a value whose cited documents are all deleted (出处已删除)
// rests on nothing anyone can open any more: it cannot be confirmed into
// a new round, nor found 属实, and the heat map, /compare and the report
// count it as evidence of nothing. This file is the one place that
// decides it: the SQL condition (sourcesDeletedSQL) for the queries and
// the carry-over and review checks, and SourcesDeleted for code holding
// the citations and which documents are deleted already.

// sourcesDeletedSQL is the condition, with id the claim's or value's ID
// column, that the claim or value (kind) cites at least one document and
// every document it cites is deleted.
func sourcesDeletedSQL(kind CarryKind, id string) string {
	if kind == CarryValue {
		return `EXISTS (SELECT 1 FROM value sv JOIN document sd ON sd.id = sv.document_id
			WHERE sv.id = ` + id + ` AND sd.deleted_at IS NOT NULL)`
	}
	return `(EXISTS (SELECT 1 FROM citation st WHERE st.claim_id = ` + id + `)
		AND NOT EXISTS (SELECT 1 FROM citation st JOIN document sd ON sd.id = st.document_id
			WHERE st.claim_id = ` + id + ` AND sd.deleted_at IS NULL))`
}

// valueSourceDeletedSQL is sourcesDeletedSQL(CarryValue, "v.id") over
// valueFrom's join: a value cites one document (or none, and then no row
// joins), so it is that document's being deleted.
const valueSourceDeletedSQL = `vd.deleted_at IS NOT NULL`

// carrySourcesDeletedSQL is a carry-over row's Carryover.SourcesDeleted.
var carrySourcesDeletedSQL = `CASE WHEN kind = 'claim' AND ` + sourcesDeletedSQL(CarryClaim, "carryover.object_id") +
	` OR kind = 'value' AND ` + sourcesDeletedSQL(CarryValue, "carryover.object_id") + ` THEN 1 ELSE 0 END`

// SourcesDeleted reports, as sourcesDeletedSQL does, whether documents
// (the IDs a claim's citations or a value's citation cite) name at least
// one document and only documents deleted says are deleted.
func SourcesDeleted(documents []string, deleted func(id string) bool) bool {
	for _, id := range documents {
		if !deleted(id) {
			return false
		}
	}
	return len(documents) > 0
}

// ClaimDocuments are the documents a claim's citations cite, in order,
// each as often as cited.
func ClaimDocuments(c *Claim) []string {
	out := make([]string, 0, len(c.Citations))
	for _, t := range c.Citations {
		out = append(out, t.DocumentID)
	}
	return out
}

// ValueDocuments is the document a value cites, none when it cites none.
func ValueDocuments(v *Value) []string {
	if v.Citation.DocumentID == "" {
		return nil
	}
	return []string{v.Citation.DocumentID}
}

// sourcesDeleted answers sourcesDeletedSQL for the claim or value id
// (kind) inside tx.
func sourcesDeleted(ctx context.Context, tx *sql.Tx, kind CarryKind, id string) (bool, error) {
	var gone bool
	q := `SELECT CASE WHEN ` + sourcesDeletedSQL(kind, "?") + ` THEN 1 ELSE 0 END`
	args := make([]any, strings.Count(q, "?"))
	for i := range args {
		args[i] = id
	}
	err := tx.QueryRowContext(ctx, q, args...).Scan(&gone)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("are the sources of %s %s deleted: %w", kind, id, err)
	}
	return gone, nil
}

// SourcesDeletedConfirmError refuses to confirm into a new round a
// carried claim or value (kind) whose cited documents are all deleted,
// as a carried link of a deleted document is refused.
func SourcesDeletedConfirmError(kind CarryKind) *Error {
	if kind == CarryValue {
		return Errorf(ECONFLICT, "这个数值引用的文档已删除（出处已删除），不能确认沿用；请在数值页为它填报新的出处，或选择“本轮不用”")
	}
	return Errorf(ECONFLICT, "这条定性描述引用的文档都已删除（出处已删除），不能确认沿用；请在定性描述页为它引用新的出处，或选择“本轮不用”")
}

// SourcesDeletedVerdictError refuses the verdict 属实 on a claim or value
// (kind) whose cited documents are all deleted: nothing left backs it.
func SourcesDeletedVerdictError(kind CarryKind) *Error {
	if kind == CarryValue {
		return Errorf(ECONFLICT, "这个数值引用的文档已删除，不能判定为“属实”；请等协调员补充新的出处，或判定“证据不足”")
	}
	return Errorf(ECONFLICT, "这条定性描述引用的文档都已删除，不能判定为“属实”；请等协调员补充新的出处，或判定“证据不足”")
}

// refuseVerifiedWithoutSources refuses, inside tx, the verdict 属实 on a
// claim or value (kind) whose cited documents are all deleted; the other
// verdicts stay open, 证据不足 being the one that says so.
func refuseVerifiedWithoutSources(ctx context.Context, tx *sql.Tx, kind CarryKind, id string, verdict ClaimStatus) error {
	if verdict != ClaimVerified {
		return nil
	}
	gone, err := sourcesDeleted(ctx, tx, kind, id)
	if err != nil {
		return err
	}
	if gone {
		return SourcesDeletedVerdictError(kind)
	}
	return nil
}
