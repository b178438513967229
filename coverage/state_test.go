package coverage

import (
	"reflect"
	"testing"
)

// stateFacts are, for every state, the least facts that make it: a
// number not found or to check comes with the value or claim it is of,
// and everything below a gap with the evidence it needs.
var stateFacts = map[State]Facts{
	StateContradicted:          {Contradicted: true},
	StateInsufficient:          {Insufficient: true},
	StateVerifiedQuoteNotFound: {Verified: true, VerifiedQuoteNotFound: true},
	StateVerified:              {Verified: true},
	StateToConfirm:             {ToConfirm: true},
	StateSourceDeleted:         {SourceDeleted: true},
	StateValueNotFound:         {ValueNotFound: true, Valued: true, Evidence: true},
	StateClaimNumberNotFound:   {ClaimNumberNotFound: true, Claimed: true, Evidence: true},
	StateClaimNumberToCheck:    {ClaimNumberToCheck: true, Claimed: true, Evidence: true},
	StateValueToCheck:          {ValueToCheck: true, Valued: true, Evidence: true},
	StateNoValue:               {NoValue: true, Evidence: true},
	StateQuoteRecheck:          {QuoteRecheck: true, Valued: true, Evidence: true},
	StateQuoteNotFound:         {QuoteNotFound: true, Claimed: true, Evidence: true},
	StateClaimed:               {Claimed: true, Evidence: true},
	StateValued:                {Valued: true, Evidence: true},
	StateDocuments:             {Evidence: true},
	StateGap:                   {},
}

// both are the facts of a and of b together.
func both(a, b Facts) Facts {
	va, vb := reflect.ValueOf(&a).Elem(), reflect.ValueOf(b)
	for i := range va.NumField() {
		va.Field(i).SetBool(va.Field(i).Bool() || vb.Field(i).Bool())
	}
	return a
}

// TestEveryStateAndItsPrecedence: each state is what its own facts make,
// and of any two states' facts together the one earlier in the order
// wins: 与证据矛盾 over 证据不足 over 属实 over 待确认 over 出处已删除 over the
// numbers not found or to check, over 有佐证，缺数值, and a gap under
// everything a cell holds.
func TestEveryStateAndItsPrecedence(t *testing.T) {
	states := States()
	if len(states) != len(stateFacts) {
		t.Fatalf("%d states, %d with facts: every state needs its facts here", len(states), len(stateFacts))
	}
	for _, s := range states {
		f, ok := stateFacts[s]
		if !ok {
			t.Fatalf("state %d has no facts here", s)
		}
		if got := f.State(); got != s {
			t.Errorf("%+v: state %d, want %d", f, got, s)
		}
	}
	for i, first := range states {
		for _, later := range states[i+1:] {
			if got := both(stateFacts[first], stateFacts[later]).State(); got != first {
				t.Errorf("states %d and %d together: %d, want %d (the earlier)", first, later, got, first)
			}
			if got := both(stateFacts[later], stateFacts[first]).State(); got != first {
				t.Errorf("states %d and %d together: %d, want %d (the earlier)", later, first, got, first)
			}
		}
	}
}

// TestStateStatus: /compare, the report and the API say a state by its
// status: a value's or a claim's number not found alike, a number only
// spaced alike, and a quote to check again, a claim, a value and
// documents all as evidence; only a gap, 有佐证，缺数值, 待确认 alone and
// 引文未找到 are not covered.
func TestStateStatus(t *testing.T) {
	for _, c := range []struct {
		state   State
		status  string
		covered bool
	}{
		{StateContradicted, StatusContradicted, true},
		{StateInsufficient, StatusInsufficient, true},
		{StateVerifiedQuoteNotFound, StatusVerifiedQuoteNotFound, true},
		{StateVerified, StatusVerified, true},
		{StateToConfirm, StatusToConfirm, false},
		{StateSourceDeleted, StatusSourceDeleted, true},
		{StateValueNotFound, StatusValueNotFound, true},
		{StateClaimNumberNotFound, StatusValueNotFound, true},
		{StateClaimNumberToCheck, StatusNumberToCheck, true},
		{StateValueToCheck, StatusNumberToCheck, true},
		{StateNoValue, StatusNoValue, false},
		{StateQuoteRecheck, StatusEvidence, true},
		{StateQuoteNotFound, StatusQuoteNotFound, false},
		{StateClaimed, StatusEvidence, true},
		{StateValued, StatusEvidence, true},
		{StateDocuments, StatusEvidence, true},
		{StateGap, StatusGap, false},
	} {
		if got := c.state.Status(); got != c.status {
			t.Errorf("state %d: status %s, want %s", c.state, got, c.status)
		}
		if got := c.state.Covered(); got != c.covered {
			t.Errorf("state %d: covered %v, want %v", c.state, got, c.covered)
		}
	}
}

// TestCellState: a cell's counts make its state, items carried over and
// not confirmed being the state (待确认) only when nothing outranks them:
// in a round, no verdict; over all rounds (全部), nothing but a gap, as
// the rounds they were carried from count as they are.
func TestCellState(t *testing.T) {
	for _, c := range []struct {
		name string
		cell Cell
		want State
	}{
		{"与证据矛盾先于属实", Cell{Documents: 2, Claims: 2, Backed: 2, Verified: 1, Contradicted: 1}, StateContradicted},
		{"证据不足先于出处已删除", Cell{Kind: "quantitative", Insufficient: 1, SourcesDeleted: 1}, StateInsufficient},
		{"出处已删除先于数值未在引文中找到", Cell{Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1, SourcesDeleted: 1}, StateSourceDeleted},
		{"本轮结转的关联", Cell{Documents: 1, ToConfirm: 1}, StateToConfirm},
		{"全部轮次：有证据，另有待确认", Cell{Documents: 2, ToConfirm: 1, AllRounds: true}, StateDocuments},
		{"全部轮次：只有待确认", Cell{ToConfirm: 1, AllRounds: true}, StateToConfirm},
		{"全部轮次：定量指标缺数值，另有待确认", Cell{Kind: "quantitative", Documents: 1, ToConfirm: 1, AllRounds: true}, StateToConfirm},
		{"属实先于待确认", Cell{Documents: 1, Verified: 1, ToConfirm: 1}, StateVerified},
		{"数值的数字先于定性描述的", Cell{Kind: "quantitative", Documents: 1, Values: 1, ValuesNotFound: 1, Claims: 1, Backed: 1, ClaimsNotFound: 1}, StateValueNotFound},
		{"定性描述的空格数字先于数值的", Cell{Kind: "quantitative", Documents: 1, Values: 1, ValuesSpaced: 1, Claims: 1, Backed: 1, ClaimsSpaced: 1}, StateClaimNumberToCheck},
		{"数值未在引文中找到先于引文待重新核对", Cell{Kind: "quantitative", Documents: 1, Values: 2, ValuesNotFound: 1, QuotesToRecheck: 1}, StateValueNotFound},
		{"引文待重新核对", Cell{Kind: "quantitative", Documents: 1, Values: 1, QuotesToRecheck: 1}, StateQuoteRecheck},
		{"定性描述引用的文档已撤回", Cell{Claims: 1}, StateGap},
		{"定性描述", Cell{Documents: 1, Claims: 1, Backed: 1}, StateClaimed},
		{"数值", Cell{Kind: "quantitative", Documents: 1, Values: 1}, StateValued},
		{"定量指标有佐证缺数值", Cell{Kind: "quantitative", Documents: 3}, StateNoValue},
		{"只有文档", Cell{Documents: 3}, StateDocuments},
		{"什么都没有", Cell{}, StateGap},
	} {
		if got := c.cell.State(); got != c.want {
			t.Errorf("%s: state %d, want %d", c.name, got, c.want)
		}
	}
}
