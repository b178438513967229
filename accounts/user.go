package accounts

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// User returns the account name for actor (an admin), so that a page can
// name whom an action will touch before it is confirmed; ENOTFOUND when
// there is no such account.
func (s *Service) User(ctx context.Context, actor *catalog.User, name string) (*catalog.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return s.cat.User(ctx, name)
}
