package catalog

import "context"

// Statuses of a key indicator in a round, as the round comparison
// (/compare), the API and the city report say them: coverage.State is
// the one rule by which every view (and the heat map, the xlsx sheet and
// `evidence coverage`) weighs an indicator, so that one claim or value
// shows the same mark on each.
const (
	IndicatorGap          = "gap"          // 缺: no evidence and no value
	IndicatorEvidence     = "evidence"     // evidence or a value, nothing verified yet
	IndicatorVerified     = "verified"     // a verified claim or value
	IndicatorToConfirm    = "to_confirm"   // carried from the last round, 待确认
	IndicatorContradicted = "contradicted" // 与证据矛盾
	IndicatorInsufficient = "insufficient" // 证据不足
	// IndicatorValueNotFound is 数值未在引文中找到: the value, or a claim,
	// not reviewed yet has a number its quotes do not write.
	IndicatorValueNotFound = "value_not_found"
	// IndicatorNumberToCheck is 定性描述中的数字待核对: a claim not reviewed
	// yet has a number its quotes write only as digits parted by a space
	// (1200场 against “1 200”), one number or a table's neighbours.
	IndicatorNumberToCheck = "number_to_check"
	// IndicatorQuoteNotFound is 引文未找到: the evidence ties the indicator
	// only by quotes on no page of their documents' text
	// (QuoteStanding.NotFound); not covered.
	IndicatorQuoteNotFound = "quote_not_found"
	// IndicatorVerifiedQuoteNotFound is 已核实（引文在文字中未找到）: such a
	// quote, its claim or value verified against the original's image
	// (QuoteStanding.VerifiedNotFound).
	IndicatorVerifiedQuoteNotFound = "verified_quote_not_found"
	// IndicatorNoValue is 有佐证，缺数值: a quantitative indicator with
	// evidence but without its number. It is still a gap for the count of
	// covered indicators, but not 缺少佐证: the report listed the very
	// evidence its status line denied.
	IndicatorNoValue = "no_value"
	// IndicatorSourceDeleted is 出处已删除: a claim or the value of the
	// round rests only on documents deleted since (SourcesDeleted), so it
	// backs nothing until it cites a new source or is dropped.
	IndicatorSourceDeleted = "source_deleted"
)

// CountsAsEvidence reports whether d, withdrawn or not (撤回, which the
// caller knows), counts as evidence of the indicators it is linked to or
// cited for: not withdrawn and read. A file
// that could not be read (failed) says nothing anyone can check until a
// later reading succeeds. EvidenceDocumentIDs applies the same rule in SQL
// (the heat map's and the coverage's counts); the report and the pack
// apply it here, so the numbers they show agree. For a round, a file
// returned (退回) on a task of the indicator is no evidence of it either
// (returnedHereSQL; the report asks ReturnedInRound).
func CountsAsEvidence(d *Document, withdrawn bool) bool {
	return d != nil && !withdrawn && d.Status != StatusFailed
}

// ValueNumberNotInQuote reports whether v waits for review with its quote
// found on its page, in its own unit, and its number not in it
// (数值未在引文中找到). A quote not found there or a passage in another
// unit is not this state: /values and the import say 引文不在第 N 页 and
// 单位不符 of those. A value whose quote is to be checked again (its look
// in the text read anew failed, Citation.RecheckError) is not either: its
// marks are the old text's, and the pages say 引文待重新核对 instead.
// Whether its cited document is withdrawn is the caller's to add.
func ValueNumberNotInQuote(v Value) bool {
	return v.Status == ClaimPending && !v.ValueFound && v.Citation.QuoteFound && v.PassageUnit == "" && v.Citation.RecheckError == ""
}

// ClaimNumberCheck says which numbers of a claim's statement (定性描述)
// none of its quotes writes (missing), and which a quote writes only as
// digits parted by a space (spaced: 1200场 against “1 200”): none when
// every one is written. values.Service.ClaimNumberCheck is the one the
// claim's page uses.
type ClaimNumberCheck func(ctx context.Context, c *Claim) (missing, spaced []string)

// ClaimNumbersStanding is how a claim's statement numbers stand against
// its quotes, for its indicator's state (coverage.Facts).
type ClaimNumbersStanding int

const (
	// ClaimNumbersFound: every number written, the claim reviewed, or
	// no check.
	ClaimNumbersFound ClaimNumbersStanding = iota
	// ClaimNumbersSpaced: one written only spaced (numbers_spaced).
	ClaimNumbersSpaced
	// ClaimNumbersMissing: one in no quote (numbers_not_found).
	ClaimNumbersMissing
)

// CheckClaimNumbers checks c's numbers with check when c waits for review
// (待审核) with citations: a reviewer's verdict settles a reviewed claim,
// and a claim citing nothing has no quote to find them in.
func CheckClaimNumbers(ctx context.Context, c *Claim, check ClaimNumberCheck) ClaimNumbersStanding {
	if check == nil || c.ReviewStatus() != ClaimPending || len(c.Citations) == 0 {
		return ClaimNumbersFound
	}
	switch missing, spaced := check(ctx, c); {
	case len(missing) > 0:
		return ClaimNumbersMissing
	case len(spaced) > 0:
		return ClaimNumbersSpaced
	}
	return ClaimNumbersFound
}
