package coverage

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Load assembles the coverage matrix of a round (0: all rounds) for one
// city, or for every city when city is empty.
func Load(ctx context.Context, cat *catalog.Store, round int, city string) (*Matrix, error) {
	_, inds, err := cat.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	var cities []catalog.City
	if city != "" {
		c, err := cat.City(ctx, city)
		if err != nil {
			return nil, err
		}
		cities = []catalog.City{c}
	} else if cities, err = cat.Cities(ctx); err != nil {
		return nil, err
	}
	counts, err := cat.CountLinks(ctx, round, city)
	if err != nil {
		return nil, err
	}
	claims, err := cat.CountClaims(ctx, round, city)
	if err != nil {
		return nil, err
	}
	return Build(round, cities, inds, counts, claims), nil
}
