package coverage

// State is what a key indicator's cell says, one of a few, in the one
// order of precedence every view of the coverage shares: the heat map's
// marks, the xlsx sheet's words, `evidence coverage`'s lines, /compare's
// and the report's statuses (Status) all map a State to their own words,
// so that no view weighs a cell differently from another. The constants
// are in that order: the first one a cell's facts make is its state.
type State int

const (
	// StateContradicted is 与证据矛盾: a claim or value a reviewer found
	// contradicted by its evidence; it outweighs everything else.
	StateContradicted State = iota
	// StateInsufficient is 证据不足: sent back for more evidence.
	StateInsufficient
	// StateVerifiedQuoteNotFound is 已核实（引文在文字中未找到）: verified,
	// and the indicator's evidence ties it only by a quote its document's
	// text does not have, which the reviewer checked against the
	// original's image (catalog.QuoteStanding's VerifiedNotFound).
	StateVerifiedQuoteNotFound
	// StateVerified is 属实 (已核实): a verified claim or value.
	StateVerified
	// StateToConfirm is 待确认 alone: carried over from the last round
	// and not confirmed, with no verdict of the round (Cell.CarriedOnly).
	StateToConfirm
	// StateSourceDeleted is 出处已删除: a claim or value resting only on
	// documents deleted since.
	StateSourceDeleted
	// StateValueNotFound is 数值未在引文中找到: a value not reviewed yet
	// whose number its quote does not write.
	StateValueNotFound
	// StateClaimNumberNotFound is 定性描述中的数字未在引文中找到: a claim's,
	// whose statement, not a 数值, is what to correct.
	StateClaimNumberNotFound
	// StateClaimNumberToCheck is 定性描述中的数字待核对: a claim's number
	// its quotes write only as digits parted by a space (1 200).
	StateClaimNumberToCheck
	// StateValueToCheck is 数值待核对: a value's number so written.
	StateValueToCheck
	// StateNoValue is 有佐证，缺数值: a quantitative indicator with
	// evidence and without its number; not covered.
	StateNoValue
	// StateQuoteRecheck is 引文待重新核对: a value whose quote's look in
	// its text read anew failed. Its marks are the old text's, so it
	// says nothing a number check above would not say first.
	StateQuoteRecheck
	// StateQuoteNotFound is 引文未找到: what would be 有证据 (a claim, a
	// value or documents) rests only on quotes on no page of their
	// documents' text, the claims' and the value's when there are any,
	// whatever is linked without a quote (catalog.QuoteStanding's
	// NotFound): no evidence to count, as the evidence pack's manifest
	// marks it.
	StateQuoteNotFound
	// StateClaimed is 已提交定性描述: a claim citing a live document.
	StateClaimed
	// StateValued is 已填报数值: a value whose source is live.
	StateValued
	// StateDocuments is evidence documents and nothing else to say.
	StateDocuments
	// StateGap is 缺: no evidence (a quantitative indicator's evidence
	// without its number is StateNoValue).
	StateGap
)

// States are every state, in their order of precedence.
func States() []State {
	out := make([]State, 0, StateGap+1)
	for s := StateContradicted; s <= StateGap; s++ {
		out = append(out, s)
	}
	return out
}

// Facts are what a key indicator's state in a round rests on: the cells
// of the heat map (Cell.facts), the rounds of /compare and the indicators
// of the report fill them from what they read.
type Facts struct {
	Contradicted, Insufficient, Verified bool // a reviewer's verdicts in the round
	ToConfirm                            bool // anything carried over and still 待确认
	// SourceDeleted: a claim or the value rests only on deleted
	// documents (catalog.SourcesDeleted); it counts in none of the
	// verdicts.
	SourceDeleted bool
	// ValueNotFound: a pending value's number is not in its quote
	// (catalog.ValueNumberNotInQuote); ClaimNumberNotFound: a pending
	// claim's number is in none of its quotes (ClaimNumbersMissing).
	ValueNotFound, ClaimNumberNotFound bool
	// ClaimNumberToCheck and ValueToCheck: a pending claim's or value's
	// number its quotes write only spaced.
	ClaimNumberToCheck, ValueToCheck bool
	NoValue                          bool // a quantitative indicator without its number
	Evidence                         bool // evidence documents, or a claim citing a live one
	// QuoteRecheck: a value's quote is to be checked again in its text
	// read anew (Citation.RecheckError).
	QuoteRecheck bool
	// QuoteNotFound and VerifiedQuoteNotFound: the indicator's evidence
	// ties it only by quotes its documents' text does not have, verified
	// all the same or not (catalog.QuoteStanding).
	QuoteNotFound, VerifiedQuoteNotFound bool
	Claimed                              bool // a claim citing a live document
	Valued                               bool // a value whose source is live
}

// State weighs f: every verdict a reviewer gave in the round first
// (与证据矛盾, 证据不足, 属实: resting only on a quote not found in the
// text, 已核实（引文在文字中未找到）), then what is carried over and not confirmed
// yet (待确认: not this round's evidence), then a claim or value whose
// documents are all deleted (出处已删除), then a number its quote does
// not write (a value's before a claim's), then one written only spaced
// (a claim's before a value's); a quantitative indicator without its
// number is 有佐证，缺数值 when it has evidence and a gap when it has none;
// without evidence nothing else counts; with it, a quote to check again,
// then quotes not found (引文未找到), then a claim, then a value, then the
// documents alone say what the cell holds.
func (f Facts) State() State {
	switch {
	case f.Contradicted:
		return StateContradicted
	case f.Insufficient:
		return StateInsufficient
	case f.Verified && f.VerifiedQuoteNotFound:
		return StateVerifiedQuoteNotFound
	case f.Verified:
		return StateVerified
	case f.ToConfirm:
		return StateToConfirm
	case f.SourceDeleted:
		return StateSourceDeleted
	case f.ValueNotFound:
		return StateValueNotFound
	case f.ClaimNumberNotFound:
		return StateClaimNumberNotFound
	case f.ClaimNumberToCheck:
		return StateClaimNumberToCheck
	case f.ValueToCheck:
		return StateValueToCheck
	case f.NoValue && f.Evidence:
		return StateNoValue
	case f.NoValue || !f.Evidence:
		return StateGap
	case f.QuoteRecheck:
		return StateQuoteRecheck
	case f.QuoteNotFound:
		return StateQuoteNotFound
	case f.Claimed:
		return StateClaimed
	case f.Valued:
		return StateValued
	}
	return StateDocuments
}

// Status is f's state as /compare and the report say it (State.Status).
func (f Facts) Status() string { return f.State().Status() }

// Status is s as /compare, the report and the API say it: the states of
// a number not found (a value's or a claim's) are value_not_found, those
// of a number written only spaced number_to_check, quotes not found
// quote_not_found (verified: verified_quote_not_found), and a quote to
// check again, a claim, a value or documents alone are evidence.
func (s State) Status() string {
	switch s {
	case StateContradicted:
		return StatusContradicted
	case StateInsufficient:
		return StatusInsufficient
	case StateVerified:
		return StatusVerified
	case StateVerifiedQuoteNotFound:
		return StatusVerifiedQuoteNotFound
	case StateQuoteNotFound:
		return StatusQuoteNotFound
	case StateToConfirm:
		return StatusToConfirm
	case StateSourceDeleted:
		return StatusSourceDeleted
	case StateValueNotFound, StateClaimNumberNotFound:
		return StatusValueNotFound
	case StateClaimNumberToCheck, StateValueToCheck:
		return StatusNumberToCheck
	case StateNoValue:
		return StatusNoValue
	case StateGap:
		return StatusGap
	}
	return StatusEvidence
}

// Covered reports whether a cell of state s counts as covered when it
// has evidence documents: not a gap, not 有佐证，缺数值, not 待确认 alone,
// not 引文未找到 (no evidence to count).
func (s State) Covered() bool {
	return s != StateToConfirm && s != StateGap && s != StateNoValue && s != StateQuoteNotFound
}

// State is the cell's state. Items carried over and not confirmed are
// the state (待确认) only when nothing outranks them (CarriedOnly);
// otherwise the views say ↻ 待确认 beside the state.
func (c Cell) State() State {
	if c.CarriedOnly() {
		return StateToConfirm
	}
	return c.facts().State()
}
