package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
)

// The document fields that can be filled without the uploader, as named
// in Document.ExtractedFields and the API's extracted_fields.
const (
	FieldTitle     = "title"
	FieldDocNumber = "doc_number"
	FieldIssuer    = "issuer"
	FieldIssuedOn  = "issued_on"
	FieldRound     = "round"
)

// DefaultTitle is the title of a document whose uploader typed none: its
// file name without the extension. A document whose title is still its
// DefaultTitle counts as untitled, so the title read from its text may
// replace it.
func DefaultTitle(filename string) string {
	return strings.TrimSuffix(filename, path.Ext(filename))
}

// FieldFill holds fields read from a document's text, to fill those the
// uploader left empty.
type FieldFill struct {
	Title, DocNumber, Issuer, IssuedOn string // "" when the text does not have it
}

// IsExtracted reports whether field was filled automatically rather than
// typed (or confirmed by an edit).
func (d *Document) IsExtracted(field string) bool {
	return slices.Contains(d.ExtractedFields, field)
}

func encodeFields(fields []string) string { return strings.Join(fields, ",") }

func decodeFields(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// InferRound returns the monitoring round for a document whose uploader
// named none: the round of the year of issuedOn (YYYY…) when that round
// exists, else the current round; "" when there are no rounds.
func (s *Store) InferRound(ctx context.Context, issuedOn string) (string, error) {
	return inferRound(ctx, s.db, issuedOn)
}

func inferRound(ctx context.Context, q queryer, issuedOn string) (string, error) {
	if len(issuedOn) >= 4 {
		if y, err := strconv.Atoi(issuedOn[:4]); err == nil {
			var n int
			if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM round WHERE year = ?`, y).Scan(&n); err != nil {
				return "", fmt.Errorf("find round %d: %w", y, err)
			}
			if n > 0 {
				return strconv.Itoa(y), nil
			}
		}
	}
	var y int
	err := q.QueryRowContext(ctx, `SELECT COALESCE((SELECT year FROM round WHERE is_current = 1),
		(SELECT MAX(year) FROM round), 0)`).Scan(&y)
	if err != nil {
		return "", fmt.Errorf("find current round: %w", err)
	}
	if y == 0 {
		return "", nil
	}
	return strconv.Itoa(y), nil
}

// fillFields fills, inside a transaction, the fields of document id that
// the uploader left empty (the title when it is still the file name) from
// f, and re-infers the round when it was inferred before, from the date
// as it is now. Typed values are never touched; what was filled is added
// to extracted_fields.
func (s *Store) fillFields(ctx context.Context, tx *sql.Tx, id string, f FieldFill) error {
	var title, filename, number, issuer, issuedOn, round, extracted string
	err := tx.QueryRowContext(ctx, `SELECT title, filename, doc_number, issuer, issued_on, round, extracted_fields
		FROM document WHERE id = ?`+s.dialect.lockRow, id).Scan(&title, &filename, &number, &issuer, &issuedOn, &round, &extracted)
	if err != nil {
		return fmt.Errorf("read fields of %s: %w", id, err)
	}
	auto := decodeFields(extracted)
	fill := func(dst *string, empty bool, v, name string) {
		if empty && v != "" && *dst != v {
			*dst = v
			if !slices.Contains(auto, name) {
				auto = append(auto, name)
			}
		}
	}
	fill(&title, title == "" || title == DefaultTitle(filename), f.Title, FieldTitle)
	fill(&number, number == "", f.DocNumber, FieldDocNumber)
	fill(&issuer, issuer == "", f.Issuer, FieldIssuer)
	fill(&issuedOn, issuedOn == "", f.IssuedOn, FieldIssuedOn)
	if round == "" || slices.Contains(auto, FieldRound) {
		r, err := inferRound(ctx, tx, issuedOn)
		if err != nil {
			return err
		}
		if r != "" {
			round = r
			if !slices.Contains(auto, FieldRound) {
				auto = append(auto, FieldRound)
			}
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE document SET title = ?, doc_number = ?, issuer = ?, issued_on = ?, round = ?,
		extracted_fields = ? WHERE id = ?`, title, number, issuer, issuedOn, round, encodeFields(auto), id)
	if err != nil {
		return fmt.Errorf("fill fields of %s: %w", id, err)
	}
	return nil
}

// confirmFields removes from a document's extracted_fields those an edit
// gives a new value: a coordinator corrected them.
func (s *Store) confirmFields(ctx context.Context, tx *sql.Tx, id string, changed map[string]any) error {
	var extracted string
	cols := `extracted_fields, title, doc_number, issuer, issued_on, round`
	var cur [5]string
	err := tx.QueryRowContext(ctx, `SELECT `+cols+` FROM document WHERE id = ?`+s.dialect.lockRow, id).
		Scan(&extracted, &cur[0], &cur[1], &cur[2], &cur[3], &cur[4])
	if errors.Is(err, sql.ErrNoRows) || err == nil && extracted == "" {
		return nil // a missing document is reported by the update itself
	}
	if err != nil {
		return fmt.Errorf("read fields of %s: %w", id, err)
	}
	var keep []string
	for _, f := range decodeFields(extracted) {
		i := slices.Index([]string{FieldTitle, FieldDocNumber, FieldIssuer, FieldIssuedOn, FieldRound}, f)
		if v, ok := changed[f]; ok && i >= 0 && v != cur[i] {
			continue
		}
		keep = append(keep, f)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE document SET extracted_fields = ? WHERE id = ?`, encodeFields(keep), id); err != nil {
		return fmt.Errorf("confirm fields of %s: %w", id, err)
	}
	return nil
}
