package catalog

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// UnknownIndicatorCodes returns those of codes that no framework of any
// round holds, no document was ever linked to and no event of the audit
// log names (event_indicator), in the order given: a code mistyped in a
// filter, as opposed to one dropped from the framework whose links and
// events are still history.
func (s *Store) UnknownIndicatorCodes(ctx context.Context, codes []string) ([]string, error) {
	if len(codes) == 0 {
		return nil, nil
	}
	known := map[string]bool{}
	err := forInLists(codes, func(in string, args []any) error {
		rows, err := s.db.QueryContext(ctx, `SELECT code FROM indicator WHERE code IN `+in+`
			UNION SELECT indicator_code FROM link WHERE indicator_code IN `+in+`
			UNION SELECT indicator FROM event_indicator WHERE indicator IN `+in,
			append(append(slices.Clone(args), args...), args...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c string
			if err := rows.Scan(&c); err != nil {
				return err
			}
			known[c] = true
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("look up indicator codes: %w", err)
	}
	var unknown []string
	for _, c := range codes {
		if !known[c] && !slices.Contains(unknown, c) {
			unknown = append(unknown, c)
		}
	}
	return unknown, nil
}

// CheckIndicatorFilter is EINVALID on the field indicator, naming the
// codes, when one of codes is unknown (UnknownIndicatorCodes): a listing
// filtered by a mistyped code would answer nothing, which reads as "no
// evidence for this indicator". Callers ask it only when their answer is
// empty, so that a listing with rows reads nothing more.
func (s *Store) CheckIndicatorFilter(ctx context.Context, codes ...string) error {
	codes = slices.DeleteFunc(slices.Clone(codes), func(c string) bool { return c == "" })
	unknown, err := s.UnknownIndicatorCodes(ctx, codes)
	if err != nil {
		return err
	}
	if len(unknown) > 0 {
		return FieldErrorf("indicator", EINVALID, "没有编码为 %s 的指标；请检查指标编码（如 1.1.1），或从指标列表中选择", strings.Join(unknown, "、"))
	}
	return nil
}
