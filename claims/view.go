package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/search"
)

// List returns the claims u may see that match f: a coordinator's own
// city's, and none when they ask for another city (catalog/scope.go).
func (s *Service) List(ctx context.Context, u *catalog.User, f catalog.ClaimFilter) ([]catalog.Claim, error) {
	switch f.Status {
	case "", catalog.ClaimPending, catalog.ClaimToConfirm, catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted,
		catalog.ClaimWithdrawn:
	default:
		return nil, catalog.Errorf(catalog.EINVALID, "审核状态应为 pending（待审核）、to_confirm（待确认）、verified（属实）、insufficient（证据不足）、contradicted（与证据矛盾）或 withdrawn（已撤回）")
	}
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return []catalog.Claim{}, nil
	}
	f.City, f.Cities = "", cities
	return s.cat.FindClaims(ctx, f)
}

// Count returns how many claims u may see match f (its Limit and Offset
// aside), as List counts them: every status but withdrawn unless f asks
// for one.
func (s *Service) Count(ctx context.Context, u *catalog.User, f catalog.ClaimFilter) (int, error) {
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return 0, nil
	}
	f.City, f.Cities = "", cities
	counts, err := s.cat.ClaimStatusCounts(ctx, f)
	if err != nil {
		return 0, err
	}
	if f.Status != "" {
		return counts[f.Status], nil
	}
	n := 0
	for st, c := range counts {
		if st != catalog.ClaimWithdrawn {
			n += c
		}
	}
	return n, nil
}

// View is a claim as a reviewer checks it: each citation in its page
// context, the verdicts, and the history from the audit log, oldest
// first.
type View struct {
	Claim    *catalog.Claim
	Passages []CitedPassage
	Reviews  []catalog.Review
	History  []catalog.Event
	// Titles are the titles of the documents the citations and the
	// history's citations cite, by ID ("" for one not in the catalog).
	Titles map[string]string
	// Changes are how the history's events changed the statement, by
	// event ID (StatementChanges).
	Changes map[int64]StatementChange
	// CanEdit: u may change the claim; CanReview: u may record a verdict
	// on it now (a reviewer or admin who did not write it, while pending).
	CanEdit, CanReview bool
	// CanWithdraw: u may withdraw the claim (its city's coordinator or an
	// admin, while it is not verified or withdrawn).
	CanWithdraw bool
	// CanRevise: u may correct the claim's verdict (改判, CheckRevise).
	CanRevise bool
	// CarriedFrom is the earlier round's claim this one was carried from,
	// as it stands there (its statement, status and verdicts, which the
	// carry-over never changes), nil when it was written in its round.
	CarriedFrom        *catalog.Claim
	CarriedFromReviews []catalog.Review
}

// maxHistory bounds the history a claim view shows.
const maxHistory = 1000

// View returns the claim with everything its review needs.
func (s *Service) View(ctx context.Context, u *catalog.User, id string) (*View, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	v := &View{Claim: c, CanEdit: canWrite(u, c.City) == nil && c.Status != catalog.ClaimWithdrawn,
		CanReview: (u.Role == catalog.RoleReviewer || u.Role == catalog.RoleAdmin) && c.CreatedBy != u.Username &&
			c.ReviewStatus() == catalog.ClaimPending,
		CanWithdraw: CheckWithdraw(u, c) == nil, CanRevise: CheckRevise(u, c) == nil}
	if v.Passages, err = s.Passages(ctx, c); err != nil {
		return nil, err
	}
	if v.Reviews, err = s.cat.Reviews(ctx, c.ID); err != nil {
		return nil, err
	}
	carry, err := s.carriedFrom(ctx, v)
	if err != nil {
		return nil, err
	}
	if v.History, err = s.history(ctx, c.ID, carry); err != nil {
		return nil, err
	}
	v.Changes = StatementChanges(v.History)
	if err := s.titles(ctx, v); err != nil {
		return nil, err
	}
	return v, nil
}

// carriedFrom fills v's earlier round's claim and its verdicts when v's
// claim was carried over from it and it is still there, and returns the
// carry-over (nil for a claim written in its round).
func (s *Service) carriedFrom(ctx context.Context, v *View) (*catalog.Carryover, error) {
	carry, err := s.cat.CarriedInto(ctx, catalog.CarryClaim, v.Claim.ID)
	if catalog.IsNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	src, err := s.cat.Claim(ctx, carry.SourceID)
	if catalog.IsNotFound(err) {
		return carry, nil
	}
	if err != nil {
		return nil, err
	}
	if v.CarriedFromReviews, err = s.cat.Reviews(ctx, src.ID); err != nil {
		return nil, err
	}
	v.CarriedFrom = src
	return carry, nil
}

// Candidates proposes passages that could support a claim u may see,
// ranked by the numbers in its statement, then documents linked to its
// indicator, then shared terms.
func (s *Service) Candidates(ctx context.Context, u *catalog.User, id string, limit int) ([]search.Candidate, error) {
	c, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	links, err := s.cat.IndicatorLinks(ctx, c.Indicator, c.City)
	if err != nil {
		return nil, err
	}
	linked := make([]string, len(links))
	for i, l := range links {
		linked[i] = l.DocumentID
	}
	return s.search.ClaimCandidates(ctx, c, linked, min(max(limit, 1), 50))
}

// Queue is the review queue: the claims of one status and how many
// claims u may see are in each status.
type Queue struct {
	Claims []catalog.Claim
	Counts map[catalog.ClaimStatus]int
	// Next is the first pending claim u may give a verdict on, or nil.
	Next *catalog.Claim
	// ContradictedBefore holds, by ID, those of Claims carried from an
	// earlier round whose source a reviewer found 与证据矛盾 there: the
	// new copy starts 待审核 with no review, and the queue says so.
	ContradictedBefore map[string]catalog.PreviousVerdict
}

// Queue returns the claims u may see that match f, with the counts per
// status (of the same cities, indicator and round, every status) and the
// first claim waiting for u's verdict.
func (s *Service) Queue(ctx context.Context, u *catalog.User, f catalog.ClaimFilter) (*Queue, error) {
	list, err := s.List(ctx, u, f)
	if err != nil {
		return nil, err
	}
	q := &Queue{Claims: list, Counts: map[catalog.ClaimStatus]int{}}
	ids := make([]string, len(list))
	for i, c := range list {
		ids[i] = c.ID
	}
	if q.ContradictedBefore, err = s.cat.ContradictedBefore(ctx, ids); err != nil {
		return nil, err
	}
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return q, nil
	}
	cf := f
	cf.City, cf.Cities = "", cities
	if q.Counts, err = s.cat.ClaimStatusCounts(ctx, cf); err != nil {
		return nil, err
	}
	q.Next, err = s.NextPendingIn(ctx, u, "", catalog.ClaimFilter{City: f.City, Indicator: f.Indicator, Round: f.Round})
	if catalog.IsNotFound(err) {
		err = nil
	}
	return q, err
}

// RoundCount is how many claims a round has in some state.
type RoundCount struct {
	Round, Count int
}

// PendingIn counts, in each of rounds (those with none left out), the
// claims of f's city and indicator within u's scope waiting for a
// verdict (待审核), so that an empty queue can say where claims wait.
func (s *Service) PendingIn(ctx context.Context, u *catalog.User, f catalog.ClaimFilter, rounds []int) ([]RoundCount, error) {
	cities, visible := u.ScopeCity(f.City)
	if !visible {
		return nil, nil
	}
	var out []RoundCount
	for _, y := range rounds {
		cf := catalog.ClaimFilter{Cities: cities, Indicator: f.Indicator, Round: y}
		counts, err := s.cat.ClaimStatusCounts(ctx, cf)
		if err != nil {
			return nil, fmt.Errorf("count pending claims of round %d: %w", y, err)
		}
		if n := counts[catalog.ClaimPending]; n > 0 {
			out = append(out, RoundCount{Round: y, Count: n})
		}
	}
	return out, nil
}

// queuePage is how many pending claims NextPendingIn reads at a time.
const queuePage = 100

// NextPending returns the pending claim after the one with id after (in
// queue order, oldest change first, wrapping round) that u may give a
// verdict on: reviewers and admins, never on their own claims. With no
// such claim it returns ENOTFOUND.
func (s *Service) NextPending(ctx context.Context, u *catalog.User, after string) (*catalog.Claim, error) {
	return s.NextPendingIn(ctx, u, after, catalog.ClaimFilter{})
}

// NextPendingIn is NextPending among the claims of f's city, indicator
// and round (those set): the review queue's "next" with its filters. The
// queue is read a page at a time from just after the claim (by cursor),
// then from its start: all of it, where reading only its first 500 left a
// reviewer going from claim to claim turning round at the 500th, and an
// admin whose own claims filled them with no next at all.
func (s *Service) NextPendingIn(ctx context.Context, u *catalog.User, after string, f catalog.ClaimFilter) (*catalog.Claim, error) {
	none := catalog.Errorf(catalog.ENOTFOUND, "没有其他待审核的定性描述")
	if u.Role != catalog.RoleReviewer && u.Role != catalog.RoleAdmin {
		return nil, none
	}
	starts := []string{""}
	if after != "" {
		if c, err := s.cat.Claim(ctx, after); err == nil {
			starts = []string{catalog.ClaimCursor(*c), ""}
		}
	}
	pf := catalog.ClaimFilter{City: f.City, Indicator: f.Indicator, Round: f.Round, Status: catalog.ClaimPending, Limit: queuePage}
	for _, start := range starts {
		for pf.After = start; ; {
			list, err := s.List(ctx, u, pf)
			if err != nil {
				return nil, err
			}
			for _, c := range list {
				if c.ID != after && c.CreatedBy != u.Username {
					return &c, nil
				}
			}
			if len(list) < pf.Limit {
				break
			}
			pf.After = catalog.ClaimCursor(list[len(list)-1])
		}
	}
	return nil, none
}

// LastReviews returns the latest review of each of list's reviewed
// claims (by claim ID), to show a verdict with its reason beside the
// claim.
func (s *Service) LastReviews(ctx context.Context, list []catalog.Claim) (map[string]catalog.Review, error) {
	var ids []string
	for _, c := range list {
		if c.Status != catalog.ClaimPending {
			ids = append(ids, c.ID)
		}
	}
	all, err := s.cat.ReviewsOf(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("reviews of the claims: %w", err)
	}
	return catalog.LastOf(all), nil
}
