package accounts

import (
	"context"
	"strings"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

// NewToken is a new API token; its secret is shown once and only its
// hash is stored.
type NewToken struct {
	ID    string
	Token string
	Label string
}

// Tokens returns the API tokens of owner without their secrets: the
// actor's own when owner is empty or the actor; another user's for admins
// only.
func (s *Service) Tokens(ctx context.Context, actor *catalog.User, owner string) ([]catalog.Token, error) {
	if owner == "" {
		owner = actor.Username
	}
	if owner != actor.Username {
		if err := requireAdmin(actor); err != nil {
			return nil, err
		}
	}
	return s.cat.Tokens(ctx, owner)
}

// EveryToken returns every account's API tokens, for the admin page's
// list of them; admins only (EFORBIDDEN otherwise).
func (s *Service) EveryToken(ctx context.Context, actor *catalog.User) ([]catalog.Token, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return s.cat.Tokens(ctx, "")
}

// CreateToken gives the actor a new API token.
func (s *Service) CreateToken(ctx context.Context, actor *catalog.User, label string) (*NewToken, error) {
	return s.createToken(ctx, actor, actor.Username, label)
}

func (s *Service) createToken(ctx context.Context, actor *catalog.User, owner, label string) (*NewToken, error) {
	t := &NewToken{Token: auth.NewToken(), Label: strings.TrimSpace(label)}
	var err error
	if t.ID, err = s.cat.CreateToken(ctx, owner, t.Token, t.Label, actor.Username); err != nil {
		return nil, err
	}
	return t, nil
}

// RevokeToken deletes an API token: users revoke their own, admins
// anyone's. Another user's token is ENOTFOUND to a non-admin, who learns
// nothing about which tokens exist.
func (s *Service) RevokeToken(ctx context.Context, actor *catalog.User, id string) error {
	owner := actor.Username
	if actor.Role == catalog.RoleAdmin {
		owner = ""
	}
	return s.cat.RevokeToken(ctx, id, owner, actor.Username)
}

// Events returns audit log entries matching f, newest first; admins only.
// None of an indicator that nothing names is EINVALID on indicator
// (catalog.Store.CheckIndicatorFilter).
func (s *Service) Events(ctx context.Context, actor *catalog.User, f catalog.EventFilter) ([]catalog.Event, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	// A city the catalog does not have would list nothing, read as “no
	// change to this indicator there” (probe s46 #3): a typo is said so.
	if f.IndicatorCity != "" {
		if _, err := s.cat.City(ctx, f.IndicatorCity); catalog.IsNotFound(err) {
			return nil, catalog.FieldErrorf("city", catalog.EINVALID, "没有城市代码为 %s 的城市；请检查城市代码（GB/T 2260 行政区划代码，如 330100 杭州）", f.IndicatorCity)
		} else if err != nil {
			return nil, err
		}
	}
	events, err := s.cat.FindEvents(ctx, f)
	if err == nil && len(events) == 0 && f.Indicator != "" {
		// A mistyped indicator code lists nothing either.
		err = s.cat.CheckIndicatorFilter(ctx, f.Indicator)
	}
	return events, err
}

// LatestEventsOf returns, for admins, the newest perObject events of
// each of objects logged with it as their own object
// (catalog.Store.LatestEventsOf): the audit log names a page's deleted
// claims, values and tasks by them in one query.
func (s *Service) LatestEventsOf(ctx context.Context, actor *catalog.User, objects []string, perObject int) (map[string][]catalog.Event, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return s.cat.LatestEventsOf(ctx, objects, perObject)
}
